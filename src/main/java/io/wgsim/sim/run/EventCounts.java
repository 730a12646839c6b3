package io.wgsim.sim.run;

import io.wgsim.protocol.DeviceEvent;
import io.wgsim.sim.link.LinkDropReason;
import io.wgsim.sim.world.Trace;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Running totals of the events of a run, for the summary and the console table. */
public final class EventCounts {
    private final Map<String, Long> byType = new TreeMap<>();
    private final Map<LinkDropReason, Long> linkDrops = new EnumMap<>(LinkDropReason.class);
    private final Map<Trace.RouteDropReason, Long> routeDrops = new EnumMap<>(Trace.RouteDropReason.class);

    void count(String node, DeviceEvent e) {
        byType.merge(EventJson.name(e), 1L, Long::sum);
    }

    void linkDrop(LinkDropReason r) {
        linkDrops.merge(r, 1L, Long::sum);
    }

    void routeDrop(Trace.RouteDropReason r) {
        routeDrops.merge(r, 1L, Long::sum);
    }

    public Map<String, Long> byType() {
        return byType;
    }

    public Map<LinkDropReason, Long> linkDrops() {
        return linkDrops;
    }

    public Map<Trace.RouteDropReason, Long> routeDrops() {
        return routeDrops;
    }
}
