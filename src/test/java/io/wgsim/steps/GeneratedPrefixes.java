package io.wgsim.steps;

import io.wgsim.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/** Allowed-IP tables for routing scenarios: distinct, non-overlapping, outside the lab's tunnel addresses. */
final class GeneratedPrefixes {
    private GeneratedPrefixes() {}

    /** {@code count} distinct prefixes: IPv4 /32s in 10.64.0.0/10 alternating with IPv6 /128s in fd01::/64. */
    static List<Cidr> distinct(int count) {
        List<Cidr> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = i / 2;
            if (i % 2 == 0) {
                out.add(Cidr.parse("10." + (64 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff) + "/32"));
            } else {
                out.add(Cidr.parse("fd01::" + Integer.toHexString(n >> 16) + ":" + Integer.toHexString(n & 0xffff) + "/128"));
            }
        }
        return out;
    }

    /** For peer k (1-based, at most 255), {@code each} (at most 256) host prefixes 10.200.k.j/32. */
    static List<List<Cidr>> perPeer(int peers, int each) {
        List<List<Cidr>> out = new ArrayList<>();
        for (int k = 1; k <= peers; k++) {
            List<Cidr> table = new ArrayList<>();
            for (int j = 0; j < each; j++) {
                table.add(Cidr.parse("10.200." + k + "." + j + "/32"));
            }
            out.add(table);
        }
        return out;
    }
}
