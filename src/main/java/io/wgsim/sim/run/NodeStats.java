package io.wgsim.sim.run;

import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.wire.DropReason;
import java.util.EnumMap;
import java.util.Map;

/** What one node's WireGuard did over a run, counted from its events (so restarts do not reset it). */
public final class NodeStats {
    long sessions;
    long endpointChanges;
    long gaveUp;
    final Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    /** Sessions started per peer key, to tell first handshakes from rekeys. */
    private final Map<String, Long> sessionsPerPeer = new java.util.HashMap<>();

    void count(DeviceEvent e) {
        if (e instanceof DeviceEvent.SessionStarted s) {
            sessions++;
            sessionsPerPeer.merge(s.peer().toBase64(), 1L, Long::sum);
        } else if (e instanceof DeviceEvent.EndpointChanged c && c.from() != null) {
            endpointChanges++;
        } else if (e instanceof DeviceEvent.HandshakeGaveUp) {
            gaveUp++;
        } else if (e instanceof DeviceEvent.Dropped d) {
            drops.merge(d.reason(), 1L, Long::sum);
        }
    }

    /** Completed handshakes (sessions started, either role). */
    public long handshakes() {
        return sessions;
    }

    /** Sessions beyond the first with each peer. */
    public long rekeys() {
        return sessions - sessionsPerPeer.size();
    }

    public long endpointChanges() {
        return endpointChanges;
    }

    public long gaveUp() {
        return gaveUp;
    }

    public Map<DropReason, Long> drops() {
        return drops;
    }
}
