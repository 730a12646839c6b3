package io.wgsim.protocol.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedIpsTest {

    private static Cidr cidr(String text) {
        return Cidr.parse(text);
    }

    private static byte[] ip(String text) {
        return IpAddresses.parse(text).getAddress();
    }

    private static byte[] v6(int a, int b, int c, int d) {
        byte[] out = new byte[16];
        int[] words = {a, b, c, d};
        for (int i = 0; i < 4; i++) {
            out[4 * i] = (byte) (words[i] >>> 24);
            out[4 * i + 1] = (byte) (words[i] >>> 16);
            out[4 * i + 2] = (byte) (words[i] >>> 8);
            out[4 * i + 3] = (byte) words[i];
        }
        return out;
    }

    private static Cidr v6(int a, int b, int c, int d, int length) {
        return new Cidr(IpAddresses.fromBytes(v6(a, b, c, d)), length);
    }

    @Test
    void defaultRouteLosesToMoreSpecific() {
        AllowedIps<String> t = new AllowedIps<>();
        t.insert(cidr("0.0.0.0/0"), "default");
        t.insert(cidr("10.0.0.0/8"), "ten");
        t.insert(cidr("10.1.0.0/16"), "ten-one");
        t.insert(cidr("10.1.2.3/32"), "host");
        assertEquals("default", t.lookup(ip("11.0.0.1")));
        assertEquals("ten", t.lookup(ip("10.2.0.1")));
        assertEquals("ten-one", t.lookup(ip("10.1.2.2")));
        assertEquals("host", t.lookup(ip("10.1.2.3")));
        assertEquals("ten-one", t.lookup(ip("10.1.2.4")));
        assertNull(t.lookup(ip("::1")), "an IPv4 default route is not an IPv6 one");
        assertEquals(4, t.size());
    }

    @Test
    void ipv6DefaultAndHostRoutes() {
        AllowedIps<String> t = new AllowedIps<>();
        assertNull(t.lookup(ip("fd00::1")));
        t.insert(cidr("::/0"), "default");
        t.insert(cidr("fd00::/8"), "ula");
        t.insert(cidr("fd00::7/128"), "host");
        assertEquals("default", t.lookup(ip("2001:db8::1")));
        assertEquals("ula", t.lookup(ip("fd00::6")));
        assertEquals("host", t.lookup(ip("fd00::7")));
        assertEquals("ula", t.lookup(ip("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertNull(t.lookup(ip("10.0.0.1")));
        assertEquals("host", t.lookup(IpAddresses.parse("fd00::7")));
    }

    @Test
    void mappedAddressesAreIpv6() {
        AllowedIps<String> t = new AllowedIps<>();
        t.insert(cidr("10.0.0.0/8"), "v4");
        assertNull(t.lookup(ip("::ffff:10.0.0.1")));
        t.insert(cidr("::ffff:10.0.0.0/104"), "mapped");
        assertEquals("mapped", t.lookup(ip("::ffff:10.0.0.1")));
        assertEquals("v4", t.lookup(ip("10.0.0.1")));
    }

    @Test
    void hostBitsAreMaskedOff() {
        AllowedIps<String> t = new AllowedIps<>();
        t.insert(cidr("192.95.5.93/27"), "a");
        assertEquals("a", t.lookup(ip("192.95.5.64")));
        assertEquals("a", t.lookup(ip("192.95.5.95")));
        assertNull(t.lookup(ip("192.95.5.96")));
        assertEquals(List.of(cidr("192.95.5.64/27")), t.prefixesOf("a"));
        // The same prefix written with other host bits is the same prefix.
        t.insert(cidr("192.95.5.65/27"), "b");
        assertEquals(1, t.size());
        assertEquals("b", t.lookup(ip("192.95.5.70")));
        assertTrue(t.remove(cidr("192.95.5.80/27")));
        assertEquals(0, t.size());
    }

    @Test
    void insertingAnOwnedPrefixMovesIt() {
        AllowedIps<String> t = new AllowedIps<>();
        t.insert(cidr("10.0.0.0/24"), "alice");
        t.insert(cidr("10.0.1.0/24"), "alice");
        t.insert(cidr("10.0.0.0/24"), "bob");
        assertEquals("bob", t.lookup(ip("10.0.0.9")));
        assertEquals(List.of(cidr("10.0.1.0/24")), t.prefixesOf("alice"));
        assertEquals(List.of(cidr("10.0.0.0/24")), t.prefixesOf("bob"));
        assertEquals(2, t.size());
    }

    @Test
    void removeTakesExactlyThatPrefix() {
        AllowedIps<String> t = new AllowedIps<>();
        t.insert(cidr("10.0.0.0/8"), "wide");
        t.insert(cidr("10.1.0.0/16"), "narrow");
        assertFalse(t.remove(cidr("10.1.0.0/17")), "not stored");
        assertFalse(t.remove(cidr("10.0.0.0/9")), "not stored, though a glue-free path exists");
        assertFalse(t.remove(cidr("::/0")));
        assertTrue(t.remove(cidr("10.1.0.0/16")));
        assertFalse(t.remove(cidr("10.1.0.0/16")), "already gone");
        assertEquals("wide", t.lookup(ip("10.1.0.1")));
        assertTrue(t.remove(cidr("10.0.0.0/8")));
        assertNull(t.lookup(ip("10.1.0.1")));
        assertEquals(0, t.size());
        assertTrue(t.isStructurallyEmpty());
    }

    @Test
    void removingAGlueNodesOnlyOwnedChildLeavesNoGlueBehind() {
        AllowedIps<String> t = new AllowedIps<>();
        // 10.0.0.0/24 and 10.0.1.0/24 part at bit 23: a glue node 10.0.0.0/23 joins them.
        t.insert(cidr("10.0.0.0/24"), "a");
        t.insert(cidr("10.0.1.0/24"), "b");
        assertFalse(t.remove(cidr("10.0.0.0/23")), "glue is not a stored prefix");
        assertEquals(3, t.checkInvariants(), "two prefixes and their glue");
        assertTrue(t.remove(cidr("10.0.0.0/24")));
        assertEquals(1, t.checkInvariants(), "the glue went with it");
        assertEquals("b", t.lookup(ip("10.0.1.1")));
        assertNull(t.lookup(ip("10.0.0.1")));
        assertTrue(t.remove(cidr("10.0.1.0/24")));
        assertTrue(t.isStructurallyEmpty());
    }

    @Test
    void removeByValueRemovesAllOfAPeersPrefixes() {
        AllowedIps<String> t = new AllowedIps<>();
        t.insert(cidr("10.0.0.0/8"), "alice");
        t.insert(cidr("10.1.0.0/16"), "bob");
        t.insert(cidr("10.1.1.0/24"), "alice");
        t.insert(cidr("fd00::/64"), "alice");
        t.removeByValue("alice");
        assertEquals(List.of(), t.prefixesOf("alice"));
        assertNull(t.lookup(ip("10.2.0.1")));
        assertEquals("bob", t.lookup(ip("10.1.1.1")));
        assertNull(t.lookup(ip("fd00::1")));
        assertEquals(1, t.size());
        t.removeByValue("nobody");
        assertEquals(1, t.size());
    }

    @Test
    void prefixesOfIsSorted() {
        AllowedIps<String> t = new AllowedIps<>();
        for (String p : List.of("fd00::/64", "10.0.0.0/24", "::/0", "10.0.0.0/8", "192.168.0.0/16", "9.0.0.0/8",
                "fd00::1/128", "10.0.0.128/25", "0.0.0.0/0", "2001:db8::/32")) {
            t.insert(cidr(p), "p");
        }
        t.insert(cidr("10.0.0.64/26"), "other");
        assertEquals(List.of(cidr("0.0.0.0/0"), cidr("9.0.0.0/8"), cidr("10.0.0.0/8"), cidr("10.0.0.0/24"),
                cidr("10.0.0.128/25"), cidr("192.168.0.0/16"), cidr("::/0"), cidr("2001:db8::/32"),
                cidr("fd00::/64"), cidr("fd00::1/128")), t.prefixesOf("p"));
    }

    @Test
    void rejectsBadInput() {
        AllowedIps<String> t = new AllowedIps<>();
        assertThrows(NullPointerException.class, () -> t.insert(cidr("10.0.0.0/8"), null));
        assertThrows(IllegalArgumentException.class, () -> t.lookup(new byte[5]));
    }

    /** The hand-written cases of the kernel's allowedips selftest (src/selftest/allowedips.c). */
    @Test
    void kernelSelftestCases() {
        String a = "a", b = "b", c = "c", d = "d", e = "e", f = "f", g = "g", h = "h";
        AllowedIps<String> t = new AllowedIps<>();
        t.insert(cidr("192.168.4.0/24"), a);
        t.insert(cidr("192.168.4.4/32"), b);
        t.insert(cidr("192.168.0.0/16"), c);
        t.insert(cidr("192.95.5.64/27"), d);
        t.insert(cidr("192.95.5.65/27"), c); // replaces the previous entry; needs masking
        t.insert(v6(0x26075300, 0x60006b00, 0, 0xc05f0543, 128), d);
        t.insert(v6(0x26075300, 0x60006b00, 0, 0, 64), c);
        t.insert(cidr("0.0.0.0/0"), e);
        t.insert(cidr("::/0"), e);
        t.insert(cidr("::/0"), f); // replaces the previous entry
        t.insert(v6(0x24046800, 0, 0, 0, 32), g);
        t.insert(v6(0x24046800, 0x40040800, 0xdeadbeef, 0xdeadbeef, 64), h); // needs masking
        t.insert(v6(0x24046800, 0x40040800, 0xdeadbeef, 0xdeadbeef, 128), a);
        t.insert(v6(0x24446800, 0x40e40800, 0xdeaebeef, 0xdefbeef, 128), c);
        t.insert(v6(0x24446800, 0xf0e40800, 0xeeaebeef, 0, 98), b);
        t.insert(cidr("64.15.112.0/20"), g);
        t.insert(cidr("64.15.123.211/25"), h); // needs masking
        t.insert(cidr("10.0.0.0/25"), a);
        t.insert(cidr("10.0.0.128/25"), b);
        t.insert(cidr("10.1.0.0/30"), a);
        t.insert(cidr("10.1.0.4/30"), b);
        t.insert(cidr("10.1.0.8/29"), c);
        t.insert(cidr("10.1.0.16/29"), d);

        assertEquals(a, t.lookup(ip("192.168.4.20")));
        assertEquals(a, t.lookup(ip("192.168.4.0")));
        assertEquals(b, t.lookup(ip("192.168.4.4")));
        assertEquals(c, t.lookup(ip("192.168.200.182")));
        assertEquals(c, t.lookup(ip("192.95.5.68")));
        assertEquals(e, t.lookup(ip("192.95.5.96")));
        assertEquals(d, t.lookup(v6(0x26075300, 0x60006b00, 0, 0xc05f0543)));
        assertEquals(c, t.lookup(v6(0x26075300, 0x60006b00, 0, 0xc02e01ee)));
        assertEquals(f, t.lookup(v6(0x26075300, 0x60006b01, 0, 0)));
        assertEquals(g, t.lookup(v6(0x24046800, 0x40040806, 0, 0x1006)));
        assertEquals(g, t.lookup(v6(0x24046800, 0x40040806, 0x1234, 0x5678)));
        assertEquals(f, t.lookup(v6(0x240467ff, 0x40040806, 0x1234, 0x5678)));
        assertEquals(f, t.lookup(v6(0x24046801, 0x40040806, 0x1234, 0x5678)));
        assertEquals(h, t.lookup(v6(0x24046800, 0x40040800, 0x1234, 0x5678)));
        assertEquals(h, t.lookup(v6(0x24046800, 0x40040800, 0, 0)));
        assertEquals(h, t.lookup(v6(0x24046800, 0x40040800, 0x10101010, 0x10101010)));
        assertEquals(a, t.lookup(v6(0x24046800, 0x40040800, 0xdeadbeef, 0xdeadbeef)));
        assertEquals(g, t.lookup(ip("64.15.116.26")));
        assertEquals(g, t.lookup(ip("64.15.127.3")));
        assertEquals(g, t.lookup(ip("64.15.123.1")));
        assertEquals(h, t.lookup(ip("64.15.123.128")));
        assertEquals(h, t.lookup(ip("64.15.123.129")));
        assertEquals(a, t.lookup(ip("10.0.0.52")));
        assertEquals(b, t.lookup(ip("10.0.0.220")));
        assertEquals(a, t.lookup(ip("10.1.0.2")));
        assertEquals(b, t.lookup(ip("10.1.0.6")));
        assertEquals(c, t.lookup(ip("10.1.0.10")));
        assertEquals(d, t.lookup(ip("10.1.0.20")));

        for (String p : List.of("1.0.0.0/32", "64.0.0.0/32", "128.0.0.0/32", "192.0.0.0/32", "255.0.0.0/32")) {
            t.insert(cidr(p), a);
        }
        t.removeByValue(a);
        for (String addr : List.of("1.0.0.0", "64.0.0.0", "128.0.0.0", "192.0.0.0", "255.0.0.0")) {
            assertEquals(e, t.lookup(ip(addr)), addr + " falls back to the default route");
        }
    }

    @Test
    void kernelNestedRemoval() {
        AllowedIps<String> t = new AllowedIps<>();
        t.insert(cidr("192.168.0.0/16"), "a");
        t.insert(cidr("192.168.0.0/24"), "a");
        t.removeByValue("a");
        assertNull(t.lookup(ip("192.168.0.1")));
        assertTrue(t.isStructurallyEmpty());
    }

    @Test
    void kernelOneBitClearedHosts() {
        // All-ones /128s each with one bit cleared: a deep chain of single-bit forks.
        AllowedIps<String> t = new AllowedIps<>();
        for (int i = 0; i < 128; i++) {
            byte[] addr = ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
            addr[i / 8] &= (byte) ~(0x80 >>> (i % 8));
            t.insert(new Cidr(IpAddresses.fromBytes(addr), 128), "a" + (i % 3));
        }
        assertEquals(128, t.size());
        assertEquals("a1", t.lookup(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")), "bit 127 cleared");
        assertEquals("a0", t.lookup(ip("7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")), "bit 0 cleared");
        assertNull(t.lookup(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertEquals(255, t.checkInvariants(), "128 hosts and 127 forks");
        t.removeByValue("a0");
        t.removeByValue("a1");
        assertEquals(42, t.size());
        assertEquals(83, t.checkInvariants());
        t.removeByValue("a2");
        assertTrue(t.isStructurallyEmpty());
    }

    @Test
    void kernelReadBackMaskedPrefixes() {
        AllowedIps<String> t = new AllowedIps<>();
        t.insert(cidr("192.95.5.93/27"), "a");
        t.insert(v6(0x26075300, 0x60006b00, 0, 0xc05f0543, 128), "a");
        t.insert(cidr("10.1.0.20/29"), "a");
        t.insert(v6(0x26075300, 0x6d8a6bf8, 0xdab1f1df, 0xc05f1523, 83), "a");
        t.insert(v6(0x26075300, 0x6d8a6bf8, 0xdab1f1df, 0xc05f1523, 21), "a");
        assertEquals(List.of(cidr("10.1.0.16/29"), cidr("192.95.5.64/27"), cidr("2607:5000::/21"),
                        cidr("2607:5300:6000:6b00::c05f:543/128"), cidr("2607:5300:6d8a:6bf8:dab1:e000::/83")),
                t.prefixesOf("a"));
    }
}
