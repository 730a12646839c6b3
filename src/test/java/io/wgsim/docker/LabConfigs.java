package io.wgsim.docker;

import io.wgsim.config.Endpoint;
import io.wgsim.config.InterfaceConfig;
import io.wgsim.config.PeerConfig;
import io.wgsim.config.WgQuickConfig;
import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Tunnel addressing and wg-quick configs for the lab's tests. Test {@code t} uses 198.19.t.0/24 and
 * fd00:198:19:t::/64 inside the tunnel (t in 1..63, below the namespace tests' 64..254); host 1 is the
 * wgsim peer or the first container, host 2 the other.
 */
final class LabConfigs {
    private LabConfigs() {}

    static PrivateKey newKey() {
        return PrivateKey.generate(Entropy.secure());
    }

    static InetAddress v4(int t, int host) {
        return IpAddresses.parse("198.19." + t + "." + host);
    }

    static InetAddress v6(int t, int host) {
        return IpAddresses.parse("fd00:198:19:" + Integer.toHexString(t) + "::" + host);
    }

    /** An interface with both tunnel addresses of host {@code host} in test {@code t}. */
    static InterfaceConfig iface(PrivateKey key, Integer listenPort, int t, int host) {
        return new InterfaceConfig(key, listenPort, List.of(
                Cidr.parse("198.19." + t + "." + host + "/24"),
                Cidr.parse("fd00:198:19:" + Integer.toHexString(t) + "::" + host + "/64")), null);
    }

    /** A peer owning both tunnel addresses of host {@code host} in test {@code t}. */
    static PeerConfig peer(PublicKey key, InetSocketAddress endpoint, int keepalive, int t, int host) {
        return new PeerConfig(key, PresharedKey.NONE, List.of(
                Cidr.parse("198.19." + t + "." + host + "/32"),
                Cidr.parse("fd00:198:19:" + Integer.toHexString(t) + "::" + host + "/128")),
                endpoint == null ? null : Endpoint.of(endpoint), keepalive);
    }

    static WgQuickConfig config(InterfaceConfig iface, PeerConfig... peers) {
        return new WgQuickConfig(iface, Arrays.asList(peers));
    }
}
