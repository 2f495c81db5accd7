package org.semper.mail.testing;

import java.io.InputStream;

/** An input stream of {@code length} zero bytes that holds none of them in memory. */
public final class Zeros extends InputStream {

    private long remaining;

    public Zeros(long length) {
        this.remaining = length;
    }

    @Override
    public int read() {
        if (remaining <= 0) {
            return -1;
        }
        remaining--;
        return 0;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (remaining <= 0) {
            return -1;
        }
        int n = (int) Math.min(length, remaining);
        java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
        remaining -= n;
        return n;
    }
}
