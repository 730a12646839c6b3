package io.wgsim.protocol.wire;

import java.util.Arrays;

/** Little-endian field access shared by the message records. */
final class Fields {
    private Fields() {}

    static int readIntLE(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    static long readLongLE(byte[] b, int off) {
        return (readIntLE(b, off) & 0xffffffffL) | ((long) readIntLE(b, off + 4)) << 32;
    }

    static void writeIntLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    static void writeLongLE(byte[] b, int off, long v) {
        writeIntLE(b, off, (int) v);
        writeIntLE(b, off + 4, (int) (v >>> 32));
    }

    static byte[] slice(byte[] b, int off, int len) {
        return Arrays.copyOfRange(b, off, off + len);
    }

    /** Throws unless b holds a message of this type with zero reserved bytes and the given size. */
    static void check(byte[] b, MessageType type, int expectedSize) {
        if (b.length != expectedSize) {
            throw new IllegalArgumentException(type + " must be " + expectedSize + " bytes, got " + b.length);
        }
        if (b[0] != type.wireValue() || b[1] != 0 || b[2] != 0 || b[3] != 0) {
            throw new IllegalArgumentException("not a " + type + " header");
        }
    }

    static byte[] header(MessageType type, int size) {
        byte[] b = new byte[size];
        b[0] = (byte) type.wireValue();
        return b;
    }
}
