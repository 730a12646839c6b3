package io.wgsim.topology;

import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One peer of a node's WireGuard interface, resolved: what a [Peer] section of wg-quick would say.
 *
 * @param presharedKey {@link PresharedKey#NONE} when there is none
 * @param allowedIps in file order, host bits as written
 * @param endpoint where the first handshake goes, or null when the peer's address is learnt from it
 * @param persistentKeepalive zero when off; otherwise whole seconds, 1 to 65535
 */
public record Peer(PeerKey key, PresharedKey presharedKey, List<Cidr> allowedIps, InetSocketAddress endpoint,
                   Duration persistentKeepalive) {

    public Peer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(presharedKey, "presharedKey (use PresharedKey.NONE)");
        allowedIps = List.copyOf(allowedIps);
        Objects.requireNonNull(persistentKeepalive, "persistentKeepalive (use Duration.ZERO)");
        if (persistentKeepalive.isNegative() || persistentKeepalive.toNanos() % 1_000_000_000L != 0
                || persistentKeepalive.getSeconds() > 65535) {
            throw new IllegalArgumentException("persistentKeepalive must be whole seconds 0..65535, not "
                    + persistentKeepalive);
        }
        if (endpoint != null && endpoint.isUnresolved()) {
            throw new IllegalArgumentException("endpoint " + endpoint + " is not an IP address");
        }
    }

    public PublicKey publicKey() {
        return key.publicKey();
    }

    /** The node this peer is, or null for a peer known only by its key. */
    public String node() {
        return key instanceof PeerKey.OfNode n ? n.node() : null;
    }
}
