package io.wgsim.capture;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads packets, one at a time, from a pcapng or classic pcap capture. {@link #open(Path)} tells the
 * formats apart by their first four bytes.
 *
 * <p>A file that ends inside a block or record, or whose structure is inconsistent, makes {@link #next}
 * throw a {@link CaptureFormatException} naming the file and the byte offset at fault.
 */
public interface CaptureReader extends Closeable {

    /** The file's format. */
    CaptureFormat format();

    /** The next packet, or null at the end of the file. */
    CaptureRecord next() throws IOException;

    /** The interfaces read so far, in file order. */
    List<CaptureInterface> interfaces();

    /** The Decryption Secrets Blocks read so far, in file order (always empty for classic pcap). */
    List<DecryptionSecrets> secrets();

    /** Opens a pcapng or classic pcap file, by its magic number. */
    static CaptureReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return open(in, file.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads a pcapng or classic pcap capture from a stream, by its magic number; {@code source} names
     * it in error messages. Closing the reader closes the stream.
     */
    static CaptureReader open(InputStream in, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(4);
        byte[] magic = buffered.readNBytes(4);
        buffered.reset();
        if (magic.length == 0) {
            throw new CaptureFormatException(source, 0, "empty file, not a capture");
        }
        if (magic.length < 4) {
            throw new CaptureFormatException(source, 0, "truncated file: " + magic.length
                    + " bytes, too short for a capture file's magic number");
        }
        if (PcapngReader.isMagic(magic)) {
            return new PcapngReader(buffered, source);
        }
        if (PcapReader.isMagic(magic)) {
            return new PcapReader(buffered, source);
        }
        throw new CaptureFormatException(source, 0, "neither pcapng nor pcap: starts with "
                + HexFormat.of().formatHex(magic));
    }

    /** Reads a whole capture file. */
    static Capture readAll(Path file) throws IOException {
        try (CaptureReader reader = open(file)) {
            List<CaptureRecord> records = new ArrayList<>();
            for (CaptureRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
            return new Capture(reader.format(), reader.interfaces(), records, reader.secrets());
        }
    }
}
