package io.wgsim.capture;

import java.util.Arrays;

/**
 * One packet read from a capture.
 *
 * @param interfaceId the interface it was captured on: the Interface ID of a pcapng section (IDs start
 *        again from 0 in each section), always 0 for classic pcap
 * @param linkType the interface's link-layer type (see {@link LinkType})
 * @param timestampNanos nanoseconds since 1970-01-01 00:00:00 UTC, or {@link #NO_TIMESTAMP} for a
 *        pcapng Simple Packet Block, which carries none
 * @param originalLength the packet's length on the wire, which is more than {@code data.length} when
 *        the capture truncated it (an unsigned 32-bit value)
 * @param data the captured bytes, link-layer header included
 */
public record CaptureRecord(int interfaceId, int linkType, long timestampNanos, long originalLength, byte[] data) {

    /** The timestamp of a record that has none. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public CaptureRecord {
        data = data.clone();
    }

    @Override public byte[] data() {
        return data.clone();
    }

    /** The number of captured bytes, without copying them. */
    public int capturedLength() {
        return data.length;
    }

    public boolean hasTimestamp() {
        return timestampNanos != NO_TIMESTAMP;
    }

    /** Whether the capture kept fewer bytes than the packet had. */
    public boolean truncated() {
        return originalLength > data.length;
    }

    // A record compares arrays by reference; a captured packet is its contents.
    @Override public boolean equals(Object o) {
        return o instanceof CaptureRecord r && interfaceId == r.interfaceId && linkType == r.linkType
                && timestampNanos == r.timestampNanos && originalLength == r.originalLength
                && Arrays.equals(data, r.data);
    }

    @Override public int hashCode() {
        return ((interfaceId * 31 + linkType) * 31 + Long.hashCode(timestampNanos)) * 31 + Arrays.hashCode(data);
    }

    @Override public String toString() {
        return "CaptureRecord[if=" + interfaceId + ", linktype=" + linkType + ", t="
                + (hasTimestamp() ? timestampNanos + " ns" : "none") + ", " + data.length + "/" + originalLength
                + " bytes]";
    }
}
