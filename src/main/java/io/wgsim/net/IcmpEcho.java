package io.wgsim.net;

import java.util.Arrays;

/** An ICMP or ICMPv6 echo request or reply, as read by {@link IpPackets#parseEcho}. */
public record IcmpEcho(boolean isReply, int identifier, int sequence, byte[] payload) {

    public IcmpEcho {
        payload = payload.clone();
    }

    @Override public byte[] payload() {
        return payload.clone();
    }

    // A record compares arrays by reference; an echo is its contents.
    @Override public boolean equals(Object o) {
        return o instanceof IcmpEcho e && isReply == e.isReply && identifier == e.identifier
                && sequence == e.sequence && Arrays.equals(payload, e.payload);
    }

    @Override public int hashCode() {
        return ((Boolean.hashCode(isReply) * 31 + identifier) * 31 + sequence) * 31 + Arrays.hashCode(payload);
    }

    @Override public String toString() {
        return (isReply ? "echo reply" : "echo request") + " id " + identifier + " seq " + sequence
                + " (" + payload.length + " bytes)";
    }
}
