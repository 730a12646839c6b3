package io.wgsim.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The small parts: name patterns, address pools, suggestions, the located YAML tree. */
class PartsTest {
    @Test
    void namePatterns() {
        assertEquals("client7", NamePattern.parse("client%d").render(7));
        assertEquals("client00042", NamePattern.parse("client%05d").render(42));
        assertEquals("node123456", NamePattern.parse("node%03d").render(123456), "padding never truncates");
        assertEquals("eu-7-gw", NamePattern.parse("eu-%d-gw").render(7));
        assertEquals("hub", NamePattern.parse("hub").render(3));
        assertFalse(NamePattern.parse("hub").hasIndex());
        for (String bad : List.of("client%", "client%s", "c%d%d", "c%5d", "c%00d", "c%010d")) {
            assertThrows(IllegalArgumentException.class, () -> NamePattern.parse(bad), bad);
        }
    }

    private static String next(AddressPool pool, Set<InetAddress> taken) {
        InetAddress a = pool.next(taken);
        return a == null ? null : IpAddresses.format(a);
    }

    @Test
    void poolsSkipTheSubnetsOwnAddressesAndTakenOnes() {
        AddressPool pool = new AddressPool(Cidr.parse("192.168.1.0/30"));
        Set<InetAddress> taken = new HashSet<>(Set.of(IpAddresses.parse("192.168.1.1")));
        assertEquals("192.168.1.2", next(pool, taken));
        assertNull(next(pool, taken), ".3 is the broadcast address");
        assertEquals(2, pool.capacity());
        assertFalse(pool.isUsable(IpAddresses.parse("192.168.1.0")));
        assertFalse(pool.isUsable(IpAddresses.parse("192.168.1.3")));
        assertTrue(pool.isUsable(IpAddresses.parse("192.168.1.1")));
    }

    @Test
    void poolsCarryAcrossOctetsAndWorkForIpv6() {
        AddressPool v4 = new AddressPool(Cidr.parse("10.0.0.0/16"));
        Set<InetAddress> taken = new HashSet<>();
        for (int i = 0; i < 255; i++) {
            v4.next(taken);
        }
        assertEquals("10.0.1.0", next(v4, taken), "inside a /16, x.y.1.0 is an ordinary host");
        AddressPool v6 = new AddressPool(Cidr.parse("fd00::/126"));
        assertEquals("fd00::1", next(v6, taken));
        assertEquals("fd00::2", next(v6, taken));
        assertEquals("fd00::3", next(v6, taken), "IPv6 has no broadcast address");
        assertNull(next(v6, taken));
        AddressPool point = new AddressPool(Cidr.parse("10.9.9.8/31"));
        assertEquals("10.9.9.8", next(point, taken), "a /31 has two hosts and no reserved address (RFC 3021)");
        assertEquals("10.9.9.9", next(point, taken));
    }

    @Test
    void suggestions() {
        List<String> fields = List.of("allowed-ips", "endpoint", "persistent-keepalive", "preshared-key", "node");
        assertEquals("allowed-ips", Suggest.closest("AllowedIPs", fields));
        assertEquals("allowed-ips", Suggest.closest("allowed_ips", fields));
        assertEquals("endpoint", Suggest.closest("endpiont", fields));
        assertEquals("persistent-keepalive", Suggest.closest("keepalive", fields));
        assertEquals("listen-port", Suggest.closest("port", List.of("listen-port", "mtu")));
        assertEquals("persistent-keepalive", Suggest.closest("persistent", fields));
        assertNull(Suggest.closest("zzz", fields));
        assertNull(Suggest.closest("c", List.of("a", "b")), "no hints between one-letter names");
        assertEquals("", Suggest.hint("qwerty", fields));
    }

    @Test
    void yamlTreeKeepsLines() {
        Diagnostics d = new Diagnostics("t.yaml");
        YNode root = YamlReader.read("""
                a: 1
                b:
                  - x
                  - {c: off}
                """, d);
        assertFalse(d.hasErrors());
        YNode.Mapping map = (YNode.Mapping) root;
        assertEquals(1, map.get("a").keyLine());
        YNode.Sequence list = (YNode.Sequence) map.get("b").value();
        assertEquals(3, list.items().get(0).line());
        YNode.Mapping inner = (YNode.Mapping) list.items().get(1);
        YNode.Scalar off = (YNode.Scalar) inner.get("c").value();
        assertEquals("off", off.text(), "text as written, not YAML 1.1's false");
        assertEquals(4, off.line());
    }

    @Test
    void deepNestingIsRefused() {
        Diagnostics d = new Diagnostics("t.yaml");
        assertNull(YamlReader.read("a: " + "[".repeat(100) + "]".repeat(100) + "\n", d));
        assertTrue(d.hasErrors());
    }
}
