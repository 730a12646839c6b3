package io.wgsim.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Hand-built pcapng blocks and pcap files in either byte order, written here field by field from the
 * drafts, independently of {@link PcapngWriter}, so the readers can be tested on big-endian and odd files.
 */
final class Blocks {
    private final ByteOrder order;
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();

    Blocks(ByteOrder order) {
        this.order = order;
    }

    byte[] bytes() {
        return file.toByteArray();
    }

    int size() {
        return file.size();
    }

    /** A block with this body (padded here to 32 bits). */
    Blocks block(int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(12 + padded).order(order);
        b.putInt(type).putInt(12 + padded).put(body);
        b.position(8 + padded);
        b.putInt(12 + padded);
        file.writeBytes(b.array());
        return this;
    }

    Blocks raw(byte[] bytes) {
        file.writeBytes(bytes);
        return this;
    }

    Blocks shb(int major, int minor) {
        return block(PcapngReader.SHB, body().putInt(PcapngReader.BYTE_ORDER_MAGIC).putShort((short) major)
                .putShort((short) minor).putLong(-1).done());
    }

    Blocks shb() {
        return shb(1, 0);
    }

    /** An IDB; tsresol < 0 leaves the option out, name null too; tsoffset 0 leaves it out. */
    Blocks idb(int linkType, int snapLength, String name, int tsresol, long tsoffset) {
        Body b = body().putShort((short) linkType).putShort((short) 0).putInt(snapLength);
        if (name != null) {
            b.option(PcapngReader.IF_NAME, name.getBytes(StandardCharsets.UTF_8));
        }
        if (tsresol >= 0) {
            b.option(PcapngReader.IF_TSRESOL, new byte[] {(byte) tsresol});
        }
        if (tsoffset != 0) {
            b.option(PcapngReader.IF_TSOFFSET, ByteBuffer.allocate(8).order(order).putLong(tsoffset).array());
        }
        return block(PcapngReader.IDB, b.putShort((short) 0).putShort((short) 0).done());
    }

    Blocks epb(int interfaceId, long units, byte[] data, int originalLength) {
        return block(PcapngReader.EPB, body().putInt(interfaceId).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(data.length).putInt(originalLength).put(data).pad().done());
    }

    Blocks spb(int originalLength, byte[] data) {
        return block(PcapngReader.SPB, body().putInt(originalLength).put(data).pad().done());
    }

    Blocks pb(int interfaceId, long units, byte[] data) {
        return block(PcapngReader.PB, body().putShort((short) interfaceId).putShort((short) 0)
                .putInt((int) (units >>> 32)).putInt((int) units).putInt(data.length).putInt(data.length).put(data).pad().done());
    }

    Blocks dsb(int type, byte[] secrets) {
        return block(PcapngReader.DSB, body().putInt(type).putInt(secrets.length).put(secrets).pad().done());
    }

    Body body() {
        return new Body();
    }

    /** A growing block body in this file's byte order. */
    final class Body {
        private ByteBuffer b = ByteBuffer.allocate(256).order(order);

        private Body room(int n) {
            if (b.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + n)).order(order);
                b.flip();
                bigger.put(b);
                b = bigger;
            }
            return this;
        }

        Body putShort(short v) {
            room(2).b.putShort(v);
            return this;
        }

        Body putInt(int v) {
            room(4).b.putInt(v);
            return this;
        }

        Body putLong(long v) {
            room(8).b.putLong(v);
            return this;
        }

        Body put(byte[] v) {
            room(v.length).b.put(v);
            return this;
        }

        Body pad() {
            while ((b.position() & 3) != 0) {
                room(1).b.put((byte) 0);
            }
            return this;
        }

        Body option(int code, byte[] value) {
            return putShort((short) code).putShort((short) value.length).put(value).pad();
        }

        byte[] done() {
            byte[] out = new byte[b.position()];
            b.flip().get(out);
            return out;
        }
    }

    // ---- classic pcap ----

    static byte[] pcapHeader(ByteOrder order, int magic, int snapLength, int linkTypeField) {
        return ByteBuffer.allocate(24).order(order).putInt(magic).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(snapLength).putInt(linkTypeField).array();
    }

    static byte[] pcapRecord(ByteOrder order, long seconds, long fraction, byte[] data, int originalLength) {
        return ByteBuffer.allocate(16 + data.length).order(order).putInt((int) seconds).putInt((int) fraction)
                .putInt(data.length).putInt(originalLength).put(data).array();
    }
}
