package io.wgsim.lab;

import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One [Peer] section in wg-quick terms, naming the lab peer it describes.
 *
 * @param remote the lab peer this section is about
 * @param publicKey the key to configure (usually the remote's; a scenario may give a wrong one)
 * @param presharedKey {@link PresharedKey#NONE} for none
 * @param allowedIps AllowedIPs
 * @param endpoint whether Endpoint is set, to the remote's reachable address at configuration time
 * @param persistentKeepalive zero for off
 */
public record PeerEntry(String remote, PublicKey publicKey, PresharedKey presharedKey, List<Cidr> allowedIps,
                        boolean endpoint, Duration persistentKeepalive) {

    public PeerEntry {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(publicKey, "publicKey");
        presharedKey = presharedKey == null ? PresharedKey.NONE : presharedKey;
        allowedIps = List.copyOf(allowedIps);
        persistentKeepalive = persistentKeepalive == null ? Duration.ZERO : persistentKeepalive;
    }

    public PeerEntry withPublicKey(PublicKey key) {
        return new PeerEntry(remote, key, presharedKey, allowedIps, endpoint, persistentKeepalive);
    }

    public PeerEntry withPresharedKey(PresharedKey psk) {
        return new PeerEntry(remote, publicKey, psk, allowedIps, endpoint, persistentKeepalive);
    }

    public PeerEntry withAllowedIps(List<Cidr> prefixes) {
        return new PeerEntry(remote, publicKey, presharedKey, prefixes, endpoint, persistentKeepalive);
    }

    public PeerEntry withEndpoint(boolean known) {
        return new PeerEntry(remote, publicKey, presharedKey, allowedIps, known, persistentKeepalive);
    }

    public PeerEntry withPersistentKeepalive(Duration interval) {
        return new PeerEntry(remote, publicKey, presharedKey, allowedIps, endpoint, interval);
    }
}
