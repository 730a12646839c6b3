package io.wgsim.report;

import io.wgsim.capture.LinkType;
import io.wgsim.capture.OuterPacket;
import io.wgsim.capture.PcapngWriter;
import io.wgsim.protocol.wire.CookieReply;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Response;
import io.wgsim.protocol.wire.TransportData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Writes small pcapng files of hand-made WireGuard messages, for what a simulated run rarely shows
 * (cookie replies, garbage, two interfaces seeing one datagram). The messages are well-formed on the
 * wire; their cryptographic fields are zeros, which is all a diagram looks at.
 */
final class SyntheticCapture implements AutoCloseable {
    static final long EPOCH = 1_767_225_600_000_000_000L;
    static final long MS = 1_000_000L;
    static final InetSocketAddress ALICE = new InetSocketAddress("198.18.0.1", 51820);
    static final InetSocketAddress BOB = new InetSocketAddress("198.18.0.2", 51821);

    private final PcapngWriter writer;

    SyntheticCapture(Path file) throws IOException {
        writer = PcapngWriter.create(file);
    }

    int addInterface(String name) throws IOException {
        return writer.addInterface(LinkType.RAW, name);
    }

    SyntheticCapture raw(int iface, long atNanos, byte[] packet) throws IOException {
        writer.writePacket(iface, EPOCH + atNanos, packet);
        return this;
    }

    SyntheticCapture udp(int iface, long atNanos, InetSocketAddress from, InetSocketAddress to, byte[] payload)
            throws IOException {
        return raw(iface, atNanos, OuterPacket.udp(from, to, payload));
    }

    static byte[] initiation(int sender) {
        return Initiation.assemble(sender, new byte[32], new byte[48], new byte[28]).bytes();
    }

    static byte[] initiationWithMac2(int sender) {
        byte[] b = initiation(sender);
        b[Initiation.MAC2_OFFSET] = 1;
        return b;
    }

    static byte[] response(int sender, int receiver) {
        return Response.assemble(sender, receiver, new byte[32], new byte[16]).bytes();
    }

    static byte[] cookieReply(int receiver) {
        return CookieReply.assemble(receiver, new byte[24], new byte[32]).bytes();
    }

    static byte[] transport(int receiver, long counter, int plaintextLength) {
        return TransportData.newBuffer(receiver, counter, plaintextLength + 16);
    }

    @Override public void close() throws IOException {
        writer.close();
    }
}
