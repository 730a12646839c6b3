package io.wgsim.net;

import static io.wgsim.net.InnerPacket.Validity.BAD_HEADER_LENGTH;
import static io.wgsim.net.InnerPacket.Validity.BAD_TOTAL_LENGTH;
import static io.wgsim.net.InnerPacket.Validity.TOO_SHORT;
import static io.wgsim.net.InnerPacket.Validity.TRUNCATED;
import static io.wgsim.net.InnerPacket.Validity.UNKNOWN_VERSION;
import static io.wgsim.net.InnerPacket.Validity.VALID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.net.InnerPacket.Validity;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InnerPacketTest {

    /** The first ping of wireguard-ping-tcp.pcap, 84 bytes, padded to 96. */
    static final String PING_PADDED = "45000054e54640004001414c0a0a00020a0a00010800f95c6c0000006fad22f5"
            + "0000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000";
    /** An ICMPv6 echo request fd00::2 > fd00::1 (see IpPacketsTest). */
    static final String PING6 = "6000000000123a40fd000000000000000000000000000002fd000000000000000000000000000001"
            + "80003cb112340007776773696d2070696e67";

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static Validity validate(byte[] b) {
        return InnerPacket.validate(b, 0, b.length);
    }

    @Test
    void parsesIpv4AndTrimsPadding() {
        byte[] plaintext = hex(PING_PADDED);
        assertEquals(96, plaintext.length);
        InnerPacket p = InnerPacket.parse(plaintext);
        assertNotNull(p);
        assertEquals(4, p.version());
        assertTrue(p.isIpv4());
        assertEquals(84, p.length());
        assertEquals(84, p.bytes().length);
        assertEquals(20, p.headerLength());
        assertEquals(IpPackets.ICMP, p.protocol());
        assertEquals(64, p.ttl());
        assertFalse(p.isFragment());
        assertArrayEquals(new byte[] {10, 10, 0, 2}, p.source());
        assertArrayEquals(new byte[] {10, 10, 0, 1}, p.destination());
        assertEquals("10.10.0.2", IpAddresses.format(p.sourceAddress()));
        assertEquals("10.10.0.1", IpAddresses.format(p.destinationAddress()));
        assertArrayEquals(Arrays.copyOfRange(plaintext, 0, 84), p.bytes());
        assertArrayEquals(Arrays.copyOfRange(plaintext, 20, 84), p.payload());
        assertEquals("IPv4 10.10.0.2 > 10.10.0.1 proto 1 len 84", p.toString());
    }

    @Test
    void parsesIpv6AndTrimsPadding() {
        byte[] packet = hex(PING6);
        byte[] plaintext = Arrays.copyOf(packet, Padding.paddedLength(packet.length, 1420));
        assertEquals(64, plaintext.length);
        InnerPacket p = InnerPacket.parse(plaintext);
        assertNotNull(p);
        assertEquals(6, p.version());
        assertEquals(58, p.length());
        assertEquals(40, p.headerLength());
        assertEquals(IpPackets.ICMPV6, p.protocol());
        assertEquals(64, p.ttl());
        assertFalse(p.isFragment());
        assertEquals("fd00::2", IpAddresses.format(p.sourceAddress()));
        assertEquals("fd00::1", IpAddresses.format(p.destinationAddress()));
        assertArrayEquals(packet, p.bytes());
    }

    @Test
    void parsesWithinALargerBuffer() {
        byte[] packet = hex(PING6);
        byte[] buf = new byte[packet.length + 30];
        Arrays.fill(buf, (byte) 0x77);
        System.arraycopy(packet, 0, buf, 10, packet.length);
        InnerPacket p = InnerPacket.parse(buf, 10, packet.length + 5);
        assertNotNull(p);
        assertArrayEquals(packet, p.bytes());
        assertEquals(p, InnerPacket.parse(packet));
        assertEquals(p.hashCode(), InnerPacket.parse(packet).hashCode());
        assertEquals(TRUNCATED, InnerPacket.validate(buf, 10, packet.length - 1));
    }

    @Test
    void accessorsReturnCopies() {
        InnerPacket p = InnerPacket.parse(hex(PING_PADDED));
        p.bytes()[12] = 99;
        p.source()[0] = 99;
        assertEquals(10, p.source()[0]);
    }

    @Test
    void rejectsMalformedIpv4() {
        byte[] good = Arrays.copyOf(hex(PING_PADDED), 84);
        assertEquals(VALID, validate(good));
        assertEquals(TOO_SHORT, validate(new byte[0]));
        assertEquals(TOO_SHORT, validate(Arrays.copyOf(good, 19)), "shorter than a header");
        assertEquals(TOO_SHORT, validate(new byte[] {0x45}));
        assertEquals(TRUNCATED, validate(Arrays.copyOf(good, 83)), "total length 84 beyond 83 bytes");
        assertEquals(TRUNCATED, validate(Arrays.copyOf(good, 20)));

        byte[] ihl4 = good.clone();
        ihl4[0] = 0x44;
        assertEquals(BAD_HEADER_LENGTH, validate(ihl4));
        byte[] ihlBeyondTotal = good.clone();
        ihlBeyondTotal[0] = 0x4f; // 60-byte header
        ihlBeyondTotal[2] = 0;
        ihlBeyondTotal[3] = 40;
        assertEquals(BAD_HEADER_LENGTH, validate(ihlBeyondTotal));
        byte[] tinyTotal = good.clone();
        tinyTotal[2] = 0;
        tinyTotal[3] = 19;
        assertEquals(BAD_TOTAL_LENGTH, validate(tinyTotal));
        byte[] hugeTotal = good.clone();
        hugeTotal[2] = (byte) 0xff;
        hugeTotal[3] = (byte) 0xff;
        assertEquals(TRUNCATED, validate(hugeTotal));
        assertNull(InnerPacket.parse(hugeTotal));
    }

    @Test
    void rejectsMalformedIpv6() {
        byte[] good = hex(PING6);
        assertEquals(TOO_SHORT, validate(Arrays.copyOf(good, 39)));
        assertEquals(TRUNCATED, validate(Arrays.copyOf(good, 57)));
        byte[] noPayload = Arrays.copyOf(good, 40);
        noPayload[4] = 0;
        noPayload[5] = 0;
        assertEquals(VALID, validate(noPayload), "a bare header is a packet");
    }

    @Test
    void rejectsOtherVersions() {
        for (int v = 0; v < 16; v++) {
            byte[] b = new byte[64];
            b[0] = (byte) (v << 4 | 5);
            Validity expected = v == 4 || v == 6 ? (v == 4 ? BAD_TOTAL_LENGTH : VALID) : UNKNOWN_VERSION;
            assertEquals(expected, validate(b), "version " + v);
        }
    }

    @Test
    void badRangeIsAProgrammingError() {
        assertThrows(IndexOutOfBoundsException.class, () -> InnerPacket.validate(new byte[10], 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> InnerPacket.parse(new byte[10], -1, 2));
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        long seed = 0x1234_5678L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[random.nextInt(100)];
            random.nextBytes(b);
            int off = b.length == 0 ? 0 : random.nextInt(b.length);
            if (off < b.length && random.nextBoolean()) {
                b[off] = (byte) (random.nextBoolean() ? 0x45 : 0x60); // get past the version check often
            }
            exercise(seed, b, off);
        }
    }

    @Test
    void neverThrowsOnMutatedPackets() {
        long seed = 0x8765_4321L;
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] seeds = {
                hex(PING_PADDED),
                hex(PING6),
                IpPackets.udp(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, 1, 2, new byte[] {1, 2, 3}),
                IpPackets.udp(hex(PING6.substring(16, 48)), hex(PING6.substring(48, 80)), 1, 2, new byte[5]),
                IpPackets.echoRequest(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, 1, 2, new byte[0]),
        };
        int valid = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] b = seeds[random.nextInt(seeds.length)].clone();
            int flips = random.nextInt(4);
            for (int k = 0; k < flips; k++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            b = Arrays.copyOf(b, random.nextInt(b.length + 1));
            if (exercise(seed, b, 0)) {
                valid++;
            }
        }
        assertTrue(valid > 1000, "mutations should often stay parseable, got " + valid);
    }

    /** Runs every reader on the input; returns whether it parsed. */
    private static boolean exercise(long seed, byte[] b, int off) {
        try {
            Validity v = InnerPacket.validate(b, off, b.length - off);
            InnerPacket p = InnerPacket.parse(b, off, b.length - off);
            assertEquals(v == VALID, p != null);
            assertEquals(p == null ? -1 : p.length(), InnerPacket.packetLength(b, off, b.length - off));
            if (p != null) {
                assertArrayEquals(p.source(), InnerPacket.sourceOf(b, off));
                assertArrayEquals(p.destination(), InnerPacket.destinationOf(b, off));
                assertTrue(p.length() <= b.length - off);
                assertTrue(p.headerLength() <= p.length());
                p.toString();
                p.payload();
                p.isFragment();
            }
            byte[] whole = Arrays.copyOfRange(b, off, b.length);
            IpPackets.verifyChecksums(whole);
            IpPackets.parseEcho(whole);
            IpPackets.parseUdp(whole);
            IpPackets.echoReplyTo(whole);
            return p != null;
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ", input " + HexFormat.of().formatHex(b) + " at " + off, e);
        }
    }
}
