package org.semper.tsa.serial;

import java.math.BigInteger;
import java.util.function.LongSupplier;

/**
 * Token serial numbers, unique across every replica and never reused (RFC 3161 §2.4.2 requires uniqueness per TSA).
 *
 * <p>Each instance reserves a block of {@code blockSize} numbers by taking one value {@code b} of a PostgreSQL
 * sequence and then hands out {@code b * blockSize + i}. Sequence values are never handed out twice, not even after
 * a crash (PostgreSQL WAL-logs sequences ahead of use), so blocks never overlap; numbers left in a block when an
 * instance stops are simply skipped. The issued-token table's primary key is a second, independent guard.
 */
public final class SerialNumberAllocator {

    private final LongSupplier nextBlock;
    private final long blockSize;
    private long next;
    private long end;

    /** @param nextBlock yields a fresh, never-before-seen block number ≥ 1 (a database sequence) */
    public SerialNumberAllocator(LongSupplier nextBlock, long blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be positive");
        }
        this.nextBlock = nextBlock;
        this.blockSize = blockSize;
    }

    public synchronized BigInteger next() {
        if (next == end) {
            long block = nextBlock.getAsLong();
            if (block < 1) {
                throw new IllegalStateException("serial block sequence returned " + block);
            }
            next = Math.multiplyExact(block, blockSize);
            end = next + blockSize;
        }
        return BigInteger.valueOf(next++);
    }
}
