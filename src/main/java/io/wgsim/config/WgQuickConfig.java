package io.wgsim.config;

import io.wgsim.crypto.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A whole wg-quick file: one interface and its peers, in file order. */
public record WgQuickConfig(InterfaceConfig iface, List<PeerConfig> peers) {

    public WgQuickConfig {
        Objects.requireNonNull(iface, "iface");
        peers = List.copyOf(peers);
        PublicKey own = iface.privateKey().publicKey();
        Set<PublicKey> seen = new HashSet<>();
        for (PeerConfig peer : peers) {
            if (peer.publicKey().equals(own)) {
                throw new IllegalArgumentException("peer " + own + " is the interface's own public key");
            }
            if (!seen.add(peer.publicKey())) {
                throw new IllegalArgumentException("peer " + peer.publicKey() + " appears twice");
            }
        }
    }
}
