package io.wgsim.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal streaming pcapng reader (draft-ietf-opsawg-pcapng). It understands the Section Header,
 * Interface Description, Enhanced Packet, Simple Packet, obsolete Packet and Decryption Secrets blocks,
 * sections of either byte order (one file may mix them), and skips every other block whole, as the
 * format asks. Of the options it reads only if_name, if_tsresol and if_tsoffset.
 *
 * <p>Each block's lengths are checked: the leading and trailing Block Total Length must agree, be a
 * multiple of 4 and no smaller than the block's fixed part, and packet, secrets and option lengths must
 * stay inside their block. A violation, or a file that ends inside a block, is reported as a
 * {@link CaptureFormatException} giving the byte offset of the block (or of the field) at fault.
 */
public final class PcapngReader implements CaptureReader {

    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 0x00000001;
    static final int PB = 0x00000002;
    static final int SPB = 0x00000003;
    static final int EPB = 0x00000006;
    static final int DSB = 0x0000000A;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    static final int OPT_ENDOFOPT = 0;
    static final int IF_NAME = 2;
    static final int IF_TSRESOL = 9;
    static final int IF_TSOFFSET = 14;

    /** The largest block read; a longer Block Total Length is reported as corrupt. */
    public static final int MAX_BLOCK_LENGTH = CaptureInput.MAX_UNIT;

    private static final int DEFAULT_TSRESOL = 6;
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private final CaptureInput in;
    private ByteOrder order;
    private int section = -1;
    private final List<Interface> sectionInterfaces = new ArrayList<>();
    private final List<CaptureInterface> interfaces = new ArrayList<>();
    private final List<DecryptionSecrets> secrets = new ArrayList<>();
    private long packets;

    /** An interface of the current section, with what converting its timestamps needs. */
    private record Interface(CaptureInterface info, long tsoffsetSeconds) {}

    /** A block read whole: its type, offset in the file and body (between the two lengths). */
    private record Block(int type, long offset, ByteBuffer body) {
        /** The file offset of a byte of the body. */
        long at(int bodyPosition) {
            return offset + 8 + bodyPosition;
        }
    }

    /** Reads from a stream whose first block must be a Section Header Block; {@code source} names it in errors. */
    public PcapngReader(InputStream in, String source) throws IOException {
        this.in = new CaptureInput(in, source);
        Block first = readBlock();
        if (first == null) {
            throw this.in.corrupt(0, "empty file, not pcapng");
        }
        handle(first);
    }

