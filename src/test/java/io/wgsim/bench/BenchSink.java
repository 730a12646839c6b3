package io.wgsim.bench;

import io.wgsim.crypto.PublicKey;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.DeviceSink;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * A sink for benchmarks: keeps sent datagrams in a queue until the benchmark takes them, notes only
 * where the last delivered packet lies (so the JIT cannot drop the work that made it), and counts what a
 * benchmark checks afterwards: deliveries, sessions started and drops. A drop means the benchmark
 * measured something other than what it claims, so {@link #assertNoDrops} fails the run.
 */
final class BenchSink implements DeviceSink {
    private final ArrayDeque<byte[]> sent = new ArrayDeque<>();
    /**
     * Whether the device must hand over arrays this sink keeps (true while a benchmark fills a batch
     * to replay later, and in the simulator's mode), or may reuse its buffer, as for a real socket.
     */
    boolean keeping = true;
    /** The buffer the last packet was delivered in (the device's: valid only until its next receive). */
    byte[] lastDelivered;
    int lastDeliveredLength;
    long delivered;
    long sessionsStarted;
    long drops;
    DeviceEvent.Dropped firstDrop;

    @Override public void sendDatagram(InetSocketAddress to, byte[] datagram) {
        sent.addLast(datagram);
    }

    @Override public boolean keepsDatagrams() {
        return keeping;
    }

    @Override public void deliverPacket(PublicKey peer, byte[] buffer, int offset, int length) {
        lastDelivered = buffer;
        lastDeliveredLength = length;
        delivered++;
    }

    @Override public void event(DeviceEvent event) {
        if (event instanceof DeviceEvent.SessionStarted) {
            sessionsStarted++;
        } else if (event instanceof DeviceEvent.Dropped d) {
            if (drops++ == 0) {
                firstDrop = d;
            }
        }
    }

    /** The oldest datagram not yet taken; fails if there is none. */
    byte[] take() {
        byte[] d = sent.pollFirst();
        if (d == null) {
            throw new IllegalStateException("expected a datagram; drops so far: " + drops + " (first: " + firstDrop + ")");
        }
        return d;
    }

    int pending() {
        return sent.size();
    }

    void clear() {
        sent.clear();
    }

    void assertNoDrops(String who) {
        if (drops != 0) {
            throw new IllegalStateException(who + " dropped " + drops + " messages; first: " + firstDrop);
        }
    }
}
