package io.wgsim.net;

import java.util.Arrays;

/** A UDP datagram's ports and payload, as read by {@link IpPackets#parseUdp}. */
public record UdpDatagram(int sourcePort, int destinationPort, byte[] payload) {

    public UdpDatagram {
        payload = payload.clone();
    }

    @Override public byte[] payload() {
        return payload.clone();
    }

    // A record compares arrays by reference; a datagram is its contents.
    @Override public boolean equals(Object o) {
        return o instanceof UdpDatagram d && sourcePort == d.sourcePort && destinationPort == d.destinationPort
                && Arrays.equals(payload, d.payload);
    }

    @Override public int hashCode() {
        return (sourcePort * 31 + destinationPort) * 31 + Arrays.hashCode(payload);
    }

    @Override public String toString() {
        return "udp " + sourcePort + " > " + destinationPort + " (" + payload.length + " bytes)";
    }
}
