package io.wgsim.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PcapReaderTest {

    private static final byte[] P1 = {0x45, 0, 0, 20, 1, 2, 3};
    private static final byte[] P2 = {0x60};

    private static ByteOrder order(String name) {
        return name.equals("BIG") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static byte[] file(ByteOrder order, int magic, int linkTypeField, byte[]... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Blocks.pcapHeader(order, magic, 65535, linkTypeField));
        for (byte[] r : records) {
            out.writeBytes(r);
        }
        return out.toByteArray();
    }

    private static List<CaptureRecord> readAll(byte[] file) throws IOException {
        try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(file), "test.pcap")) {
            assertEquals(CaptureFormat.PCAP, r.format());
            assertTrue(r.secrets().isEmpty());
            List<CaptureRecord> records = new ArrayList<>();
            for (CaptureRecord rec = r.next(); rec != null; rec = r.next()) {
                records.add(rec);
            }
            return records;
        }
    }

    @ParameterizedTest
    @CsvSource({"LITTLE, false", "BIG, false", "LITTLE, true", "BIG, true"})
    void readsBothByteOrdersAndBothTimestampUnits(String orderName, boolean nanos) throws IOException {
        ByteOrder order = order(orderName);
        int magic = nanos ? PcapReader.MAGIC_NANOSECONDS : PcapReader.MAGIC_MICROSECONDS;
        byte[] f = file(order, magic, LinkType.RAW,
                Blocks.pcapRecord(order, 1_532_126_321L, 356_858, P1, P1.length),
                Blocks.pcapRecord(order, 0xffff_fff0L, 999_999, P2, 1500));
        long unit = nanos ? 1 : 1000;
        assertEquals(List.of(
                new CaptureRecord(0, LinkType.RAW, 1_532_126_321_000_000_000L + 356_858 * unit, 7, P1),
                new CaptureRecord(0, LinkType.RAW, 0xffff_fff0L * 1_000_000_000L + 999_999 * unit, 1500, P2)), readAll(f));
        try (PcapReader r = new PcapReader(new ByteArrayInputStream(f), "x")) {
            assertEquals(nanos, r.nanosecondTimestamps());
            assertEquals(List.of(new CaptureInterface(0, 0, LinkType.RAW, 65535, null, nanos ? 9 : 6)), r.interfaces());
        }
    }

    @Test
    void theFcsBitsAreNotPartOfTheLinkType() throws IOException {
        // P bit set, FCS length 2 (4 bytes), Ethernet.
        byte[] f = file(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_MICROSECONDS, 0x2400_0000 | LinkType.ETHERNET,
                Blocks.pcapRecord(ByteOrder.LITTLE_ENDIAN, 1, 2, P2, 1));
        assertEquals(LinkType.ETHERNET, readAll(f).get(0).linkType());
    }

    @Test
    void truncatedRecordsAreReportedAtTheirOffset() throws IOException {
        byte[] f = file(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_MICROSECONDS, LinkType.RAW,
                Blocks.pcapRecord(ByteOrder.LITTLE_ENDIAN, 1, 2, P1, 7),
                Blocks.pcapRecord(ByteOrder.LITTLE_ENDIAN, 3, 4, P2, 1));
        int second = 24 + 16 + P1.length;
        for (int cut = 1; cut < f.length; cut++) {
            byte[] part = Arrays.copyOf(f, cut);
            if (cut == 24 || cut == second) {
                assertEquals(cut == 24 ? 0 : 1, readAll(part).size());
                continue;
            }
            CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> readAll(part));
            long expected = cut < 24 ? 0 : cut < second ? 24 : second;
            assertEquals(expected, e.offset(), e.getMessage());
            assertTrue(e.getMessage().contains("truncated file"), e.getMessage());
        }
    }

    @Test
    void refusesWhatItCannotRead() {
        byte[] v3 = file(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_MICROSECONDS, LinkType.RAW);
        v3[4] = 3;
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> readAll(v3));
        assertEquals("test.pcap: at offset 4: unsupported pcap version 3.4 (this reader knows 2.x)", e.getMessage());

        byte[] reserved = file(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_MICROSECONDS, 0x0001_0000 | LinkType.RAW);
        assertEquals(20, assertThrows(CaptureFormatException.class, () -> readAll(reserved)).offset());

        byte[] huge = file(ByteOrder.BIG_ENDIAN, PcapReader.MAGIC_MICROSECONDS, LinkType.RAW,
                Blocks.pcapRecord(ByteOrder.BIG_ENDIAN, 1, 2, new byte[0], 0));
        huge[24 + 8] = 0x7f; // captured length 0x7f000000
        e = assertThrows(CaptureFormatException.class, () -> readAll(huge));
        assertEquals(32, e.offset());
        assertFalse(e.getMessage().contains("truncated"), e.getMessage());
    }
}
