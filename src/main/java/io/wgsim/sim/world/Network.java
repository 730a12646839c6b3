package io.wgsim.sim.world;

import io.wgsim.net.Cidr;
import io.wgsim.sim.nat.NatBox;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An outer IP network hosts attach to. Networks without a NAT route to each other (together they are
 * "the internet"); a network behind a NAT reaches the others only through it, and nobody outside can
 * reach its hosts except through the NAT's mappings.
 */
public final class Network {
    private final String name;
    private final Cidr subnet;
    private final NatBox nat;
    private int nextHost = 1;

    public Network(String name, Cidr subnet, NatBox nat) {
        this.name = Objects.requireNonNull(name, "name");
        this.subnet = Objects.requireNonNull(subnet, "subnet").network();
        this.nat = nat;
    }

    public String name() {
        return name;
    }

    public Cidr subnet() {
        return subnet;
    }

    /** The NAT this network sits behind, or null for a public network. */
    public NatBox nat() {
        return nat;
    }

    public boolean contains(InetAddress address) {
        return subnet.contains(address.getAddress());
    }

    /** The next unused host address in the subnet, in order (used when a host moves here). */
    InetAddress allocate(java.util.function.Predicate<InetAddress> taken) {
        byte[] base = subnet.address().getAddress();
        long capacity = subnet.isIpv4() ? (1L << (32 - subnet.length())) - 2 : Long.MAX_VALUE;
        for (; nextHost <= capacity; nextHost++) {
            byte[] a = base.clone();
            long n = nextHost;
            for (int i = a.length - 1; i >= 0 && n != 0; i--) {
                int sum = (a[i] & 0xff) + (int) (n & 0xff);
                a[i] = (byte) sum;
                n = (n >>> 8) + (sum >>> 8);
            }
            InetAddress candidate = io.wgsim.net.IpAddresses.fromBytes(a);
            if (!taken.test(candidate)) {
                nextHost++;
                return candidate;
            }
        }
        throw new IllegalStateException("network " + name + " (" + subnet + ") has no free address left");
    }

    @Override public String toString() {
        return name + " " + subnet + (nat == null ? "" : " behind " + nat.name());
    }
}
