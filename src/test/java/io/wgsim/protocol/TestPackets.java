package io.wgsim.protocol;

import io.wgsim.net.IpAddresses;

/** Minimal well-formed inner IPv4/IPv6 packets (protocol 253, "experimental") for core tests. */
final class TestPackets {
    private TestPackets() {}

    static byte[] ipv4(String src, String dst, int payloadLength) {
        byte[] p = new byte[20 + payloadLength];
        p[0] = 0x45;
        p[2] = (byte) (p.length >>> 8);
        p[3] = (byte) p.length;
        p[8] = 64;
        p[9] = (byte) 253;
        System.arraycopy(IpAddresses.parse(src).getAddress(), 0, p, 12, 4);
        System.arraycopy(IpAddresses.parse(dst).getAddress(), 0, p, 16, 4);
        for (int i = 20; i < p.length; i++) {
            p[i] = (byte) i;
        }
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += (p[i] & 0xff) << 8 | (p[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int check = ~sum & 0xffff;
        p[10] = (byte) (check >>> 8);
        p[11] = (byte) check;
        return p;
    }

    static byte[] ipv6(String src, String dst, int payloadLength) {
        byte[] p = new byte[40 + payloadLength];
        p[0] = 0x60;
        p[4] = (byte) (payloadLength >>> 8);
        p[5] = (byte) payloadLength;
        p[6] = (byte) 253;
        p[7] = 64;
        System.arraycopy(IpAddresses.parse(src).getAddress(), 0, p, 8, 16);
        System.arraycopy(IpAddresses.parse(dst).getAddress(), 0, p, 24, 16);
        for (int i = 40; i < p.length; i++) {
            p[i] = (byte) i;
        }
        return p;
    }
}
