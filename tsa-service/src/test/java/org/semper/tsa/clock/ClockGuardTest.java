package org.semper.tsa.clock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ClockGuardTest {

    private static final ClockPolicy POLICY =
            new ClockPolicy(Duration.ofSeconds(1), Duration.ofSeconds(64), Duration.ofMinutes(5));

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final SettableClockSource source = new SettableClockSource(clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LogCapture log = LogCapture.of(ClockGuard.class);
    private final ClockGuard guard = new ClockGuard(source, POLICY, registry, clock);

    @AfterEach
    void tearDown() {
        guard.stop();
        log.close();
    }

    @Test
    void trustsAnOffsetWithinTheStatedAccuracy() {
        source.offset(Duration.ofMillis(200));
        guard.refreshNow();

        assertThat(guard.trusted()).isTrue();
        assertThat(guard.distrustReason()).isEmpty();
        assertThat(guard.requireTrusted().reading().offset()).contains(Duration.ofMillis(200));
        assertThat(trustedGauge()).isEqualTo(1.0);
        assertThat(offsetGauge()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void trustsAnOffsetOfExactlyTheStatedAccuracy() {
        source.offset(Duration.ofSeconds(-1));
        guard.refreshNow();

        assertThat(guard.trusted()).isTrue();
    }

    @Test
    void distrustsAnOffsetBeyondTheStatedAccuracyNamingOffsetAndLimit() {
        source.offset(Duration.ofMillis(1500));
        guard.refreshNow();

        assertThat(guard.trusted()).isFalse();
        assertThat(guard.distrustReason())
                .contains("offset 1.500 s exceeds the allowed 1.000 s against " + SettableClockSource.SOURCE);
        assertThat(guard.status().distrust()).contains(ClockDistrust.OFFSET_EXCEEDED);
        assertThat(trustedGauge()).isEqualTo(0.0);
        assertThat(offsetGauge()).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void distrustsANegativeOffsetBeyondTheStatedAccuracy() {
        source.offset(Duration.ofMillis(-1001));
        guard.refreshNow();

        assertThat(guard.distrustReason()).contains("offset -1.001 s exceeds the allowed 1.000 s against "
                + SettableClockSource.SOURCE);
    }

    @Test
    void distrustsAnUnsynchronisedClock() {
        source.unsynchronised("no answer from 127.0.0.1:4123");
        guard.refreshNow();

        assertThat(guard.trusted()).isFalse();
        assertThat(guard.status().distrust()).contains(ClockDistrust.NOT_SYNCHRONISED);
        assertThat(guard.distrustReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("not synchronised").contains(SettableClockSource.SOURCE)
                .contains("no answer from 127.0.0.1:4123"));
        assertThat(trustedGauge()).isEqualTo(0.0);
        assertThat(offsetGauge()).isNaN();
    }

    @Test
    void distrustsAReadingOlderThanTheMaximumAge() {
        source.offset(Duration.ZERO);
        guard.refreshNow();

        clock.advance(POLICY.maxAge());
        assertThat(guard.trusted()).as("exactly max-age old").isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(guard.trusted()).isFalse();
        assertThat(guard.status().distrust()).contains(ClockDistrust.READING_STALE);
        assertThat(guard.distrustReason()).contains("last clock reading from " + SettableClockSource.SOURCE
                + " is 301.000 s old, older than the allowed 300.000 s");
        assertThat(trustedGauge()).isEqualTo(0.0);
    }

    @Test
    void trustsAgainAfterAGoodReadingAndLogsEachTransition() {
        source.offset(Duration.ofMillis(100));
        guard.refreshNow();
        assertThat(guard.trusted()).isTrue();
        assertThat(log.messages(Level.INFO)).anySatisfy(m -> assertThat(m).startsWith("Clock trusted:"));

        source.offset(Duration.ofSeconds(5));
        guard.refreshNow();
        assertThat(guard.trusted()).isFalse();
        guard.trusted();
        assertThat(log.messages(Level.WARNING)).singleElement().satisfies(m -> assertThat(m)
                .contains("NOT trusted").contains("offset 5.000 s exceeds the allowed 1.000 s"));

        source.offset(Duration.ofMillis(300));
        guard.refreshNow();
        assertThat(guard.trusted()).isTrue();
        assertThat(guard.distrustReason()).isEmpty();
        assertThat(trustedGauge()).isEqualTo(1.0);
        assertThat(log.messages(Level.INFO)).anySatisfy(m -> assertThat(m).startsWith("Clock trusted again:"));
        assertThat(log.messages(Level.WARNING)).hasSize(1);
    }

    @Test
    void distrustsTheClockBeforeTheFirstReading() {
        assertThat(guard.trusted()).isFalse();
        assertThat(guard.status().distrust()).contains(ClockDistrust.NO_READING);
        assertThat(guard.lastReading().synchronised()).isFalse();
        assertThat(trustedGauge()).isEqualTo(0.0);
        assertThatThrownBy(guard::requireTrusted).isInstanceOf(UntrustedClockException.class)
                .hasMessage(ClockDistrust.NO_READING.describe());
    }

    @Test
    void refusesWithATypedErrorCarryingTheReason() {
        source.offset(Duration.ofSeconds(2));
        guard.refreshNow();

        assertThatThrownBy(guard::requireTrusted).isInstanceOfSatisfying(UntrustedClockException.class, e -> {
            assertThat(e.distrust()).isEqualTo(ClockDistrust.OFFSET_EXCEEDED);
            assertThat(e).hasMessageContaining("offset 2.000 s exceeds the allowed 1.000 s");
        });
    }

    @Test
    void survivesASourceThatThrows() {
        source.offset(Duration.ZERO);
        guard.refreshNow();
        source.failing(new IllegalStateException("socket exploded"));

        guard.refreshNow();

        assertThat(guard.trusted()).isFalse();
        assertThat(guard.distrustReason()).hasValueSatisfying(r -> assertThat(r).contains("socket exploded"));
    }

    @Test
    void startReadsSynchronouslyThenPeriodicallyAndStopEndsTheSchedule() throws Exception {
        MutableClock frozen = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        SettableClockSource counted = new SettableClockSource(frozen).offset(Duration.ofMillis(10));
        ClockGuard fast = new ClockGuard(counted,
                new ClockPolicy(Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofMinutes(5)),
                new SimpleMeterRegistry(), frozen);
        try {
            fast.start();
            assertThat(counted.reads()).as("first reading made before start returns").isGreaterThanOrEqualTo(1);
            assertThat(fast.trusted()).isTrue();

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (counted.reads() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(counted.reads()).as("periodic readings").isGreaterThanOrEqualTo(4);
        } finally {
            fast.stop();
        }
        Thread.sleep(50);
        int afterStop = counted.reads();
        Thread.sleep(200);
        assertThat(counted.reads()).as("no readings after stop").isEqualTo(afterStop);
    }

    @Test
    void registersGaugesUnderTheirNames() {
        assertThat(registry.find(ClockGuard.TRUSTED_GAUGE).gauge()).isNotNull();
        assertThat(registry.find(ClockGuard.OFFSET_GAUGE).gauge()).isNotNull();
        assertThat(ClockGuard.TRUSTED_GAUGE).isEqualTo("semper.tsa.clock.trusted");
        assertThat(ClockGuard.OFFSET_GAUGE).isEqualTo("semper.tsa.clock.offset.seconds");
    }

    private double trustedGauge() {
        return registry.get(ClockGuard.TRUSTED_GAUGE).gauge().value();
    }

    private double offsetGauge() {
        return registry.get(ClockGuard.OFFSET_GAUGE).gauge().value();
    }
}
