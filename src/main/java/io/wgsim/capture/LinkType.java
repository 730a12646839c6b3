package io.wgsim.capture;

/**
 * The link-layer types wgsim writes and its tests read, from the PCAP LinkType registry
 * (draft-ietf-opsawg-pcaplinktype). Readers report whatever number a file holds; these are only the
 * ones with a name here.
 */
public final class LinkType {
    private LinkType() {}

    /** LINKTYPE_ETHERNET: IEEE 802.3 frames, 14-byte header before the IP packet. */
    public static final int ETHERNET = 1;

    /**
     * LINKTYPE_RAW: a bare IPv4 or IPv6 packet, the version nibble tells which. What wgsim writes for
     * traffic between simulated hosts, which have no link layer.
     */
    public static final int RAW = 101;
}
