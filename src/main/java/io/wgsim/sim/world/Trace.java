package io.wgsim.sim.world;

import io.wgsim.protocol.DeviceEvent;
import io.wgsim.sim.link.LinkDropReason;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Everything a running world reports: what crossed each access link, what each node's WireGuard device
 * said, what links, NATs and scripted actions did. The run writes these to captures, events.jsonl and the
 * summary; tests collect them.
 */
public interface Trace {

    /** A datagram crossed {@code host}'s access link (arrived at its far end) at {@code at}. */
    default void packet(long at, Host host, boolean uplink, InetSocketAddress source, InetSocketAddress destination, byte[] payload) {}

    /** A node's device reported something (drops, handshakes, roaming, secrets for key logs). */
    default void device(Host host, DeviceEvent event) {}

    /** A host's device delivered an inner packet from {@code peer} to the host's IP layer. */
    default void delivered(long at, Host host, io.wgsim.crypto.PublicKey peer, byte[] packet) {}

    /** A link dropped a datagram. */
    default void linkDrop(long at, Host host, boolean uplink, LinkDropReason reason) {}

    /** The outer network could not deliver a datagram (no route, NAT filtered it, host moved away). */
    default void routeDrop(long at, String where, RouteDropReason reason, InetSocketAddress source, InetSocketAddress destination) {}

    /** A NAT created a mapping, or a scripted or timed action happened. */
    default void action(long at, String subject, String action, List<String> details) {}

    /** Why the outer network dropped a datagram. */
    enum RouteDropReason {
        NO_ROUTE,
        NAT_NO_MAPPING,
        HOST_MOVED,
        PORT_CLOSED
    }

    Trace NONE = new Trace() {};
}
