package io.wgsim.sim.world;

import static io.wgsim.sim.world.TwoHostWorld.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.wire.DropReason;
import io.wgsim.sim.link.Loss;
import io.wgsim.sim.link.NetemSyntax;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Link impairments seen end to end, through WireGuard tunnels in a running world: the client's uplink
 * carries the impairment, a CBR flow crosses it, and what arrives at the server is counted.
 */
class WorldLinkBehaviourTest {

    /** Transport counters of the messages arriving at the server, in arrival order. */
    private static final class Arrivals implements Trace {
        final List<Long> counters = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final List<Integer> sizes = new ArrayList<>();
        Host server;

        @Override public void packet(long at, Host host, boolean uplink, java.net.InetSocketAddress s, java.net.InetSocketAddress d, byte[] p) {
            if (host == server && !uplink && p[0] == 4 && p.length > 32) {
                long c = 0;
                for (int i = 15; i >= 8; i--) {
                    c = c << 8 | (p[i] & 0xff);
                }
                counters.add(c);
                times.add(at);
                sizes.add(p.length);
            }
        }
    }

    private static final long RUN = 400 * S;

    private record Outcome(TwoHostWorld world, CbrApp cbr, Arrivals arrivals) {}

    private static Outcome run(String uplink, long bitsPerSecond, int size) {
        TwoHostWorld w = new TwoHostWorld(11, uplink, false, Duration.ZERO);
        Arrivals arrivals = new Arrivals();
        arrivals.server = w.server;
        // Re-route the world's packet trace into the arrival log while keeping device events.
        w.extra = arrivals;
        // Stops 5 s before the end so nothing is still in flight when the counts are read.
        CbrApp cbr = new CbrApp(w.client, w.server, w.serverTunnelAddress(), 9000, bitsPerSecond, size, S, RUN - 5 * S);
        w.sim.runUntil(RUN);
        return new Outcome(w, cbr, arrivals);
    }

    private static long received(CbrApp cbr) {
        return (Long) cbr.figures().get("received");
    }

    private static long sent(CbrApp cbr) {
        return (Long) cbr.figures().get("sent");
    }

    @Test
    void gilbertElliottBurstsLoseTheirStationaryRate() {
        String model = "loss gemodel 1% 10% 70% 0.5%";
        Outcome o = run(model, 64_000, 72); // 100 datagrams/s for 400 s
        double expected = ((Loss.GilbertElliott) NetemSyntax.parse(model).loss()).stationaryLossPercent() / 100;
        double lost = 1.0 - received(o.cbr) / (double) sent(o.cbr);
        assertTrue(Math.abs(lost - expected) < 0.015, "loss " + lost + " vs stationary " + expected);
        // Bursts: losses cluster, so the longest run of consecutive missing counters exceeds what 7%
        // independent loss would give over 40k packets (about 4).
        long longestGap = 0;
        List<Long> c = o.arrivals.counters;
        for (int i = 1; i < c.size(); i++) {
            longestGap = Math.max(longestGap, c.get(i) - c.get(i - 1) - 1);
        }
        assertTrue(longestGap >= 8, "longest burst " + longestGap);
    }

    @Test
    void duplicatesReachTheServerAndWireGuardDropsThemAsReplays() {
        Outcome o = run("delay 10ms duplicate 10%", 64_000, 72);
        assertEquals(sent(o.cbr), received(o.cbr), "every datagram arrives exactly once at the application");
        long replayed = o.world.events(o.world.serverEvents, DeviceEvent.Dropped.class).stream()
                .filter(d -> d.reason() == DropReason.REPLAYED).count();
        double rate = replayed / (double) o.arrivals.counters.size();
        assertTrue(rate > 0.08 && rate < 0.12, "duplicate share " + rate);
    }

    @Test
    void reorderedPacketsArriveOutOfOrderAndAreStillAccepted() {
        Outcome o = run("delay 20ms reorder 25% gap 1", 64_000, 72);
        long inversions = 0;
        List<Long> c = o.arrivals.counters;
        for (int i = 1; i < c.size(); i++) {
            if (c.get(i) < c.get(i - 1)) {
                inversions++;
            }
        }
        assertTrue(inversions > c.size() / 10, "inversions " + inversions + " of " + c.size());
        assertEquals(sent(o.cbr), received(o.cbr), "the replay window accepts reordered packets");
    }

    @Test
    void aRateLimitPacesTheLinkAndItsQueueDropsTheExcess() {
        // 2 Mbit/s offered into a 1 Mbit/s uplink with a 50-packet queue.
        Outcome o = run("rate 1mbit limit 50", 2_000_000, 1000);
        List<Long> t = o.arrivals.times;
        List<Integer> sizes = o.arrivals.sizes;
        long bits = 0;
        for (int i = t.size() / 2; i < t.size(); i++) {
            bits += 8L * sizes.get(i);
        }
        double seconds = (t.get(t.size() - 1) - t.get(t.size() / 2)) / 1e9;
        double rate = bits / seconds;
        assertTrue(rate > 0.97e6 && rate < 1.03e6, "delivered " + rate + " bit/s");
        double share = received(o.cbr) / (double) sent(o.cbr);
        assertTrue(share > 0.45 && share < 0.55, "about half gets through the queue: " + share);
    }
}
