package io.wgsim.lab;

import io.wgsim.capture.CaptureFormatException;
import io.wgsim.capture.CaptureReader;
import io.wgsim.capture.CaptureRecord;
import io.wgsim.capture.LinkType;
import io.wgsim.capture.OuterPacket;
import io.wgsim.net.IpAddresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The Docker lab's live captures read back as {@link WireMessage}s: UDP over IPv4 in Ethernet frames. */
final class CapturedWire {
    private static final int ETHERNET_HEADER = 14;

    private CapturedWire() {}

    /** A captured record with its outer UDP datagram, or null when it carries none. */
    record Frame(CaptureRecord record, OuterPacket packet) {}

    /**
     * Every frame of a capture still being written; a block cut short at the end (the writer is busy) ends
     * the reading there.
     */
    static List<Frame> read(Path file) {
        List<Frame> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (CaptureReader reader = CaptureReader.open(file)) {
            CaptureRecord r;
            while ((r = nextOrEnd(reader)) != null) {
                out.add(new Frame(r, outer(r)));
            }
        } catch (CaptureFormatException e) {
            return out; // nothing readable yet (the header is still in the writer's buffer)
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lab's capture " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static CaptureRecord nextOrEnd(CaptureReader reader) throws IOException {
        try {
            return reader.next();
        } catch (CaptureFormatException cutShort) {
            return null;
        }
    }

    private static OuterPacket outer(CaptureRecord r) {
        byte[] data = r.data();
        if (r.linkType() == LinkType.ETHERNET) {
            if (data.length <= ETHERNET_HEADER) {
                return null;
            }
            data = Arrays.copyOfRange(data, ETHERNET_HEADER, data.length);
        } else if (r.linkType() != LinkType.RAW) {
            return null;
        }
        return udpOverIpv4(data);
    }

    /**
     * The UDP datagram in an IPv4 packet, checksums not checked: the host's own packets are captured
     * before the NIC (here: nobody) fills them in, so theirs are partial.
     */
    private static OuterPacket udpOverIpv4(byte[] ip) {
        if (ip.length < 28 || (ip[0] >> 4 & 0xf) != 4 || ip[9] != 17) {
            return null;
        }
        int headerLength = (ip[0] & 0xf) * 4;
        int total = (ip[2] & 0xff) << 8 | ip[3] & 0xff;
        if (headerLength < 20 || total > ip.length || total < headerLength + 8) {
            return null;
        }
        int udpLength = (ip[headerLength + 4] & 0xff) << 8 | ip[headerLength + 5] & 0xff;
        if (udpLength < 8 || headerLength + udpLength > total) {
            return null;
        }
        InetSocketAddress source = new InetSocketAddress(IpAddresses.fromBytes(Arrays.copyOfRange(ip, 12, 16)),
                (ip[headerLength] & 0xff) << 8 | ip[headerLength + 1] & 0xff);
        InetSocketAddress destination = new InetSocketAddress(IpAddresses.fromBytes(Arrays.copyOfRange(ip, 16, 20)),
                (ip[headerLength + 2] & 0xff) << 8 | ip[headerLength + 3] & 0xff);
        return new OuterPacket(source, destination, Arrays.copyOfRange(ip, headerLength + 8, headerLength + udpLength));
    }

    /** The datagram as a {@link WireMessage}, its sender and receiver named by {@code namer}. */
    static WireMessage message(long atNanos, OuterPacket packet, Function<InetSocketAddress, String> namer) {
        return WireMessage.of(atNanos, namer.apply(packet.source()), namer.apply(packet.destination()), packet.source(),
                packet.destination(), packet.payload());
    }
}