    /** Opens a pcapng file. */
    public static PcapngReader open(Path file) throws IOException {
        InputStream stream = Files.newInputStream(file);
        try {
            return new PcapngReader(new BufferedInputStream(stream, 1 << 16), file.toString());
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** Whether these first four bytes are a Section Header Block's type, the same in either byte order. */
    static boolean isMagic(byte[] first4) {
        return first4.length >= 4 && first4[0] == 0x0A && first4[1] == 0x0D && first4[2] == 0x0D && first4[3] == 0x0A;
    }

    @Override public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
    }

    @Override public List<CaptureInterface> interfaces() {
        return List.copyOf(interfaces);
    }

    @Override public List<DecryptionSecrets> secrets() {
        return List.copyOf(secrets);
    }

    @Override public CaptureRecord next() throws IOException {
        for (Block b = readBlock(); b != null; b = readBlock()) {
            CaptureRecord r = handle(b);
            if (r != null) {
                packets++;
                return r;
            }
        }
        return null;
    }

    @Override public void close() throws IOException {
        in.close();
    }

    // ---- blocks ----

    private Block readBlock() throws IOException {
        long at = in.offset();
        byte[] head = in.readOrEnd(8, at, "block header");
        if (head == null) {
            return null;
        }
        boolean shb = isMagic(head);
        if (order == null && !shb) {
            throw in.corrupt(at, "not pcapng: the file does not start with a Section Header Block");
        }
        byte[] magic = null;
        if (shb) {
            // The byte-order magic after the length says how to read the length itself.
            magic = in.read(4, at, "Section Header Block");
            int m = ByteBuffer.wrap(magic).order(ByteOrder.BIG_ENDIAN).getInt();
            if (m == BYTE_ORDER_MAGIC) {
                order = ByteOrder.BIG_ENDIAN;
            } else if (Integer.reverseBytes(m) == BYTE_ORDER_MAGIC) {
                order = ByteOrder.LITTLE_ENDIAN;
            } else {
                throw in.corrupt(at + 8, String.format("bad byte-order magic 0x%08x in a Section Header Block", m));
            }
        }
        ByteBuffer h = ByteBuffer.wrap(head).order(order);
        int type = h.getInt(0);
        long length = Integer.toUnsignedLong(h.getInt(4));
        int minimum = minimumLength(type);
        if (length < minimum) {
            throw in.corrupt(at + 4, "block " + typeName(type) + " has Block Total Length " + length
                    + ", less than its minimum of " + minimum);
        }
        if (length % 4 != 0) {
            throw in.corrupt(at + 4, "block " + typeName(type) + " has Block Total Length " + length
                    + ", not a multiple of 4");
        }
        if (length > MAX_BLOCK_LENGTH) {
            throw in.corrupt(at + 4, "block " + typeName(type) + " has Block Total Length " + length
                    + ", more than this reader's limit of " + MAX_BLOCK_LENGTH);
        }
        int bodyLength = (int) length - 12;
        byte[] body;
        if (shb) {
            // The rest of the body (after the magic) and the trailing length.
            byte[] rest = in.read(bodyLength, at, "block " + typeName(type) + " of " + length + " bytes");
            body = new byte[bodyLength + 4];
            System.arraycopy(magic, 0, body, 0, 4);
            System.arraycopy(rest, 0, body, 4, rest.length);
        } else {
            body = in.read(bodyLength + 4, at, "block " + typeName(type) + " of " + length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(body).order(order);
        long trailer = Integer.toUnsignedLong(buffer.getInt(bodyLength));
        if (trailer != length) {
            throw in.corrupt(at + length - 4, "block " + typeName(type) + " has trailing Block Total Length "
                    + trailer + ", but leading " + length);
        }
        return new Block(type, at, buffer.limit(bodyLength));
    }

    private static int minimumLength(int type) {
        return 12 + switch (type) {
            case SHB -> 16;
            case IDB -> 8;
            case EPB, PB -> 20;
            case SPB -> 4;
            case DSB -> 8;
            default -> 0;
        };
    }

    private static String typeName(int type) {
        return switch (type) {
            case SHB -> "SHB";
            case IDB -> "IDB";
            case EPB -> "EPB";
            case SPB -> "SPB";
            case PB -> "PB";
            case DSB -> "DSB";
            default -> String.format("0x%08x", type);
        };
    }

    /** Takes in a block; returns the packet it holds, if any. */
    private CaptureRecord handle(Block b) throws IOException {
        return switch (b.type) {
            case SHB -> {
                sectionHeader(b);
                yield null;
            }
            case IDB -> {
                interfaceDescription(b);
                yield null;
            }
            case EPB -> enhancedPacket(b);
            case SPB -> simplePacket(b);
            case PB -> packet(b);
            case DSB -> {
                decryptionSecrets(b);
                yield null;
            }
            default -> null; // unknown or unneeded: skipped whole, as the format intends
        };
    }

    private void sectionHeader(Block b) throws IOException {
        ByteBuffer body = b.body;
        int major = u16(body, 4);
        int minor = u16(body, 6);
        // Minor version 2 was written by some tools for files that are really 1.0 (the draft says so).
        if (major != 1 || (minor != 0 && minor != 2)) {
            throw in.corrupt(b.at(4), "unsupported pcapng version " + major + "." + minor + " (this reader knows 1.0)");
        }
        section++;
        sectionInterfaces.clear();
    }

    private void interfaceDescription(Block b) throws IOException {
        ByteBuffer body = b.body;
        int linkType = u16(body, 0);
        long snapLength = Integer.toUnsignedLong(body.getInt(4));
        String name = null;
        int tsresol = DEFAULT_TSRESOL;
        long tsoffset = 0;
        int pos = 8;
        while (body.limit() - pos >= 4) {
            int code = u16(body, pos);
            int len = u16(body, pos + 2);
            if (code == OPT_ENDOFOPT) {
                break;
            }
            if (pos + 4 + len > body.limit()) {
                throw in.corrupt(b.at(pos), "option " + code + " of " + len + " bytes runs past the end of its "
                        + typeName(b.type));
            }
            int value = pos + 4;
            switch (code) {
                case IF_NAME -> name = string(body, value, len);
                case IF_TSRESOL -> {
                    requireOptionLength(b, pos, "if_tsresol", len, 1);
                    tsresol = body.get(value) & 0xff;
                }
                case IF_TSOFFSET -> {
                    requireOptionLength(b, pos, "if_tsoffset", len, 8);
                    tsoffset = body.getLong(value);
                }
                default -> {
                    // not needed here
                }
            }
            pos = value + padded(len);
        }
        CaptureInterface info = new CaptureInterface(section, sectionInterfaces.size(), linkType, snapLength, name, tsresol);
        sectionInterfaces.add(new Interface(info, tsoffset));
        interfaces.add(info);
    }

    private void requireOptionLength(Block b, int pos, String option, int len, int expected) throws IOException {
        if (len != expected) {
            throw in.corrupt(b.at(pos), option + " option has length " + len + ", not " + expected);
        }
    }

    private CaptureRecord enhancedPacket(Block b) throws IOException {
        ByteBuffer body = b.body;
        Interface iface = interfaceFor(b, Integer.toUnsignedLong(body.getInt(0)));
        long units = (long) body.getInt(4) << 32 | Integer.toUnsignedLong(body.getInt(8));
        long captured = Integer.toUnsignedLong(body.getInt(12));
        long original = Integer.toUnsignedLong(body.getInt(16));
        return packetData(b, iface, nanos(b, iface, units), captured, original, 12, 20);
    }

    private CaptureRecord packet(Block b) throws IOException {
        ByteBuffer body = b.body;
        Interface iface = interfaceFor(b, u16(body, 0));
        long units = (long) body.getInt(4) << 32 | Integer.toUnsignedLong(body.getInt(8));
        long captured = Integer.toUnsignedLong(body.getInt(12));
        long original = Integer.toUnsignedLong(body.getInt(16));
        return packetData(b, iface, nanos(b, iface, units), captured, original, 12, 20);
    }

    private CaptureRecord simplePacket(Block b) throws IOException {
        ByteBuffer body = b.body;
        Interface iface = interfaceFor(b, 0);
        long original = Integer.toUnsignedLong(body.getInt(0));
        // No captured length: the smallest of the original length, the snap length and the room in the block.
        long captured = Math.min(original, body.limit() - 4);
        if (iface.info.snapLength() > 0) {
            captured = Math.min(captured, iface.info.snapLength());
        }
        return packetData(b, iface, CaptureRecord.NO_TIMESTAMP, captured, original, 0, 4);
    }

    private CaptureRecord packetData(Block b, Interface iface, long nanos, long captured, long original,
            int lengthAt, int dataAt) throws IOException {
        if (captured > b.body.limit() - dataAt) {
            throw in.corrupt(b.at(lengthAt), typeName(b.type) + " declares " + captured
                    + " captured bytes, but the block holds only " + (b.body.limit() - dataAt));
        }
        byte[] data = new byte[(int) captured];
        b.body.get(dataAt, data);
        return new CaptureRecord(iface.info.id(), iface.info.linkType(), nanos, original, data);
    }

    private void decryptionSecrets(Block b) throws IOException {
        ByteBuffer body = b.body;
        int type = body.getInt(0);
        long length = Integer.toUnsignedLong(body.getInt(4));
        if (length > body.limit() - 8) {
            throw in.corrupt(b.at(4), "DSB declares " + length + " bytes of secrets, but the block holds only "
                    + (body.limit() - 8));
        }
        byte[] data = new byte[(int) length];
        body.get(8, data);
        secrets.add(new DecryptionSecrets(type, data, packets));
    }

    private Interface interfaceFor(Block b, long id) throws IOException {
        if (id >= sectionInterfaces.size()) {
            throw in.corrupt(b.at(0), typeName(b.type) + " refers to interface " + id + ", but its section has "
                    + sectionInterfaces.size() + " Interface Description Blocks before it");
        }
        return sectionInterfaces.get((int) id);
    }

    // ---- values ----

    private long nanos(Block b, Interface iface, long units) throws IOException {
        try {
            return toNanos(units, iface.info.timestampResolution(), iface.tsoffsetSeconds);
        } catch (ArithmeticException e) {
            throw in.corrupt(b.at(4), "timestamp does not fit in 64-bit nanoseconds since 1970");
        }
    }

    /**
     * Converts a timestamp in if_tsresol units (an unsigned 64-bit count) plus if_tsoffset seconds to
     * nanoseconds since the epoch; throws ArithmeticException if that does not fit a signed long.
     */
    static long toNanos(long units, int tsresol, long tsoffsetSeconds) {
        if (units >= 0 && tsoffsetSeconds == 0) {
            if (tsresol == 9) {
                return units;
            }
            if (tsresol == 6) {
                return Math.multiplyExact(units, 1000L);
            }
        }
        BigInteger count = new BigInteger(Long.toUnsignedString(units));
        BigInteger perSecond = (tsresol & 0x80) == 0
                ? BigInteger.TEN.pow(tsresol)
                : BigInteger.ONE.shiftLeft(tsresol & 0x7f);
        BigInteger nanos = count.multiply(NANOS_PER_SECOND).divide(perSecond)
                .add(BigInteger.valueOf(tsoffsetSeconds).multiply(NANOS_PER_SECOND));
        return nanos.longValueExact();
    }

    private static int u16(ByteBuffer b, int pos) {
        return b.getShort(pos) & 0xffff;
    }

    private static int padded(int len) {
        return (len + 3) & ~3;
    }

    /** A UTF-8 option string, which may or may not be zero-terminated. */
    private static String string(ByteBuffer b, int pos, int len) {
        int end = pos;
        while (end < pos + len && b.get(end) != 0) {
            end++;
        }
        byte[] s = new byte[end - pos];
        b.get(pos, s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
