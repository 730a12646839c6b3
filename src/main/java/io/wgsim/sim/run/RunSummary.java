package io.wgsim.sim.run;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.wgsim.protocol.wire.DropReason;
import io.wgsim.sim.Simulator;
import io.wgsim.sim.world.Host;
import io.wgsim.sim.world.TrafficApp;
import io.wgsim.topology.Topology;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run adds up to: the figures of summary.json and the console table. Only the times
 * ({@code wallSeconds}, {@code cpuSeconds}, the crypto-alone estimates and the ratios made from them) and
 * {@code eventsPerSecond} depend on the machine; everything else follows from topology and seed.
 * {@code cpuSeconds} is the simulation thread's CPU time, and {@code cryptoCpuSeconds} the crypto-alone
 * estimate in the same unit: their ratio is the simulator's overhead with the machine's other load
 * mostly taken out, where the wall-clock ratio is what a user waits for.
 */
public record RunSummary(String topology, long seed, double simulatedSeconds, double wallSeconds, double cpuSeconds, long events,
                         int peakPendingEvents, long eventLines, List<Peer> peers, List<App> traffic,
                         Map<String, Long> linkDrops, Map<String, Long> routeDrops, long x25519Operations,
                         long aeadBytes, double cryptoSeconds, double cryptoCpuSeconds) {

    /** One node, as a WireGuard peer in the network. */
    public record Peer(String name, long handshakes, long rekeys, long endpointChanges, long handshakesGivenUp,
                       long txBytes, long rxBytes, Map<DropReason, Long> drops) {}

    public record App(String name, Map<String, Object> figures) {}

    static RunSummary of(Topology t, long seed, Duration duration, Simulator.Statistics stats, double wallSeconds,
                         double cpuSeconds, long[] x25519Operations, TopologyWorld tw, RunRecorder recorder) {
        List<Peer> peers = new ArrayList<>();
        long baseMults = x25519Operations[0];
        long dhs = x25519Operations[1];
        long aead = 0;
        for (Host h : tw.world().hosts()) {
            NodeStats n = recorder.node(h.name());
            aead += h.txBytes(); // sealed once by the sender, opened (at most) once by the receiver
            peers.add(new Peer(h.name(), n.handshakes(), n.rekeys(), n.endpointChanges(), n.gaveUp(), h.txBytes(),
                    h.rxBytes(), Map.copyOf(n.drops())));
        }
        List<App> apps = new ArrayList<>();
        for (TrafficApp a : tw.apps()) {
            apps.add(new App(a.describe(), a.figures()));
        }
        Map<String, Long> link = new LinkedHashMap<>();
        recorder.counts().linkDrops().forEach((k, v) -> link.put(k.name(), v));
        Map<String, Long> route = new LinkedHashMap<>();
        recorder.counts().routeDrops().forEach((k, v) -> route.put(k.name(), v));
        CryptoCost.Estimate crypto = CryptoCost.estimate(baseMults, dhs, aead);
        long x25519 = baseMults + dhs;
        return new RunSummary(t.name(), seed, duration.toNanos() / 1e9, wallSeconds, cpuSeconds, stats.executed(),
                stats.peakPending(), recorder.eventLines(), List.copyOf(peers), List.copyOf(apps), link, route, x25519, aead,
                crypto.wallSeconds(), crypto.cpuSeconds());
    }

    public double eventsPerSecond() {
        return wallSeconds <= 0 ? 0 : events / wallSeconds;
    }

    /** Run time over crypto-alone time, wall clock; 0 when unknown. */
    public double overheadVsCrypto() {
        return cryptoSeconds <= 0 ? 0 : wallSeconds / cryptoSeconds;
    }

    /** The same ratio in CPU time of the simulation thread; 0 when the JVM cannot measure thread CPU time. */
    public double cpuOverheadVsCrypto() {
        return cryptoCpuSeconds <= 0 || cpuSeconds < 0 ? 0 : cpuSeconds / cryptoCpuSeconds;
    }

    public long totalHandshakes() {
        return peers.stream().mapToLong(Peer::handshakes).sum();
    }

    public long totalRekeys() {
        return peers.stream().mapToLong(Peer::rekeys).sum();
    }

    /** Writes summary.json (keys in a fixed order; drop reasons in enum order). */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("topology", topology);
            g.writeNumberField("seed", seed);
            g.writeNumberField("simulatedSeconds", simulatedSeconds);
            g.writeNumberField("wallSeconds", Math.round(wallSeconds * 1000) / 1000.0);
            g.writeNumberField("cpuSeconds", Math.round(cpuSeconds * 1000) / 1000.0);
            g.writeNumberField("events", events);
            g.writeNumberField("eventsPerSecond", Math.round(eventsPerSecond()));
            g.writeNumberField("speedup", wallSeconds <= 0 ? 0 : Math.round(simulatedSeconds / wallSeconds * 10) / 10.0);
            g.writeNumberField("peakPendingEvents", peakPendingEvents);
            g.writeNumberField("x25519Operations", x25519Operations);
            g.writeNumberField("aeadBytes", aeadBytes);
            g.writeNumberField("cryptoOnlySeconds", Math.round(cryptoSeconds * 1000) / 1000.0);
            g.writeNumberField("overheadVsCrypto", Math.round(overheadVsCrypto() * 100) / 100.0);
            g.writeNumberField("cryptoOnlyCpuSeconds", Math.round(cryptoCpuSeconds * 1000) / 1000.0);
            g.writeNumberField("cpuOverheadVsCrypto", Math.round(cpuOverheadVsCrypto() * 100) / 100.0);
            g.writeNumberField("eventLines", eventLines);
            g.writeArrayFieldStart("peers");
            for (Peer p : peers) {
                g.writeStartObject();
                g.writeStringField("name", p.name());
                g.writeNumberField("handshakes", p.handshakes());
                g.writeNumberField("rekeys", p.rekeys());
                g.writeNumberField("endpointChanges", p.endpointChanges());
                g.writeNumberField("handshakesGivenUp", p.handshakesGivenUp());
                g.writeNumberField("txBytes", p.txBytes());
                g.writeNumberField("rxBytes", p.rxBytes());
                g.writeObjectFieldStart("drops");
                for (DropReason r : DropReason.values()) {
                    Long n = p.drops().get(r);
                    if (n != null) {
                        g.writeNumberField(r.name(), n);
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("traffic");
            for (App a : traffic) {
                g.writeStartObject();
                g.writeStringField("name", a.name());
                for (Map.Entry<String, Object> f : a.figures().entrySet()) {
                    g.writeFieldName(f.getKey());
                    Object v = f.getValue();
                    if (v == null) {
                        g.writeNull();
                    } else if (v instanceof Boolean b) {
                        g.writeBoolean(b);
                    } else if (v instanceof Long l) {
                        g.writeNumber(l);
                    } else if (v instanceof Integer i) {
                        g.writeNumber(i);
                    } else if (v instanceof Double d) {
                        g.writeNumber(d);
                    } else {
                        g.writeString(v.toString());
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            writeCounts(g, "linkDrops", linkDrops);
            writeCounts(g, "routeDrops", routeDrops);
            g.writeEndObject();
        }
    }

    private static void writeCounts(JsonGenerator g, String field, Map<String, Long> counts) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
