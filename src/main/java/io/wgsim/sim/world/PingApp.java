package io.wgsim.sim.world;

import io.wgsim.net.IcmpEcho;
import io.wgsim.net.IpAddresses;
import io.wgsim.net.IpPackets;
import io.wgsim.sim.Simulator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pings an inner address at a fixed interval, through the tunnel, and keeps ping's statistics. */
public final class PingApp implements TrafficApp {
    private final Host from;
    private final byte[] destination;
    private final long intervalNanos;
    private final int size;
    private final long count;
    private final long stopNanos;
    private final int identifier;
    private final Simulator sim;
    private final Map<Integer, Long> sentAt = new HashMap<>();
    private int sequence;
    private long sent;
    private long received;
    private long rttSum;
    private long rttMin = Long.MAX_VALUE;
    private long rttMax;

    /** Starts at {@code startNanos}; {@code count} 0 means until the run ends. */
    public PingApp(Host from, byte[] destination, long startNanos, long intervalNanos, int size, long count, int identifier) {
        this(from, destination, startNanos, intervalNanos, size, count, identifier, Long.MAX_VALUE);
    }

    /** As above, sending nothing at or after {@code stopNanos}. */
    public PingApp(Host from, byte[] destination, long startNanos, long intervalNanos, int size, long count, int identifier,
                   long stopNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("ping interval must be positive");
        }
        this.from = from;
        this.destination = destination.clone();
        this.intervalNanos = intervalNanos;
        this.size = size;
        this.count = count;
        this.stopNanos = stopNanos;
        this.identifier = identifier & 0xffff;
        this.sim = from.world().simulator();
        from.stack().listenEcho(this.identifier, (now, p, raw) -> reply(now, raw));
        sim.scheduleAt(Math.max(startNanos, sim.now()), this::send);
    }

    private void send() {
        if ((count > 0 && sent >= count) || sim.now() >= stopNanos) {
            return;
        }
        int seq = ++sequence & 0xffff;
        byte[] src = from.stack().primaryAddress(destination.length == 4);
        byte[] packet = IpPackets.echoRequest(src, destination, identifier, seq, new byte[size]);
        sentAt.put(seq, sim.now());
        sent++;
        from.stack().send(packet);
        sim.schedule(intervalNanos, this::send);
    }

    private void reply(long now, byte[] raw) {
        IcmpEcho echo = IpPackets.parseEcho(raw);
        Long at = echo == null ? null : sentAt.remove(echo.sequence());
        if (at == null) {
            return; // a duplicate or a reply to a request we no longer wait for
        }
        received++;
        long rtt = now - at;
        rttSum += rtt;
        rttMin = Math.min(rttMin, rtt);
        rttMax = Math.max(rttMax, rtt);
    }

    public long sent() {
        return sent;
    }

    public long received() {
        return received;
    }

    @Override public String describe() {
        return "ping " + from.name() + " -> " + IpAddresses.format(IpAddresses.fromBytes(destination));
    }

    @Override public LinkedHashMap<String, Object> figures() {
        LinkedHashMap<String, Object> f = new LinkedHashMap<>();
        f.put("sent", sent);
        f.put("received", received);
        f.put("lossPercent", sent == 0 ? 0.0 : Math.round(10000.0 * (sent - received) / sent) / 100.0);
        f.put("rttMinMs", received == 0 ? null : rttMin / 1e6);
        f.put("rttAvgMs", received == 0 ? null : Math.round(rttSum / (double) received / 1e3) / 1e3);
        f.put("rttMaxMs", received == 0 ? null : rttMax / 1e6);
        return f;
    }
}
