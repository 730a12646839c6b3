package io.wgsim.sim.world;

import io.wgsim.net.IpAddresses;
import io.wgsim.net.IpPackets;
import io.wgsim.net.UdpDatagram;
import io.wgsim.sim.EventId;
import io.wgsim.sim.Simulator;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.LinkedHashMap;

/**
 * A bulk transfer through the tunnel: {@code bytes} in numbered UDP segments, at most {@code window}
 * unacknowledged at a time; the receiver acknowledges each segment and a one-second timer resends the
 * oldest unacknowledged one. Not TCP, but it fills the tunnel the way a transfer does and finishes only
 * when every byte arrived.
 */
public final class BulkApp implements TrafficApp {
    static final int SEGMENT = 1200;
    static final int WINDOW = 32;
    static final long RETRANSMIT_NANOS = 1_000_000_000L;

    private final Host from;
    private final Host to;
    private final byte[] destination;
    private final int port;
    private final int segments;
    private final long bytes;
    private final Simulator sim;
    private final BitSet acked = new BitSet();
    private final BitSet arrived = new BitSet();
    private int nextToSend;
    private int lowestUnacked;
    private long sentSegments;
    private long retransmissions;
    private long startedAt = -1;
    private long finishedAt = -1;
    private EventId retransmit = EventId.NONE;

    public BulkApp(Host from, Host to, byte[] destination, int port, long bytes, long startNanos) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bulk transfer size must be positive");
        }
        this.from = from;
        this.to = to;
        this.destination = destination.clone();
        this.port = port;
        this.bytes = bytes;
        this.segments = (int) Math.min(Integer.MAX_VALUE - 1, (bytes + SEGMENT - 1) / SEGMENT);
        this.sim = from.world().simulator();
        to.stack().listenUdp(port, (now, p, raw) -> segmentArrived(raw));
        from.stack().listenUdp(port + 1, (now, p, raw) -> ackArrived(raw));
        sim.scheduleAt(Math.max(startNanos, sim.now()), this::start);
    }

    private void start() {
        startedAt = sim.now();
        fill();
    }

    private void fill() {
        while (nextToSend < segments && nextToSend - lowestUnacked < WINDOW) {
            sendSegment(nextToSend++);
        }
        armRetransmit();
    }

    private void sendSegment(int index) {
        int length = (int) Math.min(SEGMENT, bytes - (long) index * SEGMENT);
        byte[] payload = new byte[Math.max(4, length)];
        ByteBuffer.wrap(payload).putInt(index);
        byte[] src = from.stack().primaryAddress(destination.length == 4);
        from.stack().send(IpPackets.udp(src, destination, port + 1, port, payload));
        sentSegments++;
    }

    private void segmentArrived(byte[] raw) {
        UdpDatagram d = IpPackets.parseUdp(raw);
        if (d == null || d.payload().length < 4) {
            return;
        }
        int index = ByteBuffer.wrap(d.payload()).getInt();
        arrived.set(index);
        byte[] src = to.stack().primaryAddress(destination.length == 4);
        byte[] back = from.stack().primaryAddress(destination.length == 4);
        to.stack().send(IpPackets.udp(src, back, port, port + 1, ByteBuffer.allocate(4).putInt(index).array()));
    }

    private void ackArrived(byte[] raw) {
        UdpDatagram d = IpPackets.parseUdp(raw);
        if (d == null || d.payload().length < 4 || finishedAt >= 0) {
            return;
        }
        acked.set(ByteBuffer.wrap(d.payload()).getInt());
        while (lowestUnacked < segments && acked.get(lowestUnacked)) {
            lowestUnacked++;
        }
        if (lowestUnacked == segments) {
            finishedAt = sim.now();
            retransmit.cancel();
            return;
        }
        fill();
    }

    private void armRetransmit() {
        retransmit.cancel();
        if (lowestUnacked >= segments) {
            return;
        }
        retransmit = sim.schedule(RETRANSMIT_NANOS, () -> {
            retransmissions++;
            for (int i = lowestUnacked; i < nextToSend; i++) {
                if (!acked.get(i)) {
                    sendSegment(i);
                }
            }
            armRetransmit();
        });
    }

    public boolean finished() {
        return finishedAt >= 0;
    }

    @Override public String describe() {
        return "bulk " + from.name() + " -> " + to.name() + " (" + IpAddresses.format(IpAddresses.fromBytes(destination)) + ":" + port + ")";
    }

    @Override public LinkedHashMap<String, Object> figures() {
        LinkedHashMap<String, Object> f = new LinkedHashMap<>();
        f.put("bytes", bytes);
        f.put("segmentsSent", sentSegments);
        f.put("retransmissionRounds", retransmissions);
        f.put("segmentsArrived", (long) arrived.cardinality());
        f.put("finished", finished());
        f.put("seconds", finished() ? (finishedAt - startedAt) / 1e9 : null);
        f.put("goodputBitsPerSecond", finished() && finishedAt > startedAt ? Math.round(bytes * 8 / ((finishedAt - startedAt) / 1e9)) : null);
        return f;
    }
}
