package io.wgsim.lab;

/** Small edits to inner IP packets that scenarios need and the packet builders do not offer. */
final class InnerPackets {
    private InnerPackets() {}

    /** A copy with the IPv4 TTL or IPv6 hop limit set (the IPv4 header checksum recomputed). */
    static byte[] withTtl(byte[] packet, int ttl) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("TTL must be 1..255, got " + ttl);
        }
        byte[] p = packet.clone();
        if ((p[0] >> 4) == 6) {
            p[7] = (byte) ttl;
            return p;
        }
        p[8] = (byte) ttl;
        int headerLength = (p[0] & 0x0f) * 4;
        p[10] = 0;
        p[11] = 0;
        long sum = 0;
        for (int i = 0; i < headerLength; i += 2) {
            sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int checksum = (int) (~sum & 0xffff);
        p[10] = (byte) (checksum >> 8);
        p[11] = (byte) checksum;
        return p;
    }
}
