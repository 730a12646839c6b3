package io.wgsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.wgsim.capture.LinkType;
import io.wgsim.capture.OuterPacket;
import io.wgsim.capture.PcapngWriter;
import io.wgsim.net.IpAddresses;
import io.wgsim.protocol.wire.MessageType;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the Docker lab reads its live captures: Ethernet frames, host checksums left partial, files cut short. */
class CapturedWireTest {
    private static final InetSocketAddress HOST = new InetSocketAddress(IpAddresses.parse("198.18.1.1"), 51820);
    private static final InetSocketAddress CONTAINER = new InetSocketAddress(IpAddresses.parse("198.18.1.2"), 51820);

    @TempDir Path dir;

    /** A frame as the bridge shows the host's own datagram: Ethernet, UDP checksum not yet filled in. */
    private static byte[] frame(InetSocketAddress from, InetSocketAddress to, byte[] payload) {
        byte[] ip = OuterPacket.udp(from, to, payload);
        ip[26] = 0x12; // a partial checksum, as checksum offload leaves it
        ip[27] = 0x34;
        byte[] frame = new byte[14 + ip.length];
        frame[12] = 0x08; // IPv4
        System.arraycopy(ip, 0, frame, 14, ip.length);
        return frame;
    }

    private static byte[] transport(int receiver, long counter, int length) {
        byte[] p = new byte[length];
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 4).putInt(4, receiver).putLong(8, counter);
        return p;
    }

    @Test
    void readsEthernetFramesWhoseChecksumsThePartialOffloadLeftAndNamesTheirEnds() throws Exception {
        Path file = dir.resolve("lan.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file)) {
            int id = w.addInterface(LinkType.ETHERNET, "wgl-test");
            w.writePacket(id, 1_000_000_000L, frame(HOST, CONTAINER, transport(7, 3, 32)));
            w.writePacket(id, 2_000_000_000L, frame(CONTAINER, HOST, transport(9, 0, 128)));
            w.writePacket(id, 3_000_000_000L, new byte[] {1, 2, 3}); // a runt: no datagram in it
        }
        List<CapturedWire.Frame> frames = CapturedWire.read(file);
        assertEquals(3, frames.size());
        assertNull(frames.get(2).packet());
        Map<InetSocketAddress, String> names = Map.of(HOST, "alice", CONTAINER, "bob");
        WireMessage keepalive = CapturedWire.message(frames.get(0).record().timestampNanos(), frames.get(0).packet(), names::get);
        assertEquals("alice", keepalive.from());
        assertEquals("bob", keepalive.to());
        assertEquals(MessageType.TRANSPORT, keepalive.type());
        assertEquals(7, keepalive.receiverIndex());
        assertEquals(3, keepalive.counter());
        assertEquals(true, keepalive.isKeepalive());
        WireMessage data = CapturedWire.message(0, frames.get(1).packet(), names::get);
        assertEquals("bob", data.from());
        assertEquals(true, data.isData());
    }

    @Test
    void aCaptureCutShortInItsLastBlockYieldsTheFramesBeforeIt() throws Exception {
        Path whole = dir.resolve("whole.pcapng");
        try (PcapngWriter w = PcapngWriter.create(whole)) {
            int id = w.addInterface(LinkType.ETHERNET, "wgl-test");
            w.writePacket(id, 1L, frame(HOST, CONTAINER, transport(1, 0, 32)));
            w.writePacket(id, 2L, frame(HOST, CONTAINER, transport(1, 1, 32)));
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.pcapng");
        try (OutputStream out = Files.newOutputStream(cut)) {
            out.write(Arrays.copyOf(bytes, bytes.length - 10)); // the writer is in the middle of the second packet
        }
        assertEquals(1, CapturedWire.read(cut).size());
        assertEquals(0, CapturedWire.read(dir.resolve("absent.pcapng")).size());
    }

    @Test
    void aNonWireGuardDatagramHasNoType() throws Exception {
        Path file = dir.resolve("other.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file)) {
            int id = w.addInterface(LinkType.ETHERNET, "wgl-test");
            w.writePacket(id, 1L, frame(HOST, CONTAINER, new byte[0]));
        }
        WireMessage m = CapturedWire.message(0, CapturedWire.read(file).get(0).packet(), a -> "?");
        assertNull(m.type());
        assertEquals(0, m.length());
    }
}
