package io.wgsim.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapngReaderTest {

    private static final byte[] P1 = {0x45, 1, 2, 3, 4};
    private static final byte[] P2 = {0x60, 9, 8};

    private static List<CaptureRecord> readAll(CaptureReader r) throws IOException {
        List<CaptureRecord> records = new ArrayList<>();
        for (CaptureRecord rec = r.next(); rec != null; rec = r.next()) {
            records.add(rec);
        }
        return records;
    }

    private static CaptureReader open(byte[] file) throws IOException {
        return CaptureReader.open(new ByteArrayInputStream(file), "test.pcapng");
    }

    private static CaptureFormatException corrupt(byte[] file) {
        return assertThrows(CaptureFormatException.class, () -> {
            try (CaptureReader r = open(file)) {
                readAll(r);
            }
        });
    }

    @Test
    void readsABigEndianSectionWithDefaultMicrosecondTimestamps() throws IOException {
        Blocks f = new Blocks(ByteOrder.BIG_ENDIAN).shb()
                .idb(LinkType.RAW, 65535, "eth-be", -1, 0)
                .epb(0, 1_500_000_000_000_001L, P1, P1.length)
                .dsb(DecryptionSecrets.WIREGUARD_KEY_LOG, "LOCAL_STATIC_PRIVATE_KEY=x\r\nPRESHARED_KEY=y\n".getBytes(StandardCharsets.US_ASCII));
        try (CaptureReader r = open(f.bytes())) {
            assertEquals(List.of(new CaptureRecord(0, LinkType.RAW, 1_500_000_000_000_001_000L, 5, P1)), readAll(r));
            assertEquals(List.of(new CaptureInterface(0, 0, LinkType.RAW, 65535, "eth-be", 6)), r.interfaces());
            assertEquals(List.of("LOCAL_STATIC_PRIVATE_KEY=x", "PRESHARED_KEY=y"), r.secrets().get(0).lines());
            assertEquals(1, r.secrets().get(0).packetsBefore());
        }
    }

    @Test
    void convertsEveryTimestampResolutionAndOffset() throws IOException {
        Blocks f = new Blocks(ByteOrder.LITTLE_ENDIAN).shb()
                .idb(LinkType.RAW, 0, null, 3, 0)            // milliseconds
                .idb(LinkType.RAW, 0, null, 0x80 | 10, 0)    // 1/1024 s
                .idb(LinkType.RAW, 0, null, 12, 0)           // picoseconds: rounded down to ns
                .idb(LinkType.RAW, 0, null, 9, 1_000)        // nanoseconds, 1000 s later
                .epb(0, 1_234, P1, 5)
                .epb(1, 1024 * 3 + 512, P1, 5)
                .epb(2, 1_999_999, P1, 5)
                .epb(3, 7, P1, 5);
        try (CaptureReader r = open(f.bytes())) {
            List<Long> times = readAll(r).stream().map(CaptureRecord::timestampNanos).toList();
            assertEquals(List.of(1_234_000_000L, 3_500_000_000L, 1_999L, 1_000_000_000_007L), times);
        }
        assertEquals(-1L >>> 1, PcapngReader.toNanos(Long.MAX_VALUE, 9, 0));
        assertThrows(ArithmeticException.class, () -> PcapngReader.toNanos(-1L, 9, 0));
        assertThrows(ArithmeticException.class, () -> PcapngReader.toNanos(Long.MAX_VALUE / 100, 6, 0));
    }

    @Test
    void sectionsMayChangeByteOrderAndStartInterfaceIdsAgain() throws IOException {
        Blocks f = new Blocks(ByteOrder.LITTLE_ENDIAN).shb().idb(LinkType.ETHERNET, 0, "a", 9, 0).epb(0, 5, P1, 5);
        Blocks g = new Blocks(ByteOrder.BIG_ENDIAN).shb(1, 2).idb(LinkType.RAW, 0, "b", 9, 0).epb(0, 6, P2, 3);
        byte[] both = f.raw(g.bytes()).bytes();
        try (CaptureReader r = open(both)) {
            assertEquals(List.of(new CaptureRecord(0, LinkType.ETHERNET, 5, 5, P1), new CaptureRecord(0, LinkType.RAW, 6, 3, P2)),
                    readAll(r));
            assertEquals(List.of(new CaptureInterface(0, 0, LinkType.ETHERNET, 0, "a", 9),
                    new CaptureInterface(1, 0, LinkType.RAW, 0, "b", 9)), r.interfaces());
        }
    }

    @Test
    void skipsUnknownBlocksAndReadsSimpleAndObsoletePacketBlocks() throws IOException {
        Blocks f = new Blocks(ByteOrder.LITTLE_ENDIAN).shb()
                .block(0x00000BAD, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})   // custom block
                .idb(LinkType.RAW, 4, null, 9, 0)                          // snap length 4
                .block(0x00000004, new byte[] {0, 0, 0, 0})               // name resolution block, empty
                .spb(5, P1)                                                // 5 bytes long, 4 kept
                .block(0x80000001, new byte[0])                            // local use
                .pb(0, 77, P2)
                .block(0x00000005, new byte[20]);                         // interface statistics
        try (CaptureReader r = open(f.bytes())) {
            List<CaptureRecord> records = readAll(r);
            assertEquals(new CaptureRecord(0, LinkType.RAW, CaptureRecord.NO_TIMESTAMP, 5, Arrays.copyOf(P1, 4)), records.get(0));
            assertTrue(records.get(0).truncated());
            assertEquals(new CaptureRecord(0, LinkType.RAW, 77, 3, P2), records.get(1));
            assertEquals(2, records.size());
        }
    }

    @Test
    void optionsMayOmitTheEndMarkerAndStringsMayBeZeroTerminated() throws IOException {
        Blocks f = new Blocks(ByteOrder.LITTLE_ENDIAN).shb();
        byte[] body = f.body().putShort((short) LinkType.RAW).putShort((short) 0).putInt(0)
                .option(PcapngReader.IF_NAME, "wg0\0junk".getBytes(StandardCharsets.US_ASCII))
                .option(PcapngReader.IF_TSRESOL, new byte[] {9}).done();
        f.block(PcapngReader.IDB, body).epb(0, 42, P1, 5);
        try (CaptureReader r = open(f.bytes())) {
            assertEquals(42, r.next().timestampNanos());
            assertEquals("wg0", r.interfaces().get(0).name());
        }
    }

    // ---- truncated and corrupt files ----

    private static byte[] validFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, "memory")) {
            w.addInterface(LinkType.RAW, "x");
            w.writeWireGuardKeyLog(List.of("PRESHARED_KEY = AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFk="));
            w.writePacket(0, 1, P1);
            w.writePacket(0, 2, P2);
        }
        return out.toByteArray();
    }

    /** The offsets where blocks start, and the end of the file. */
    private static List<Integer> blockStarts(byte[] file) {
        List<Integer> starts = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < file.length; at += b.getInt(at + 4)) {
            starts.add(at);
        }
        starts.add(file.length);
        return starts;
    }

    @Test
    void everyCutInsideABlockIsReportedAtThatBlocksOffset() throws IOException {
        byte[] file = validFile();
        List<Integer> starts = blockStarts(file);
        assertEquals(6, starts.size()); // SHB IDB DSB EPB EPB, end
        for (int cut = 1; cut < file.length; cut++) {
            byte[] part = Arrays.copyOf(file, cut);
            int block = 0;
            while (starts.get(block + 1) <= cut) {
                block++;
            }
            if (starts.contains(cut)) {
                try (CaptureReader r = open(part)) {
                    assertEquals(Math.max(0, block - 3), readAll(r).size(), "cut at block boundary " + cut);
                }
                continue;
            }
            CaptureFormatException e = corrupt(part);
            assertEquals(starts.get(block).longValue(), e.offset(), "cut at " + cut + ": " + e.getMessage());
            assertTrue(e.getMessage().startsWith("test.pcapng: at offset " + starts.get(block) + ": truncated file"),
                    e.getMessage());
        }
        assertThrows(CaptureFormatException.class, () -> open(new byte[0]));
    }

    private static void putInt(byte[] file, int at, int value) {
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    }

    @Test
    void inconsistentLengthsAreReportedWithTheirOffset() throws IOException {
        byte[] good = validFile();
        List<Integer> s = blockStarts(good);
        int idb = s.get(1);
        int epb = s.get(3);

        byte[] f = good.clone();
        putInt(f, s.get(2) - 4, 99);  // IDB's trailing length
        CaptureFormatException e = corrupt(f);
        assertEquals(s.get(2) - 4, e.offset());
        assertTrue(e.getMessage().contains("trailing Block Total Length 99"), e.getMessage());

        f = good.clone();
        putInt(f, epb + 4, 34);       // not a multiple of 4
        assertEquals(epb + 4, corrupt(f).offset());

        f = good.clone();
        putInt(f, epb + 4, 8);        // smaller than any EPB
        assertTrue(corrupt(f).getMessage().contains("less than its minimum of 32"));

        f = good.clone();
        putInt(f, epb + 4, 0x7ffffffc); // absurdly long: refused before reading it
        assertTrue(corrupt(f).getMessage().contains("more than this reader's limit"));

        f = good.clone();
        putInt(f, epb + 20, 9);       // captured length beyond the block
        e = corrupt(f);
        assertEquals(epb + 20, e.offset());
        assertTrue(e.getMessage().contains("EPB declares 9 captured bytes, but the block holds only 8"), e.getMessage());

        f = good.clone();
        putInt(f, epb + 8, 1);        // interface 1 was never described
        assertTrue(corrupt(f).getMessage().contains("refers to interface 1"));

        f = good.clone();
        putInt(f, s.get(2) + 12, 1000); // DSB secrets length
        assertEquals(s.get(2) + 12, corrupt(f).offset());

        f = good.clone();
        putInt(f, idb + 16, 0x00ff0002); // if_name claims 255 bytes
        e = corrupt(f);
        assertEquals(idb + 16, e.offset());
        assertTrue(e.getMessage().contains("option 2 of 255 bytes runs past the end"), e.getMessage());

        f = good.clone();
        putInt(f, 8, 0x11223344);     // byte-order magic
        assertEquals(8, corrupt(f).offset());

        f = good.clone();
        putInt(f, 12, 2);             // version 2.0
        assertTrue(corrupt(f).getMessage().contains("unsupported pcapng version 2.0"));

        // A file that starts with another block is not pcapng.
        e = assertThrows(CaptureFormatException.class, () -> new PcapngReader(new ByteArrayInputStream(
                Arrays.copyOfRange(good, idb, good.length)), "x"));
        assertEquals(0, e.offset());
    }

    @Test
    void captureReaderRefusesWhatIsNeitherFormat() {
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> open("GIF89a...".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("test.pcapng: at offset 0: neither pcapng nor pcap: starts with 47494638", e.getMessage());
        assertThrows(CaptureFormatException.class, () -> open(new byte[] {0x0a, 0x0d}));
    }

    @Test
    void endOfFileIsNull() throws IOException {
        try (CaptureReader r = open(new Blocks(ByteOrder.LITTLE_ENDIAN).shb().bytes())) {
            assertNull(r.next());
            assertNull(r.next());
        } catch (CaptureFormatException e) {
            fail(e);
        }
    }
}
