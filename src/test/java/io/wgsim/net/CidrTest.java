package io.wgsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    private static byte[] ip(String text) {
        return IpAddresses.parse(text).getAddress();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "10.0.0.1/24 | 10.0.0.1/24 | 10.0.0.0/24",
            "10.0.0.1 | 10.0.0.1/32 | 10.0.0.1/32",
            "0.0.0.0/0 | 0.0.0.0/0 | 0.0.0.0/0",
            "192.95.5.65/27 | 192.95.5.65/27 | 192.95.5.64/27",
            "10.1.2.3/9 | 10.1.2.3/9 | 10.0.0.0/9",
            "fd00::1 | fd00::1/128 | fd00::1/128",
            "::/0 | ::/0 | ::/0",
            "2404:6800:4004:800:dead:beef:dead:beef/64 | 2404:6800:4004:800:dead:beef:dead:beef/64 | 2404:6800:4004:800::/64",
            "2607:5300:6d8a:6bf8:dab1:f1df:c05f:1523/21 | 2607:5300:6d8a:6bf8:dab1:f1df:c05f:1523/21 | 2607:5000::/21",
            "::ffff:10.1.2.3/120 | ::ffff:10.1.2.3/120 | ::ffff:10.1.2.0/120",
    })
    void parsesFormatsAndMasks(String text, String formatted, String network) {
        Cidr c = Cidr.parse(text);
        assertEquals(formatted, c.toString());
        assertEquals(network, c.network().toString());
        assertEquals(c.isIpv4(), c.network().isIpv4());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/ 8",
            "10.0.0.0/8/8", "10.0.0.0/1000", "10.0.0.0/\u0662\u0664", "host/24", "/24", ""})
    void rejectsMalformedPrefixes(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    @Test
    void rejectsLengthOutOfRangeNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Cidr(IpAddresses.parse("10.0.0.0"), 33));
        assertTrue(e.getMessage().contains("33"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new Cidr(null, 0));
    }

    @Test
    void ipv4MappedPrefixStaysIpv6() {
        // Before the fix, Java turned ::ffff:0:0 into 0.0.0.0 and /96 was then out of range.
        Cidr mapped = Cidr.parse("::ffff:0:0/96");
        assertFalse(mapped.isIpv4());
        assertEquals("::ffff:0.0.0.0/96", mapped.toString());
        assertTrue(mapped.contains(ip("::ffff:10.0.0.1")));
        assertFalse(mapped.contains(ip("10.0.0.1")), "an IPv4 address is not inside an IPv6 prefix");
    }

    @Test
    void containsChecksExactlyThePrefixBits() {
        Cidr c = Cidr.parse("192.168.4.0/23");
        assertTrue(c.contains(ip("192.168.4.0")));
        assertTrue(c.contains(ip("192.168.5.255")));
        assertFalse(c.contains(ip("192.168.6.0")));
        assertFalse(c.contains(ip("192.168.3.255")));
        assertFalse(c.contains(ip("::ffff:192.168.4.1")));

        Cidr odd = Cidr.parse("10.0.0.0/9");
        assertTrue(odd.contains(ip("10.127.255.255")));
        assertFalse(odd.contains(ip("10.128.0.0")));

        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("255.255.255.255")));
        assertFalse(Cidr.parse("0.0.0.0/0").contains(ip("::")));
        assertTrue(Cidr.parse("::/0").contains(ip("ffff::")));

        Cidr host6 = Cidr.parse("fd00::1/128");
        assertTrue(host6.contains(ip("fd00::1")));
        assertFalse(host6.contains(ip("fd00::0")));
        // Host bits of the Cidr itself don't matter.
        assertTrue(Cidr.parse("10.1.2.3/8").contains(ip("10.200.0.1")));
    }

    @Test
    void equalityFollowsAddressAndLength() {
        assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.0.0.0/8"));
        assertNotEquals(Cidr.parse("10.0.0.1/8"), Cidr.parse("10.0.0.0/8"));
        assertEquals(Cidr.parse("10.0.0.1/8").network(), Cidr.parse("10.0.0.0/8"));
        assertNotEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.0.0.0/9"));
    }
}
