package io.wgsim.sim.world;

import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.IcmpEcho;
import io.wgsim.net.InnerPacket;
import io.wgsim.net.IpPackets;
import io.wgsim.net.UdpDatagram;
import java.util.HashMap;
import java.util.Map;

/**
 * The IP layer behind a simulated host's tunnel: answers ICMP echo on the host's tunnel addresses and
 * hands echo replies and UDP datagrams to the traffic applications listening for them.
 */
public final class InnerStack {
    /** An application that takes packets addressed to it. */
    interface Listener {
        void receive(long now, InnerPacket packet, byte[] raw);
    }

    private final Host host;
    private final Map<Integer, Listener> echoListeners = new HashMap<>();
    private final Map<Integer, Listener> udpListeners = new HashMap<>();
    private long received;
    private long echoRequestsAnswered;
    private long unclaimed;

    InnerStack(Host host) {
        this.host = host;
    }

    void listenEcho(int identifier, Listener listener) {
        echoListeners.put(identifier, listener);
    }

    void listenUdp(int port, Listener listener) {
        udpListeners.put(port, listener);
    }

    /** The first tunnel address of the host: what apps send from. */
    byte[] primaryAddress(boolean ipv4) {
        for (Cidr c : host.tunnelAddresses()) {
            if (c.isIpv4() == ipv4) {
                return c.address().getAddress();
            }
        }
        throw new IllegalStateException("host " + host.name() + " has no IPv" + (ipv4 ? 4 : 6) + " tunnel address");
    }

    void send(byte[] packet) {
        host.sendInner(packet);
    }

    void receive(PublicKey from, byte[] packet) {
        received++;
        InnerPacket p = InnerPacket.parse(packet);
        if (p == null || !isLocal(p.destination())) {
            unclaimed++;
            return;
        }
        long now = host.world().simulator().now();
        int protocol = p.protocol();
        if (protocol == IpPackets.ICMP || protocol == IpPackets.ICMPV6) {
            IcmpEcho echo = IpPackets.parseEcho(packet);
            if (echo == null) {
                unclaimed++;
            } else if (!echo.isReply()) {
                byte[] reply = IpPackets.echoReplyTo(packet);
                if (reply != null) {
                    echoRequestsAnswered++;
                    send(reply);
                }
            } else {
                dispatch(echoListeners.get(echo.identifier()), now, p, packet);
            }
        } else if (protocol == IpPackets.UDP) {
            UdpDatagram udp = IpPackets.parseUdp(packet);
            dispatch(udp == null ? null : udpListeners.get(udp.destinationPort()), now, p, packet);
        } else {
            unclaimed++;
        }
    }

    private void dispatch(Listener l, long now, InnerPacket p, byte[] raw) {
        if (l == null) {
            unclaimed++;
        } else {
            l.receive(now, p, raw);
        }
    }

    private boolean isLocal(byte[] destination) {
        for (Cidr c : host.tunnelAddresses()) {
            if (java.util.Arrays.equals(c.address().getAddress(), destination)) {
                return true;
            }
        }
        return false;
    }

    public long received() {
        return received;
    }

    public long echoRequestsAnswered() {
        return echoRequestsAnswered;
    }

    public long unclaimed() {
        return unclaimed;
    }
}
