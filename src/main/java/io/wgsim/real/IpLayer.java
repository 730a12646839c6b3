package io.wgsim.real;

import io.wgsim.net.IcmpEcho;
import io.wgsim.net.InnerPacket;
import io.wgsim.net.IpPackets;
import io.wgsim.net.UdpDatagram;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The smallest host that can sit behind a tunnel: for packets addressed to one of the interface's
 * addresses it answers ICMP and ICMPv6 echo requests, and echoes UDP sent to port 7 (RFC 862). Everything
 * else is counted and ignored. Replies go from the address the request was sent to.
 */
final class IpLayer {
    /** The UDP echo service's port (RFC 862). */
    static final int UDP_ECHO_PORT = 7;

    /** What the layer did so far. */
    record Counts(long echoRequestsAnswered, long udpEchoed, long ignored) {}

    private final List<byte[]> addresses;
    private long echoRequestsAnswered;
    private long udpEchoed;
    private long ignored;

    IpLayer(List<InetAddress> addresses) {
        this.addresses = new ArrayList<>();
        for (InetAddress a : addresses) {
            this.addresses.add(a.getAddress());
        }
    }

    /** The reply to a packet that came out of the tunnel, or null if it gets none (then it is counted as ignored). */
    byte[] answer(byte[] packet) {
        InnerPacket p = InnerPacket.parse(packet);
        if (p == null || !isLocal(p.destination())) {
            ignored++;
            return null;
        }
        IcmpEcho echo = IpPackets.parseEcho(packet);
        if (echo != null && !echo.isReply()) {
            echoRequestsAnswered++;
            return IpPackets.echoReplyTo(packet);
        }
        UdpDatagram udp = IpPackets.parseUdp(packet);
        if (udp != null && udp.destinationPort() == UDP_ECHO_PORT) {
            udpEchoed++;
            return IpPackets.udp(p.destination(), p.source(), UDP_ECHO_PORT, udp.sourcePort(), udp.payload());
        }
        ignored++;
        return null;
    }

    /** Whether {@code address} is one of the interface's addresses. */
    boolean isLocal(byte[] address) {
        for (byte[] mine : addresses) {
            if (Arrays.equals(mine, address)) {
                return true;
            }
        }
        return false;
    }

    Counts counts() {
        return new Counts(echoRequestsAnswered, udpEchoed, ignored);
    }
}
