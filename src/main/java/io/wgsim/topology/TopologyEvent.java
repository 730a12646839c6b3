package io.wgsim.topology;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Something scripted to happen at a virtual time. {@link Topology#events()} lists them by time, those at
 * the same time in file order.
 */
public sealed interface TopologyEvent {

    /** When it happens, from the start of the run. */
    Duration at();

    /** The node or NAT it happens to. */
    String subject();

    /** A node leaves its network for another, with a new outer address there (its tunnel stays). */
    record Move(Duration at, String node, String network, InetAddress address) implements TopologyEvent {
        public Move {
            check(at);
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(address, "address");
        }

        @Override public String subject() {
            return node;
        }
    }

    /** A node's access link takes a new impairment. */
    record LinkChange(Duration at, String node, Link link) implements TopologyEvent {
        public LinkChange {
            check(at);
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(link, "link");
        }

        @Override public String subject() {
            return node;
        }
    }

    /** A node's WireGuard restarts: sessions, handshake state and learnt endpoints are lost; keys stay. */
    record Restart(Duration at, String node) implements TopologyEvent {
        public Restart {
            check(at);
            Objects.requireNonNull(node, "node");
        }

        @Override public String subject() {
            return node;
        }
    }

    /**
     * A node gets a new private key, and every node that has it as a peer is told its new public key
     * (as an operator would push new configurations).
     */
    record RotateKey(Duration at, String node, NodeKey key) implements TopologyEvent {
        public RotateKey {
            check(at);
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(key, "key");
        }

        @Override public String subject() {
            return node;
        }
    }

    /**
     * A node's access link goes down, both ways, and comes back after {@code duration}.
     *
     * @param duration how long it lasts, or null when it lasts to the end of the run
     */
    record Partition(Duration at, String node, Duration duration) implements TopologyEvent {
        public Partition {
            check(at);
            Objects.requireNonNull(node, "node");
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw new IllegalArgumentException("a partition lasts a positive time, not " + duration);
            }
        }

        @Override public String subject() {
            return node;
        }
    }

    /**
     * A NAT forgets its mappings and maps every flow to a new outer port, and to a new public address
     * when {@code publicAddress} differs from the one it had.
     *
     * @param publicAddress its public address from now on (the same one when only ports change)
     */
    record Rebind(Duration at, String nat, InetAddress publicAddress) implements TopologyEvent {
        public Rebind {
            check(at);
            Objects.requireNonNull(nat, "nat");
            Objects.requireNonNull(publicAddress, "publicAddress");
        }

        @Override public String subject() {
            return nat;
        }
    }

    private static void check(Duration at) {
        Objects.requireNonNull(at, "at");
        if (at.isNegative()) {
            throw new IllegalArgumentException("an event happens at 0 or later, not " + at);
        }
    }
}
