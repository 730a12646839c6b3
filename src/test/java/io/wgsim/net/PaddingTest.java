package io.wgsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaddingTest {

    @ParameterizedTest(name = "{0} bytes, mtu {1} -> {2}")
    @CsvSource({
            // keepalive
            "0, 1420, 0",
            "0, 0, 0",
            // rounding up to 16
            "1, 1420, 16",
            "15, 1420, 16",
            "16, 1420, 16",
            "17, 1420, 32",
            // lengths seen in wireguard-ping-tcp.pcap (mtu 1420): ICMP 84, DNS 59/75/87, TCP 60/44/40/256
            "84, 1420, 96",
            "59, 1420, 64",
            "75, 1420, 80",
            "87, 1420, 96",
            "60, 1420, 64",
            "44, 1420, 48",
            "40, 1420, 48",
            "256, 1420, 256",
            // capped at an MTU that is not a multiple of 16
            "1408, 1420, 1408",
            "1409, 1420, 1420",
            "1419, 1420, 1420",
            "1420, 1420, 1420",
            // never below the plaintext
            "1421, 1420, 1421",
            "1500, 1420, 1500",
            // small MTUs
            "1, 10, 10",
            "10, 10, 10",
            "1280, 1280, 1280",
            "1270, 1280, 1280",
            // mtu 0: unknown, no cap
            "1421, 0, 1424",
            "65535, 0, 65536",
    })
    void table(int plaintext, int mtu, int padded) {
        assertEquals(padded, Padding.paddedLength(plaintext, mtu));
    }

    @Test
    void alwaysAMultipleOf16OrTheMtuOrTheLengthItself() {
        for (int mtu : new int[] {0, 576, 1280, 1420, 1500}) {
            for (int len = 0; len <= 1600; len++) {
                int p = Padding.paddedLength(len, mtu);
                assertTrue(p >= len, len + "/" + mtu);
                assertTrue(p - len < 16, len + "/" + mtu + ": at most 15 bytes of padding");
                assertTrue(p % 16 == 0 || p == mtu || p == len, len + "/" + mtu + " -> " + p);
                assertTrue(mtu == 0 || len > mtu || p <= mtu, len + "/" + mtu + " passes the mtu");
            }
        }
    }

    @Test
    void rejectsNegatives() {
        assertThrows(IllegalArgumentException.class, () -> Padding.paddedLength(-1, 1420));
        assertThrows(IllegalArgumentException.class, () -> Padding.paddedLength(1, -1));
        assertEquals(Integer.MAX_VALUE, Padding.paddedLength(Integer.MAX_VALUE, 0), "no overflow");
    }
}
