package io.wgsim.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngWriterTest {

    private static final String KEY_A = "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFk=";
    private static final String KEY_B = "YDCttCs9e1J52/g9vEnwJJa+2x6RqaayAYMpSVQfGEY=";
    private static final List<String> KEY_LOG = List.of(
            "LOCAL_STATIC_PRIVATE_KEY = " + KEY_A,
            "REMOTE_STATIC_PUBLIC_KEY = " + KEY_B);

    @TempDir Path dir;

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] written(ByteArrayOutputStream out, int from) {
        byte[] all = out.toByteArray();
        return Arrays.copyOfRange(all, from, all.length);
    }

    // ---- exact bytes, written out by hand from the draft's block diagrams ----

    @Test
    void sectionHeaderBlockIsLittleEndianVersion1WithTheApplicationName() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapngWriter(out, "memory");
        assertEquals("0a0d0d0a" + "2c000000"      // type, total length 44
                + "4d3c2b1a" + "0100" + "0000"       // byte-order magic, version 1.0
                + "ffffffffffffffff"                 // section length: not given
                + "0400" + "0500" + "776773696d000000" // shb_userappl "wgsim", padded
                + "00000000"                         // opt_endofopt
                + "2c000000", hex(out.toByteArray()));
    }

    @Test
    void interfaceDescriptionBlockHasRawLinkTypeNameAndNanosecondResolution() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapngWriter w = new PcapngWriter(out, "memory");
        int shb = out.size();
        assertEquals(0, w.addInterface(LinkType.RAW, "wg"));
        assertEquals("01000000" + "28000000"
                + "6500" + "0000" + "00000000"       // LINKTYPE_RAW, reserved, snap length 0 (no limit)
                + "0200" + "0200" + "77670000"       // if_name "wg"
                + "0900" + "0100" + "09000000"       // if_tsresol 9
                + "00000000"                         // opt_endofopt
                + "28000000", hex(written(out, shb)));
        assertEquals(1, w.addInterface(LinkType.ETHERNET, null));
        assertEquals(2, w.interfaceCount());
    }

    @Test
    void enhancedPacketBlockSplitsTheNanosecondTimestampAndPadsTheData() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapngWriter w = new PcapngWriter(out, "memory");
        w.addInterface(LinkType.RAW, null);
        int before = out.size();
        w.writePacket(0, 0x1_2345_6789L, new byte[] {1, 2, 3, 4, 5});
        assertEquals("06000000" + "28000000"
                + "00000000"                         // interface 0
                + "01000000" + "89674523"            // timestamp upper, lower 32 bits
                + "05000000" + "05000000"            // captured, original length
                + "0102030405000000"                 // data padded to 32 bits; no options
                + "28000000", hex(written(out, before)));
        assertEquals(1, w.packetCount());
    }

    @Test
    void decryptionSecretsBlockEndsEveryKeyLogLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapngWriter w = new PcapngWriter(out, "memory");
        int before = out.size();
        w.writeWireGuardKeyLog(KEY_LOG);
        byte[] text = (KEY_LOG.get(0) + "\n" + KEY_LOG.get(1) + "\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(144, text.length);
        byte[] block = written(out, before);
        assertEquals(12 + 8 + 144, block.length);
        assertEquals("0a000000" + "a4000000" + "4c4b4757" + "90000000", hex(Arrays.copyOf(block, 16)));
        assertArrayEquals(text, Arrays.copyOfRange(block, 16, 160));
        assertEquals("a4000000", hex(Arrays.copyOfRange(block, 160, block.length)));
    }

    @Test
    void decryptionSecretsBlockPadsTheSecretsTo32Bits() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapngWriter w = new PcapngWriter(out, "memory");
        int before = out.size();
        w.writeSecrets(DecryptionSecrets.TLS_KEY_LOG, "abcde".getBytes(StandardCharsets.US_ASCII));
        assertEquals("0a000000" + "1c000000"
                + "4b534c54" + "05000000"            // Secrets Type "TLSK", length 5
                + "6162636465000000"                 // secrets padded; no options
                + "1c000000", hex(written(out, before)));
    }

    // ---- round trip ----

    @Test
    void whatIsWrittenReadsBackExactly() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<CaptureRecord> expected = new ArrayList<>();
        try (PcapngWriter w = new PcapngWriter(out, "memory")) {
            int raw = w.addInterface(LinkType.RAW, "link a-b");
            w.writeWireGuardKeyLog(KEY_LOG);
            int eth = w.addInterface(LinkType.ETHERNET, "éth0");
            for (int len = 0; len <= 9; len++) {
                byte[] data = new byte[len];
                Arrays.fill(data, (byte) (0xa0 + len));
                int iface = len % 3 == 0 ? eth : raw;
                long t = 1_700_000_000_123_456_789L + len * 1_000_003L;
                w.writePacket(iface, t, data);
                expected.add(new CaptureRecord(iface, iface == raw ? LinkType.RAW : LinkType.ETHERNET, t, len, data));
            }
            w.writeSecrets(DecryptionSecrets.TLS_KEY_LOG, "CLIENT_RANDOM 00 11".getBytes(StandardCharsets.US_ASCII));
            w.writePacket(raw, Long.MAX_VALUE, new byte[] {9, 9, 9}, 1500);
            expected.add(new CaptureRecord(raw, LinkType.RAW, Long.MAX_VALUE, 1500, new byte[] {9, 9, 9}));
            w.writePacket(raw, 0, new byte[0]);
            expected.add(new CaptureRecord(raw, LinkType.RAW, 0, 0, new byte[0]));
            assertEquals(12, w.packetCount());
        }
        assertEquals(0, out.size() % 4, "every block is a multiple of 4 bytes");

        try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(out.toByteArray()), "memory")) {
            assertEquals(CaptureFormat.PCAPNG, r.format());
            List<CaptureRecord> read = new ArrayList<>();
            for (CaptureRecord rec = r.next(); rec != null; rec = r.next()) {
                read.add(rec);
            }
            assertEquals(expected, read);
            assertTrue(read.get(10).truncated());
            assertEquals(List.of(
                    new CaptureInterface(0, 0, LinkType.RAW, 0, "link a-b", 9),
                    new CaptureInterface(0, 1, LinkType.ETHERNET, 0, "éth0", 9)), r.interfaces());
            List<DecryptionSecrets> secrets = r.secrets();
            assertEquals(2, secrets.size());
            assertTrue(secrets.get(0).isWireGuardKeyLog());
            assertEquals(KEY_LOG, secrets.get(0).lines());
            assertEquals(0, secrets.get(0).packetsBefore());
            assertEquals(DecryptionSecrets.TLS_KEY_LOG, secrets.get(1).type());
            assertEquals(10, secrets.get(1).packetsBefore());
            assertNull(r.next(), "the end stays the end");
        }
    }

    @Test
    void secretsDoNotShowInToString() {
        DecryptionSecrets s = new DecryptionSecrets(DecryptionSecrets.WIREGUARD_KEY_LOG,
                (KEY_LOG.get(0) + "\n").getBytes(StandardCharsets.US_ASCII), 0);
        assertFalse(s.toString().contains(KEY_A), s.toString());
        assertTrue(s.toString().contains("WGKL"), s.toString());
    }

    // ---- files ----

    @Test
    void aNewFileIsReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("new.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file)) {
            w.writeWireGuardKeyLog(KEY_LOG);
        }
        assumePosix(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(KEY_LOG, CaptureReader.readAll(file).wireGuardKeyLog());
    }

    @Test
    void anExistingFileIsNarrowedToOwnerOnlyAndTruncated() throws IOException {
        Path file = dir.resolve("old.pcapng");
        Files.write(file, new byte[10_000]);
        assumePosix(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (PcapngWriter w = PcapngWriter.create(file)) {
            w.addInterface(LinkType.RAW, null);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(44 + 32, Files.size(file));
    }

    @Test
    void aFileThatCannotBeCreatedFailsAtOnce() {
        Path file = dir.resolve("no such folder").resolve("x.pcapng");
        IOException e = assertThrows(IOException.class, () -> PcapngWriter.create(file));
        assertTrue(e.getMessage().contains("no such folder"), e.getMessage());
    }

    private static void assumePosix(Path file) {
        Assumptions.assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "this file system has no POSIX permissions");
    }

    // ---- errors ----

    /** Accepts {@code room} bytes, then fails every write. */
    private static final class FailingStream extends OutputStream {
        private int room;
        boolean closed;

        FailingStream(int room) {
            this.room = room;
        }

        @Override public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override public void write(byte[] b, int off, int len) throws IOException {
            if (len > room) {
                throw new IOException("No space left on device");
            }
            room -= len;
        }

        @Override public void close() {
            closed = true;
        }
    }

    @Test
    void aFailedWriteNamesTheDestinationAndBlockAndPoisonsTheWriter() throws IOException {
        FailingStream stream = new FailingStream(44 + 32);
        PcapngWriter w = new PcapngWriter(stream, "captures/x.pcapng");
        w.addInterface(LinkType.RAW, null);
        IOException first = assertThrows(IOException.class, () -> w.writePacket(0, 1, new byte[100]));
        assertEquals("captures/x.pcapng: cannot write an Enhanced Packet Block: No space left on device", first.getMessage());
        IOException later = assertThrows(IOException.class, () -> w.writeWireGuardKeyLog(KEY_LOG));
        assertTrue(later.getMessage().contains("an earlier write failed"), later.getMessage());
        assertSame(first.getCause(), later.getCause());
        w.close();
        assertTrue(stream.closed);
    }

    @Test
    void writingAfterCloseThrowsAndClosingTwiceDoesNothing() throws IOException {
        FailingStream stream = new FailingStream(1000);
        PcapngWriter w = new PcapngWriter(stream, "memory");
        w.close();
        w.close();
        IOException e = assertThrows(IOException.class, () -> w.addInterface(LinkType.RAW, null));
        assertEquals("memory: the pcapng writer is closed", e.getMessage());
        assertThrows(IOException.class, w::flush);
    }

    @Test
    void anUnwritableSectionHeaderFailsTheConstructor() {
        IOException e = assertThrows(IOException.class, () -> new PcapngWriter(new FailingStream(10), "full.pcapng"));
        assertTrue(e.getMessage().startsWith("full.pcapng: cannot write the Section Header Block"), e.getMessage());
    }

    @Test
    void invalidArgumentsWriteNothing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapngWriter w = new PcapngWriter(out, "memory");
        w.addInterface(LinkType.RAW, null);
        int size = out.size();
        assertThrows(IllegalArgumentException.class, () -> w.writePacket(1, 0, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> w.writePacket(-1, 0, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> w.writePacket(0, -1, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> w.writePacket(0, 0, new byte[4], 3));
        assertThrows(IllegalArgumentException.class, () -> w.writePacket(0, 0, new byte[4], 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> w.addInterface(0x10000, null));
        assertThrows(IllegalArgumentException.class, () -> w.writeWireGuardKeyLog(List.of()));
        assertEquals(size, out.size());
    }

    @Test
    void malformedKeyLogLinesAreRefusedWithoutShowingTheKey() throws IOException {
        PcapngWriter w = new PcapngWriter(new ByteArrayOutputStream(), "memory");
        for (String bad : List.of(
                "LOCAL_STATIC_PRIVATE_KEY = " + KEY_A + "\nREMOTE_STATIC_PUBLIC_KEY = " + KEY_B, // two lines in one
                "LOCAL_STATIC_PRIVATE_KEY = " + KEY_A + "\r",
                "LOCAL_STATIC_PRIVATE_KEY = " + KEY_A.substring(1),                             // 31 bytes
                "LOCAL_STATIC_PRIVATE_KEY = " + KEY_A.replace('=', 'A'),                         // no padding
                "LOCAL_STATIC_PRIVATE_KEY = AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFl=",      // non-canonical
                "STATIC_PRIVATE_KEY = " + KEY_A,
                KEY_A,                                                                           // no key type
                "LOCAL_STATIC_PRIVATE_KEY " + KEY_A)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.writeWireGuardKeyLog(List.of(KEY_LOG.get(1), bad)));
            assertTrue(e.getMessage().startsWith("key-log line 2"), e.getMessage());
            assertFalse(e.getMessage().contains(KEY_A.substring(0, 20)), e.getMessage());
        }
        // Wireshark's own test suite writes some lines without spaces; those are fine.
        w.writeWireGuardKeyLog(List.of("LOCAL_EPHEMERAL_PRIVATE_KEY=" + KEY_A, "PRESHARED_KEY=" + KEY_B));
    }
}
