package io.wgsim.lab;

import io.wgsim.crypto.PublicKey;
import io.wgsim.net.IcmpEcho;
import io.wgsim.net.IpAddresses;
import io.wgsim.net.IpPackets;
import java.util.BitSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** ping(8) from a wgsim peer of the Docker lab: echo requests into its tunnel on the wall clock, replies counted once each. */
final class RealPing implements PingRun {
    private final LabWgsimPeer peer;
    private final byte[] source;
    private final byte[] destination;
    private final int identifier;
    private final int count;
    private final int size;
    private final BitSet answered = new BitSet();
    private int sent;

    RealPing(LabWgsimPeer peer, byte[] source, byte[] destination, int identifier, int count, int size) {
        this.peer = peer;
        this.source = source;
        this.destination = destination;
        this.identifier = identifier;
        this.count = count;
        this.size = size;
        peer.addDeliveryListener(this::delivered);
    }

    /** Sends the first request now and the others {@code intervalNanos} apart on {@code timer}. */
    void start(ScheduledExecutorService timer, long intervalNanos) {
        for (int i = 0; i < count; i++) {
            timer.schedule(this::sendNext, i * intervalNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void sendNext() {
        int sequence;
        synchronized (this) {
            if (sent >= count) {
                return;
            }
            sequence = ++sent;
        }
        peer.sendInner(IpPackets.echoRequest(source, destination, identifier, sequence & 0xffff, new byte[size]));
    }

    private void delivered(PublicKey from, byte[] packet) {
        IcmpEcho echo = IpPackets.parseEcho(packet);
        if (echo != null && echo.isReply() && echo.identifier() == identifier) {
            synchronized (this) {
                if (echo.sequence() >= 1 && echo.sequence() <= sent) {
                    answered.set(echo.sequence());
                }
            }
        }
    }

    @Override public long requested() {
        return count;
    }

    @Override public synchronized long sent() {
        return sent;
    }

    @Override public synchronized long answered() {
        return answered.cardinality();
    }

    @Override public String describe() {
        return "ping " + peer.name() + " -> " + IpAddresses.format(IpAddresses.fromBytes(destination)) + ": " + sent()
                + " of " + count + " sent, " + answered() + " answered";
    }
}
