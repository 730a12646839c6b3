package io.wgsim.topology;

import io.wgsim.crypto.PublicKey;
import java.util.Objects;

/** Whose public key a peer entry holds: another node's in the topology, or one given in the file. */
public sealed interface PeerKey permits PeerKey.OfNode, PeerKey.External {

    PublicKey publicKey();

    /**
     * The key of node {@code node}, as it is at the start of the run (a rotate-key event gives the node a
     * new one, and the simulator updates the peers that name it).
     */
    record OfNode(String node, NodeKey key) implements PeerKey {
        public OfNode {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(key, "key");
        }

        @Override public PublicKey publicKey() {
            return key.publicKey();
        }
    }

    /** A key from outside the topology: a peer the simulation knows only by its public key. */
    record External(PublicKey publicKey) implements PeerKey {
        public External {
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }
}
