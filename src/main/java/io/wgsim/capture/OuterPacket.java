package io.wgsim.capture;

import io.wgsim.net.InnerPacket;
import io.wgsim.net.IpPackets;
import io.wgsim.net.Ipv4Fields;
import io.wgsim.net.UdpDatagram;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * A UDP datagram between two socket addresses as it crosses a link: what a simulator writes to a
 * {@link LinkType#RAW} capture for each WireGuard message it carries. {@link #bytes()} builds the
 * outer IPv4 or IPv6 packet with {@link IpPackets}: every checksum computed (UDP over IPv6 and IPv4
 * alike), TTL / hop limit {@value IpPackets#DEFAULT_TTL}, and for IPv4 the fixed {@link #IPV4_FIELDS}
 * (identification 0, don't-fragment set), so the same run always writes the same bytes.
 *
 * @param source where the datagram comes from; a resolved address
 * @param destination where it goes; a resolved address of the same family
 * @param payload the UDP payload, e.g. a WireGuard message
 */
public record OuterPacket(InetSocketAddress source, InetSocketAddress destination, byte[] payload) {

    /** The IPv4 fields of every outer packet: identification 0 and don't-fragment set. */
    public static final Ipv4Fields IPV4_FIELDS = Ipv4Fields.DEFAULT;

    private static final int UDP_HEADER = 8;
    private static final int IPV4_HEADER = 20;
    private static final int MAX_IP_LENGTH = 0xffff;

    public OuterPacket {
        InetAddress from = resolved(source, "source");
        InetAddress to = resolved(destination, "destination");
        if ((from instanceof Inet4Address) != (to instanceof Inet4Address)) {
            throw new IllegalArgumentException("source " + source + " and destination " + destination
                    + " are not of the same address family");
        }
        int room = MAX_IP_LENGTH - UDP_HEADER - (from instanceof Inet4Address ? IPV4_HEADER : 0);
        if (payload.length > room) {
            throw new IllegalArgumentException("a UDP payload of " + payload.length + " bytes does not fit in one "
                    + (from instanceof Inet4Address ? "IPv4" : "IPv6") + " packet (at most " + room + ")");
        }
        payload = payload.clone();
    }

    /** The outer packet for a payload, in one call. */
    public static byte[] udp(InetSocketAddress source, InetSocketAddress destination, byte[] payload) {
        return new OuterPacket(source, destination, payload).bytes();
    }

    /**
     * Reads an outer packet back: the addresses, ports and payload of an intact UDP packet over IPv4 or
     * IPv6 (checksums right), or null for anything else.
     */
    public static OuterPacket parse(byte[] packet) {
        UdpDatagram udp = IpPackets.parseUdp(packet);
        if (udp == null) {
            return null;
        }
        InnerPacket ip = InnerPacket.parse(packet);
        return new OuterPacket(new InetSocketAddress(ip.sourceAddress(), udp.sourcePort()),
                new InetSocketAddress(ip.destinationAddress(), udp.destinationPort()), udp.payload());
    }

    /** The whole IP packet, as it goes into a {@link LinkType#RAW} capture. */
    public byte[] bytes() {
        return IpPackets.udp(IPV4_FIELDS, source.getAddress().getAddress(), destination.getAddress().getAddress(),
                source.getPort(), destination.getPort(), payload);
    }

    @Override public byte[] payload() {
        return payload.clone();
    }

    private static InetAddress resolved(InetSocketAddress address, String what) {
        if (address == null) {
            throw new IllegalArgumentException(what + " address is missing");
        }
        if (address.isUnresolved() || address.getAddress() == null) {
            throw new IllegalArgumentException(what + " " + address + " is unresolved; an outer packet needs an IP address");
        }
        return address.getAddress();
    }

    // A record compares arrays by reference; a datagram is its contents.
    @Override public boolean equals(Object o) {
        return o instanceof OuterPacket p && source.equals(p.source) && destination.equals(p.destination)
                && Arrays.equals(payload, p.payload);
    }

    @Override public int hashCode() {
        return (source.hashCode() * 31 + destination.hashCode()) * 31 + Arrays.hashCode(payload);
    }

    @Override public String toString() {
        return "udp " + source + " > " + destination + " (" + payload.length + " bytes)";
    }
}
