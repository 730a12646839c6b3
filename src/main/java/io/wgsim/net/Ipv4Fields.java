package io.wgsim.net;

/**
 * The IPv4 header fields a sender chooses that IPv6 has no counterpart for: the identification and
 * the don't-fragment flag. Builders of IPv6 packets ignore them.
 */
public record Ipv4Fields(int identification, boolean dontFragment) {

    /** Identification 0 with don't-fragment set, what Linux sends for a path-MTU-probing socket. */
    public static final Ipv4Fields DEFAULT = new Ipv4Fields(0, true);

    public Ipv4Fields {
        if (identification < 0 || identification > 0xffff) {
            throw new IllegalArgumentException("identification " + identification + " is out of range 0..65535");
        }
    }
}
