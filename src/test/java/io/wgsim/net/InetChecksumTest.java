package io.wgsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class InetChecksumTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void rfc1071Example() {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (after the end-around carry).
        assertEquals(~0xddf2 & 0xffff, InetChecksum.of(hex("0001f203f4f5f6f7"), 0, 8));
    }

    @Test
    void oddLengthPadsWithZero() {
        assertEquals(InetChecksum.of(hex("0001f203f4f5f600"), 0, 8), InetChecksum.of(hex("0001f203f4f5f6"), 0, 7));
    }

    @Test
    void ipv4HeaderFromACapture() {
        // The header of the first ping in wireguard-ping-tcp.pcap; its checksum field is 414c.
        byte[] header = hex("45000054e54640004001414c0a0a00020a0a0001");
        assertEquals(0, InetChecksum.of(header, 0, 20), "a correct header sums to all ones");
        header[10] = 0;
        header[11] = 0;
        assertEquals(0x414c, InetChecksum.of(header, 0, 20));
    }

    @Test
    void longInputDoesNotOverflow() {
        byte[] ones = new byte[70_000];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertEquals(0, InetChecksum.of(ones, 0, ones.length), "all-ones words sum to all ones");
        assertEquals(0xffff, InetChecksum.of(new byte[70_000], 0, 70_000));
        assertEquals(0xffff - 1, InetChecksum.of(hex("00010000"), 0, 4));
    }
}
