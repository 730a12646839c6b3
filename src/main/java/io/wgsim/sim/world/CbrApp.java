package io.wgsim.sim.world;

import io.wgsim.net.IpAddresses;
import io.wgsim.net.IpPackets;
import io.wgsim.sim.Simulator;
import java.util.LinkedHashMap;

/** Constant-bit-rate UDP through the tunnel: one datagram of {@code size} bytes every size*8/rate seconds. */
public final class CbrApp implements TrafficApp {
    private final Host from;
    private final Host to;
    private final byte[] destination;
    private final int port;
    private final int size;
    private final long intervalNanos;
    private final Simulator sim;
    private long sent;
    private long received;
    private long receivedBytes;

    private final long stopNanos;

    public CbrApp(Host from, Host to, byte[] destination, int port, long bitsPerSecond, int size, long startNanos) {
        this(from, to, destination, port, bitsPerSecond, size, startNanos, Long.MAX_VALUE);
    }

    /** As above, sending nothing at or after {@code stopNanos}. */
    public CbrApp(Host from, Host to, byte[] destination, int port, long bitsPerSecond, int size, long startNanos,
                  long stopNanos) {
        if (bitsPerSecond <= 0 || size <= 0) {
            throw new IllegalArgumentException("cbr rate and size must be positive");
        }
        this.from = from;
        this.to = to;
        this.destination = destination.clone();
        this.port = port;
        this.size = size;
        this.intervalNanos = Math.max(1, size * 8L * 1_000_000_000L / bitsPerSecond);
        this.sim = from.world().simulator();
        this.stopNanos = stopNanos;
        to.stack().listenUdp(port, (now, p, raw) -> {
            received++;
            receivedBytes += raw.length;
        });
        sim.scheduleAt(Math.max(startNanos, sim.now()), this::send);
    }

    private void send() {
        if (sim.now() >= stopNanos) {
            return;
        }
        byte[] src = from.stack().primaryAddress(destination.length == 4);
        from.stack().send(IpPackets.udp(src, destination, port, port, new byte[size]));
        sent++;
        sim.schedule(intervalNanos, this::send);
    }

    @Override public String describe() {
        return "cbr " + from.name() + " -> " + to.name() + " (" + IpAddresses.format(IpAddresses.fromBytes(destination)) + ":" + port + ")";
    }

    @Override public LinkedHashMap<String, Object> figures() {
        LinkedHashMap<String, Object> f = new LinkedHashMap<>();
        f.put("sent", sent);
        f.put("received", received);
        f.put("receivedBytes", receivedBytes);
        return f;
    }
}
