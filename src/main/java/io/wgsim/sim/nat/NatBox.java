package io.wgsim.sim.nat;

import io.wgsim.crypto.Entropy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A UDP NAT between an inside network and the outside (RFC 4787 terms), as a pure model with explicit
 * time: the simulator asks it to translate each datagram. Mapping and filtering are set apart, each
 * {@link Mapping#ENDPOINT_INDEPENDENT}, {@link Mapping#ADDRESS_DEPENDENT} or
 * {@link Mapping#ADDRESS_AND_PORT_DEPENDENT}: mapping says when two outgoing flows share an external
 * port (always / per remote address / per remote address and port: "symmetric"), filtering says which
 * remotes may send in through a mapping (anyone: "full cone" / addresses the inside host sent to / exact
 * address:port it sent to).
 * Mappings expire after {@code timeout} without traffic in either direction (as Linux conntrack
 * refreshes them), and {@link #rebind} forces every mapping onto a new external port, and optionally a
 * new public address, as carrier NATs do.
 */
public final class NatBox {

    /** How external ports are assigned and who may answer through them. */
    public enum Mapping {
        ENDPOINT_INDEPENDENT,
        ADDRESS_DEPENDENT,
        ADDRESS_AND_PORT_DEPENDENT
    }

    /** What became of a datagram offered to the NAT. */
    public record Translation(InetSocketAddress source, InetSocketAddress destination) {}

    private static final int FIRST_PORT = 1024;
    private static final int PORT_RANGE = 65536 - FIRST_PORT;

    private final String name;
    private final Mapping mapping;
    private final Mapping filtering;
    private final long timeoutNanos;
    private final Entropy entropy;
    private InetAddress publicAddress;

    /** Outbound key (inside endpoint, and remote for APDM) to its binding. */
    private final Map<OutKey, Binding> outbound = new HashMap<>();
    /** External port to its binding; lookups only, so hash order never shows. */
    private final Map<Integer, Binding> byPort = new HashMap<>();
    private long created;
    private long expired;

    /** A NAT whose filtering follows its mapping (full cone, or symmetric). */
    public NatBox(String name, Mapping mapping, InetAddress publicAddress, Duration timeout, Entropy entropy) {
        this(name, mapping, mapping, publicAddress, timeout, entropy);
    }

    public NatBox(String name, Mapping mapping, Mapping filtering, InetAddress publicAddress, Duration timeout, Entropy entropy) {
        this.name = Objects.requireNonNull(name, "name");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.filtering = Objects.requireNonNull(filtering, "filtering");
        this.publicAddress = Objects.requireNonNull(publicAddress, "publicAddress");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("NAT " + name + ": timeout must be positive, got " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        this.entropy = Objects.requireNonNull(entropy, "entropy");
    }

    public String name() {
        return name;
    }

    public InetAddress publicAddress() {
        return publicAddress;
    }

    /**
     * A datagram from {@code inside} to {@code remote} leaves through the NAT: returns it with its
     * translated source (creating or refreshing a mapping).
     */
    public Translation outbound(long now, InetSocketAddress inside, InetSocketAddress remote) {
        OutKey key = new OutKey(inside, narrow(mapping, remote));
        Binding b = outbound.get(key);
        if (b != null && b.isExpired(now, timeoutNanos)) {
            remove(b);
            expired++;
            b = null;
        }
        if (b == null) {
            b = new Binding(key, allocatePort(), now);
            outbound.put(key, b);
            byPort.put(b.externalPort, b);
            created++;
        }
        b.lastUsed = now;
        b.permitted.add(narrow(filtering, remote));
        return new Translation(new InetSocketAddress(publicAddress, b.externalPort), remote);
    }

    /**
     * A datagram from {@code remote} arrives at the NAT's public side on {@code publicDestination}:
     * returns it with the inside destination, or null when no live mapping lets it through.
     */
    public Translation inbound(long now, InetSocketAddress remote, InetSocketAddress publicDestination) {
        if (!publicDestination.getAddress().equals(publicAddress)) {
            return null;
        }
        Binding b = byPort.get(publicDestination.getPort());
        if (b == null) {
            return null;
        }
        if (b.isExpired(now, timeoutNanos)) {
            remove(b);
            expired++;
            return null;
        }
        if (filtering != Mapping.ENDPOINT_INDEPENDENT && !b.permitted.contains(narrow(filtering, remote))) {
            return null; // filtered: the inside host never sent to this remote
        }
        b.lastUsed = now;
        return new Translation(remote, b.key.inside);
    }

    /**
     * Forces a rebinding: every mapping is forgotten, so the next outbound datagram of each inside
     * endpoint gets a new external port; with {@code newAddress}, the public address changes too.
     */
    public void rebind(InetAddress newAddress) {
        outbound.clear();
        byPort.clear();
        if (newAddress != null) {
            publicAddress = newAddress;
        }
    }

    public int activeMappings() {
        return outbound.size();
    }

    public long mappingsCreated() {
        return created;
    }

    public long mappingsExpired() {
        return expired;
    }

    private int allocatePort() {
        if (byPort.size() >= PORT_RANGE) {
            throw new IllegalStateException("NAT " + name + " ran out of external ports");
        }
        while (true) {
            int port = FIRST_PORT + (int) entropy.nextLong(PORT_RANGE);
            Binding holder = byPort.get(port);
            if (holder == null) {
                return port;
            }
        }
    }

    private void remove(Binding b) {
        outbound.remove(b.key);
        byPort.remove(b.externalPort);
    }

    /** The part of a remote endpoint a behaviour looks at: nothing, its address, or all of it. */
    private static InetSocketAddress narrow(Mapping behaviour, InetSocketAddress remote) {
        return switch (behaviour) {
            case ENDPOINT_INDEPENDENT -> null;
            case ADDRESS_DEPENDENT -> new InetSocketAddress(remote.getAddress(), 0);
            case ADDRESS_AND_PORT_DEPENDENT -> remote;
        };
    }

    private record OutKey(InetSocketAddress inside, InetSocketAddress remote) {}

    private static final class Binding {
        final OutKey key;
        final int externalPort;
        /** Remotes (narrowed by the filtering behaviour) the inside endpoint sent to through this mapping. */
        final java.util.Set<InetSocketAddress> permitted = new java.util.HashSet<>();
        long lastUsed;

        Binding(OutKey key, int externalPort, long now) {
            this.key = key;
            this.externalPort = externalPort;
            this.lastUsed = now;
        }

        boolean isExpired(long now, long timeout) {
            return now - lastUsed >= timeout;
        }
    }
}
