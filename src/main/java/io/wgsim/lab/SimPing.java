package io.wgsim.lab;

import io.wgsim.crypto.PublicKey;
import io.wgsim.net.IcmpEcho;
import io.wgsim.net.IpAddresses;
import io.wgsim.net.IpPackets;
import io.wgsim.sim.Simulator;
import io.wgsim.sim.world.Host;
import java.util.BitSet;

/** ping(8) inside a simulated host: echo requests through the tunnel, replies counted once each. */
final class SimPing implements PingRun, SimRecorder.DeliveryListener {
    private final Host host;
    private final Simulator sim;
    private final byte[] source;
    private final byte[] destination;
    private final int identifier;
    private final int count;
    private final long intervalNanos;
    private final int size;
    private final BitSet answered = new BitSet();
    private int sent;

    SimPing(Host host, Simulator sim, byte[] source, byte[] destination, int identifier, int count, long intervalNanos, int size) {
        this.host = host;
        this.sim = sim;
        this.source = source;
        this.destination = destination;
        this.identifier = identifier;
        this.count = count;
        this.intervalNanos = intervalNanos;
        this.size = size;
    }

    void start() {
        sendNext();
    }

    private void sendNext() {
        if (sent >= count) {
            return;
        }
        sent++;
        host.sendInner(IpPackets.echoRequest(source, destination, identifier, sent & 0xffff, new byte[size]));
        if (sent < count) {
            sim.schedule(intervalNanos, this::sendNext);
        }
    }

    @Override public void delivered(long at, Host to, PublicKey peer, byte[] packet) {
        if (to != host) {
            return;
        }
        IcmpEcho echo = IpPackets.parseEcho(packet);
        if (echo != null && echo.isReply() && echo.identifier() == identifier && echo.sequence() >= 1 && echo.sequence() <= sent) {
            answered.set(echo.sequence());
        }
    }

    @Override public long requested() {
        return count;
    }

    @Override public long sent() {
        return sent;
    }

    @Override public long answered() {
        return answered.cardinality();
    }

    @Override public String describe() {
        return "ping " + host.name() + " -> " + IpAddresses.format(IpAddresses.fromBytes(destination)) + ": " + sent + " of "
                + count + " sent, " + answered() + " answered";
    }
}
