package org.semper.tsa.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SerialNumberAllocatorTest {

    @Test
    void twoInstancesSharingOneSequenceNeverCollide() throws Exception {
        AtomicLong sequence = new AtomicLong(); // stands for the database sequence both replicas use
        SerialNumberAllocator a = new SerialNumberAllocator(sequence::incrementAndGet, 100);
        SerialNumberAllocator b = new SerialNumberAllocator(sequence::incrementAndGet, 100);
        Set<BigInteger> seen = Collections.synchronizedSet(new HashSet<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            SerialNumberAllocator allocator = t % 2 == 0 ? a : b;
            pool.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    assertThat(seen.add(allocator.next())).isTrue();
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(20_000);
        assertThat(seen).allMatch(s -> s.signum() > 0);
    }

    @Test
    void aRestartedInstanceSkipsTheRestOfItsBlock() {
        AtomicLong sequence = new AtomicLong();
        SerialNumberAllocator before = new SerialNumberAllocator(sequence::incrementAndGet, 10);
        BigInteger first = before.next();
        SerialNumberAllocator after = new SerialNumberAllocator(sequence::incrementAndGet, 10);
        assertThat(after.next()).isGreaterThan(first.add(BigInteger.valueOf(9)));
    }

    @Test
    void refusesANonPositiveBlock() {
        SerialNumberAllocator broken = new SerialNumberAllocator(() -> 0, 10);
        assertThatThrownBy(broken::next).isInstanceOf(IllegalStateException.class);
    }
}
