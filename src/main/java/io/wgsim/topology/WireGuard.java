package io.wgsim.topology;

import io.wgsim.config.Endpoint;
import io.wgsim.config.InterfaceConfig;
import io.wgsim.config.PeerConfig;
import io.wgsim.config.WgQuickConfig;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import java.util.List;
import java.util.Objects;

/**
 * A node's WireGuard interface, resolved: keys, port, tunnel addresses, MTU and peers, as a wg-quick
 * file would give them ({@link #toWgQuickConfig()} writes one).
 *
 * @param addresses the interface's tunnel addresses, host bits kept ({@code 10.8.0.2/24}), in file order
 * @param peers in file order, then the peers generators added
 */
public record WireGuard(NodeKey key, int listenPort, List<Cidr> addresses, int mtu, List<Peer> peers) {
    public static final int DEFAULT_LISTEN_PORT = 51820;
    /** wg-quick's choice for a 1500-byte link: 1500 minus the 80 bytes of an IPv6 WireGuard header. */
    public static final int DEFAULT_MTU = 1420;

    public WireGuard {
        Objects.requireNonNull(key, "key");
        if (listenPort < 1 || listenPort > 65535) {
            throw new IllegalArgumentException("listenPort " + listenPort + " is out of range 1..65535");
        }
        addresses = List.copyOf(addresses);
        if (mtu < InterfaceConfig.MIN_MTU || mtu > InterfaceConfig.MAX_MTU) {
            throw new IllegalArgumentException("mtu " + mtu + " is out of range " + InterfaceConfig.MIN_MTU + ".."
                    + InterfaceConfig.MAX_MTU);
        }
        peers = List.copyOf(peers);
    }

    public PrivateKey privateKey() {
        return key.privateKey();
    }

    public PublicKey publicKey() {
        return key.publicKey();
    }

    /** The same interface as a wg-quick configuration, for a real peer (computes the keys). */
    public WgQuickConfig toWgQuickConfig() {
        List<PeerConfig> peerConfigs = peers.stream()
                .map(p -> new PeerConfig(p.publicKey(), p.presharedKey(), p.allowedIps(),
                        p.endpoint() == null ? null : Endpoint.of(p.endpoint()),
                        (int) p.persistentKeepalive().getSeconds()))
                .toList();
        return new WgQuickConfig(new InterfaceConfig(privateKey(), listenPort, addresses, mtu), peerConfigs);
    }
}
