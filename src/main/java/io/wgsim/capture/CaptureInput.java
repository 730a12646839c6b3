package io.wgsim.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** A capture file's bytes with the offset read so far, for error messages that say where. */
final class CaptureInput implements Closeable {
    /** The longest block or record a reader accepts (64 MiB); longer lengths are treated as corruption. */
    static final int MAX_UNIT = 64 << 20;

    private final InputStream in;
    private final String source;
    private long offset;

    CaptureInput(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    String source() {
        return source;
    }

    /** How many bytes have been read: the offset of the next one. */
    long offset() {
        return offset;
    }

    /**
     * {@code n} bytes of the unit (block, record) starting at {@code unitOffset}, or null when the file
     * ends cleanly before the first of them.
     */
    byte[] readOrEnd(int n, long unitOffset, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        offset += b.length;
        if (b.length == 0 && n > 0) {
            return null;
        }
        if (b.length < n) {
            throw truncated(unitOffset, what, n, b.length);
        }
        return b;
    }

    /** {@code n} bytes of the unit starting at {@code unitOffset}; the file must not end first. */
    byte[] read(int n, long unitOffset, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        offset += b.length;
        if (b.length < n) {
            throw truncated(unitOffset, what, n, b.length);
        }
        return b;
    }

    /** Skips {@code n} bytes of the unit starting at {@code unitOffset}; the file must not end first. */
    void skip(long n, long unitOffset, String what) throws IOException {
        long left = n;
        byte[] scratch = null;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                // skip() may refuse to move at the end or on some streams; a read tells which.
                if (scratch == null) {
                    scratch = new byte[(int) Math.min(8192, left)];
                }
                int r = in.read(scratch, 0, (int) Math.min(scratch.length, left));
                if (r < 0) {
                    throw truncated(unitOffset, what, n, n - left);
                }
                skipped = r;
            }
            left -= skipped;
            offset += skipped;
        }
    }

    CaptureFormatException corrupt(long at, String problem) {
        return new CaptureFormatException(source, at, problem);
    }

    private CaptureFormatException truncated(long unitOffset, String what, long wanted, long got) {
        return new CaptureFormatException(source, unitOffset, "truncated file: " + what + " needs " + wanted
                + " more bytes, the file ends after " + got);
    }

    @Override public void close() throws IOException {
        in.close();
    }
}
