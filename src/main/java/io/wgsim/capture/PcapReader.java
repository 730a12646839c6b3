package io.wgsim.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A streaming reader of classic libpcap files (draft-ietf-opsawg-pcap): magic 0xA1B2C3D4 (microsecond
 * timestamps) or 0xA1B23C4D (nanosecond timestamps), written in either byte order, version 2.x. The
 * whole file is one interface, with the header's link type.
 *
 * <p>A record whose captured length exceeds 64 MiB, or a file that ends inside the header or a record,
 * is reported as a {@link CaptureFormatException} giving the offset of the header or record.
 */
public final class PcapReader implements CaptureReader {

    public static final int MAGIC_MICROSECONDS = 0xA1B2C3D4;
    public static final int MAGIC_NANOSECONDS = 0xA1B23C4D;

    static final int HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;

    private final CaptureInput in;
    private final ByteOrder order;
    private final boolean nanosecond;
    private final CaptureInterface iface;

    /** Reads the file header from the stream; {@code source} names the stream in errors. */
    public PcapReader(InputStream in, String source) throws IOException {
        this.in = new CaptureInput(in, source);
        byte[] header = this.in.read(HEADER_LENGTH, 0, "pcap file header");
        int magic = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == MAGIC_MICROSECONDS || magic == MAGIC_NANOSECONDS) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICROSECONDS || Integer.reverseBytes(magic) == MAGIC_NANOSECONDS) {
            order = ByteOrder.LITTLE_ENDIAN;
            magic = Integer.reverseBytes(magic);
        } else {
            throw this.in.corrupt(0, String.format("not a pcap file: magic 0x%08x", magic));
        }
        nanosecond = magic == MAGIC_NANOSECONDS;
        ByteBuffer h = ByteBuffer.wrap(header).order(order);
        int major = h.getShort(4) & 0xffff;
        int minor = h.getShort(6) & 0xffff;
        if (major != 2) {
            throw this.in.corrupt(4, "unsupported pcap version " + major + "." + minor + " (this reader knows 2.x)");
        }
        long snapLength = Integer.toUnsignedLong(h.getInt(16));
        int linkTypeField = h.getInt(20);
        // Bits 16-25 (R and Reserved3) must be zero; bits 26-31 hold the optional FCS length.
        if ((linkTypeField & 0x03ff0000) != 0) {
            throw this.in.corrupt(20, String.format("reserved bits set in the link type field 0x%08x", linkTypeField));
        }
        iface = new CaptureInterface(0, 0, linkTypeField & 0xffff, snapLength, null, nanosecond ? 9 : 6);
    }

    /** Opens a classic pcap file. */
    public static PcapReader open(Path file) throws IOException {
        InputStream stream = Files.newInputStream(file);
        try {
            return new PcapReader(new BufferedInputStream(stream, 1 << 16), file.toString());
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** Whether these first four bytes are a pcap magic number, in either byte order. */
    static boolean isMagic(byte[] first4) {
        if (first4.length < 4) {
            return false;
        }
        int m = ByteBuffer.wrap(first4).order(ByteOrder.BIG_ENDIAN).getInt(0);
        int r = Integer.reverseBytes(m);
        return m == MAGIC_MICROSECONDS || m == MAGIC_NANOSECONDS || r == MAGIC_MICROSECONDS || r == MAGIC_NANOSECONDS;
    }

    @Override public CaptureFormat format() {
        return CaptureFormat.PCAP;
    }

    /** Whether timestamps are stored in nanoseconds (magic 0xA1B23C4D) rather than microseconds. */
    public boolean nanosecondTimestamps() {
        return nanosecond;
    }

    @Override public List<CaptureInterface> interfaces() {
        return List.of(iface);
    }

    @Override public List<DecryptionSecrets> secrets() {
        return List.of();
    }

    @Override public CaptureRecord next() throws IOException {
        long at = in.offset();
        byte[] head = in.readOrEnd(RECORD_HEADER_LENGTH, at, "packet record header");
        if (head == null) {
            return null;
        }
        ByteBuffer h = ByteBuffer.wrap(head).order(order);
        long seconds = Integer.toUnsignedLong(h.getInt(0));
        long fraction = Integer.toUnsignedLong(h.getInt(4));
        long captured = Integer.toUnsignedLong(h.getInt(8));
        long original = Integer.toUnsignedLong(h.getInt(12));
        if (captured > CaptureInput.MAX_UNIT) {
            throw in.corrupt(at + 8, "packet record declares " + captured + " captured bytes, more than this reader's limit of "
                    + CaptureInput.MAX_UNIT);
        }
        byte[] data = in.read((int) captured, at, "packet record of " + captured + " bytes");
        long nanos = seconds * 1_000_000_000L + (nanosecond ? fraction : fraction * 1000L);
        return new CaptureRecord(0, iface.linkType(), nanos, original, data);
    }

    @Override public void close() throws IOException {
        in.close();
    }
}
