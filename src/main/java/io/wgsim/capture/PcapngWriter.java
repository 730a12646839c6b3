package io.wgsim.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a pcapng capture (draft-ietf-opsawg-pcapng) as a stream of little-endian blocks: one Section
 * Header Block when created, then Interface Description, Enhanced Packet and Decryption Secrets Blocks
 * in the order they are asked for. Each call writes one whole block with a single write to the
 * underlying stream; nothing is held back but what a buffered stream buffers.
 *
 * <p>Interfaces are described with nanosecond timestamps (if_tsresol = 9), no snap length (0) and
 * their name (if_name); {@link #addInterface} returns the Interface ID packets refer to. A Decryption
 * Secrets Block may be written at any point, and should come before the packets it decrypts: Wireshark
 * reads the secrets as it meets them. tshark 4.0 applies a block's keys only to the packets after it
 * (with or without two passes), and a session whose handshake it could not decrypt stays opaque, so for
 * WireGuard: the static keys (LOCAL_STATIC_PRIVATE_KEY, REMOTE_STATIC_PUBLIC_KEY) must come before the
 * session's initiation, and the local ephemeral key before the first message its side sends (the
 * initiation, or the response). The core reports each {@code DeviceEvent.SessionSecrets} before it hands
 * over that message, so writing them as reported is enough for an initiator; a responder's statics also
 * belong at the start of the capture, since its secrets are reported only after the initiation arrived.
 *
 * <p><b>Secrets.</b> A capture with a WireGuard key log holds private keys. {@link #create(Path)}
 * therefore makes the file readable and writable by its owner only (mode 0600) where the file system
 * supports POSIX permissions: a new file is created with that mode, and an existing regular file has
 * its mode narrowed to it before anything is written. Where POSIX permissions are not supported the
 * file is created with the platform's defaults. A writer given an {@link OutputStream} leaves the
 * protection of its destination to the caller.
 *
 * <p><b>Errors.</b> A failed write throws an IOException naming the destination and the block, and
 * leaves the capture incomplete: every later write throws too, naming the first failure. Writing after
 * {@link #close()} throws an IOException. Arguments that could not produce a valid file (an unknown
 * interface, a negative timestamp, a malformed key-log line) throw IllegalArgumentException and write
 * nothing. Methods are synchronized, so several threads may share one writer.
 */
public final class PcapngWriter implements Closeable, Flushable {

    /** The shb_userappl option of every section written here. */
    public static final String APPLICATION = "wgsim";

    /** if_tsresol: timestamps count nanoseconds (10^-9 s). */
    public static final int TSRESOL_NANOSECONDS = 9;

    private static final int SHB_OPT_USERAPPL = 4;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * A WireGuard key-log line as Wireshark reads it: key type, "=", a base64 32-byte key, with optional
     * spaces around them.
     */
    private static final Pattern KEY_LOG_LINE = Pattern.compile(
            " *(LOCAL_STATIC_PRIVATE_KEY|REMOTE_STATIC_PUBLIC_KEY|LOCAL_EPHEMERAL_PRIVATE_KEY|PRESHARED_KEY) *= *"
                    + "[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]= *");
    /** A line's key type, when it is one of the four: named in errors, where the rest of the line is not. */
    private static final Pattern KEY_TYPE = Pattern.compile(
            " *(LOCAL_STATIC_PRIVATE_KEY|REMOTE_STATIC_PUBLIC_KEY|LOCAL_EPHEMERAL_PRIVATE_KEY|PRESHARED_KEY)\\b");

    private final OutputStream out;
    private final String destination;
    private final List<Integer> linkTypes = new ArrayList<>();
    private long packets;
    private boolean closed;
    private IOException failure;

    /**
     * A writer onto a stream, which it writes the Section Header Block to at once; {@code destination}
     * names the stream in error messages. Closing the writer closes the stream.
     */
    public PcapngWriter(OutputStream out, String destination) throws IOException {
        this.out = out;
        this.destination = destination;
        byte[] application = APPLICATION.getBytes(StandardCharsets.UTF_8);
        emit(new BlockBuilder(32)
                .u32(PcapngReader.BYTE_ORDER_MAGIC)
                .u16(1).u16(0)  // version 1.0
                .u64(-1L)       // section length not given
                .option(SHB_OPT_USERAPPL, application)
                .endOfOptions()
                .finish(PcapngReader.SHB), "the Section Header Block");
    }

    /**
     * Creates (or truncates) a capture file, owner-only where POSIX permissions are supported (see the
     * class description), and writes its Section Header Block.
     */
    public static PcapngWriter create(Path file) throws IOException {
        OutputStream stream = new BufferedOutputStream(openOwnerOnly(file), 1 << 16);
        try {
            return new PcapngWriter(stream, file.toString());
        } catch (IOException | RuntimeException e) {
            try {
                stream.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static OutputStream openOwnerOnly(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.newOutputStream(file, options.toArray(new OpenOption[0]));
        }
        SeekableByteChannel channel = Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            // The attribute only applies when the file is created: an existing file keeps its mode unless
            // narrowed here, before any secret is written. Devices and pipes are left as they are.
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return Channels.newOutputStream(channel);
    }

    /**
     * Writes an Interface Description Block (nanosecond timestamps, no snap length) and returns its
     * Interface ID: 0 for the first, then 1, 2, ...
     *
     * @param linkType the link-layer type of its packets, e.g. {@link LinkType#RAW}
     * @param name the if_name option, e.g. "link a-b"; null or empty for none
     */
    public synchronized int addInterface(int linkType, String name) throws IOException {
        if (linkType < 0 || linkType > 0xffff) {
            throw new IllegalArgumentException("link type " + linkType + " is out of range 0..65535");
        }
        BlockBuilder b = new BlockBuilder(32).u16(linkType).u16(0).u32(0);
        if (name != null && !name.isEmpty()) {
            b.option(PcapngReader.IF_NAME, name.getBytes(StandardCharsets.UTF_8));
        }
        b.option(PcapngReader.IF_TSRESOL, new byte[] {TSRESOL_NANOSECONDS}).endOfOptions();
        emit(b.finish(PcapngReader.IDB), "an Interface Description Block");
        linkTypes.add(linkType);
        return linkTypes.size() - 1;
    }

    /** Writes an Enhanced Packet Block holding the whole packet. */
    public void writePacket(int interfaceId, long timestampNanos, byte[] packet) throws IOException {
        writePacket(interfaceId, timestampNanos, packet, packet.length);
    }

    /**
     * Writes an Enhanced Packet Block.
     *
     * @param interfaceId an ID returned by {@link #addInterface}
     * @param timestampNanos nanoseconds since 1970-01-01 00:00:00 UTC (a simulator's virtual time is fine)
     * @param packet the captured bytes, starting with the interface's link-layer header (none for RAW)
     * @param originalLength the packet's length on the wire: {@code packet.length}, or more if truncated
     */
    public synchronized void writePacket(int interfaceId, long timestampNanos, byte[] packet, long originalLength)
            throws IOException {
        if (interfaceId < 0 || interfaceId >= linkTypes.size()) {
            throw new IllegalArgumentException("interface " + interfaceId + " was not added (" + linkTypes.size()
                    + " interfaces so far)");
        }
        if (timestampNanos < 0) {
            throw new IllegalArgumentException("timestamp " + timestampNanos + " ns is before 1970");
        }
        if (originalLength < packet.length || originalLength > 0xffffffffL) {
            throw new IllegalArgumentException("original length " + originalLength + " is not in " + packet.length
                    + "..4294967295");
        }
        emit(new BlockBuilder(20 + packet.length + 3)
                .u32(interfaceId)
                .u32((int) (timestampNanos >>> 32))
                .u32((int) timestampNanos)
                .u32(packet.length)
                .u32((int) originalLength)
                .padded(packet)
                .finish(PcapngReader.EPB), "an Enhanced Packet Block");
        packets++;
    }

    /** Writes a Decryption Secrets Block of any Secrets Type (e.g. {@link DecryptionSecrets#TLS_KEY_LOG}). */
    public synchronized void writeSecrets(int secretsType, byte[] secrets) throws IOException {
        emit(new BlockBuilder(8 + secrets.length + 3)
                .u32(secretsType)
                .u32(secrets.length)
                .padded(secrets)
                .finish(PcapngReader.DSB), "a Decryption Secrets Block");
    }

    /**
     * Writes a Decryption Secrets Block of type WireGuard key log (0x57474b4c) holding these lines, each
     * ended by "\n" as the format requires: Wireshark's key-log lines such as
     * {@code LOCAL_STATIC_PRIVATE_KEY = <base64>}, as in {@code DeviceEvent.SessionSecrets.lines()}.
     *
     * @throws IllegalArgumentException if there are no lines or one is not a key-log line (the message
     *         names the line's position and key type, never the key)
     */
    public void writeWireGuardKeyLog(List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no key-log lines to write");
        }
        StringBuilder text = new StringBuilder(lines.size() * 80);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!KEY_LOG_LINE.matcher(line).matches()) {
                Matcher type = KEY_TYPE.matcher(line);
                String named = type.lookingAt() ? " (" + type.group(1) + ")" : "";
                throw new IllegalArgumentException("key-log line " + (i + 1) + named
                        + " is not KEY_TYPE = <base64 of 32 bytes> with a known key type");
            }
            text.append(line).append('\n');
        }
        writeSecrets(DecryptionSecrets.WIREGUARD_KEY_LOG, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** How many packets have been written. */
    public synchronized long packetCount() {
        return packets;
    }

    /** How many interfaces have been added. */
    public synchronized int interfaceCount() {
        return linkTypes.size();
    }

    /** Pushes buffered blocks to the destination, so a reader (tshark on a live run) sees all written so far. */
    @Override public synchronized void flush() throws IOException {
        ensureWritable();
        try {
            out.flush();
        } catch (IOException e) {
            failure = e;
            throw new IOException(destination + ": cannot flush the capture: " + e.getMessage(), e);
        }
    }

    /** Flushes and closes the destination; closing again does nothing. */
    @Override public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new IOException(destination + ": cannot finish writing the capture: " + e.getMessage(), e);
        }
    }

    private void emit(byte[] block, String what) throws IOException {
        ensureWritable();
        try {
            out.write(block);
        } catch (IOException e) {
            failure = e;
            throw new IOException(destination + ": cannot write " + what + ": " + e.getMessage(), e);
        }
    }

    private void ensureWritable() throws IOException {
        if (closed) {
            throw new IOException(destination + ": the pcapng writer is closed");
        }
        if (failure != null) {
            throw new IOException(destination + ": an earlier write failed, so the capture is incomplete: "
                    + failure.getMessage(), failure);
        }
    }
}
