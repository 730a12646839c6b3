package io.wgsim.capture;

import java.util.Arrays;

/** Builds one little-endian pcapng block: the body is appended, then {@link #finish} frames it. */
final class BlockBuilder {
    private byte[] buf;
    private int len = 8; // room for the block type and the leading length

    BlockBuilder(int bodyCapacity) {
        buf = new byte[8 + bodyCapacity + 4];
    }

    BlockBuilder u16(int v) {
        ensure(2);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
        return this;
    }

    BlockBuilder u32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[len++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    BlockBuilder u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[len++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** The bytes, then zeros up to the next multiple of 4. */
    BlockBuilder padded(byte[] b) {
        ensure(b.length + 3);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        while ((len & 3) != 0) {
            buf[len++] = 0;
        }
        return this;
    }

    /** One option: code, value length, value padded to 32 bits. */
    BlockBuilder option(int code, byte[] value) {
        if (value.length > 0xffff) {
            throw new IllegalArgumentException("option " + code + " value of " + value.length + " bytes exceeds 65535");
        }
        return u16(code).u16(value.length).padded(value);
    }

    /** The opt_endofopt option that ends every option list. */
    BlockBuilder endOfOptions() {
        return u16(0).u16(0);
    }

    /** The whole block: type, total length, body, total length again. */
    byte[] finish(int type) {
        ensure(4);
        int total = len + 4;
        len = 0;
        u32(type).u32(total);
        len = total - 4;
        u32(total);
        return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more + 4));
        }
    }
}
