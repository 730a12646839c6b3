package io.wgsim.testing;

import java.io.EOFException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Reads the UDP datagrams of a capture file through pcap4j (libpcap does the file format) and takes
 * the link, IP and UDP headers off by hand: pcap4j-core alone has no packet factories, so its parsed
 * packets are opaque. Only what the reference captures need is understood, and anything else is an
 * error that names what was found, never a silent skip:
 * <ul>
 *   <li>link types Ethernet (with at most one 802.1Q tag), raw IP (DLT_RAW, or LINKTYPE_RAW 101 if
 *       libpcap passes it through) and Linux cooked capture (SLL);</li>
 *   <li>IPv4 without fragmentation, and IPv6 whose fixed header is followed directly by UDP;</li>
 *   <li>frames captured whole (a snap length shorter than the frame would cut payloads).</li>
 * </ul>
 * Non-IP frames and IP packets of other protocols are counted but have no datagram.
 *
 * <p>pcap4j loads the native libpcap with JNA. On Debian that is libpcap0.8 (installed by
 * scripts/install-deps); JNA finds the versioned libpcap.so.0.8 on its own, so no -dev package or
 * system property is needed. If it cannot, {@link #read} fails with that explanation.
 */
public final class PcapUdp {

    /**
     * One UDP datagram: its 1-based frame number in the file, capture time in nanoseconds since the
     * Unix epoch, the addresses and the payload.
     */
    public record Datagram(int frame, long epochNanos, InetSocketAddress source, InetSocketAddress destination,
                           byte[] payload) {}

    /** What a file held: how many frames, and the UDP datagrams among them in file order. */
    public record Capture(Path file, DataLinkType linkType, int frames, List<Datagram> datagrams) {
        /** The datagram of a 1-based frame number; fails when that frame is not UDP. */
        public Datagram frame(int number) {
            for (Datagram d : datagrams) {
                if (d.frame() == number) {
                    return d;
                }
            }
            throw new AssertionError("frame " + number + " of " + file + " is not a UDP datagram");
        }
    }

    private static final int LINKTYPE_RAW = 101;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int UDP = 17;

    private PcapUdp() {}

    /** Reads a vector file's datagrams; skips the calling test (via {@link Vectors}) when it is absent. */
    public static Capture vector(String name) {
        return read(Vectors.file(name));
    }

    public static Capture read(Path file) {
        PcapHandle handle = open(file);
        try {
            DataLinkType link = handle.getDlt();
            List<Datagram> datagrams = new ArrayList<>();
            int frames = 0;
            while (true) {
                byte[] raw;
                try {
                    raw = handle.getNextRawPacketEx();
                } catch (EOFException end) {
                    break;
                }
                frames++;
                int original = handle.getOriginalLength();
                if (original != raw.length) {
                    throw new AssertionError(file + " frame " + frames + " was captured with " + raw.length + " of its "
                            + original + " bytes (snap length " + handle.getSnapshot() + "); its payload is cut");
                }
                Datagram d = udp(file, frames, epochNanos(handle.getTimestamp()), link, raw);
                if (d != null) {
                    datagrams.add(d);
                }
            }
            return new Capture(file, link, frames, List.copyOf(datagrams));
        } catch (PcapNativeException | TimeoutException | NotOpenException e) {
            throw new AssertionError("libpcap failed reading " + file + ": " + e.getMessage(), e);
        } finally {
            handle.close();
        }
    }

    private static PcapHandle open(Path file) {
        try {
            return Pcaps.openOffline(file.toString());
        } catch (PcapNativeException e) {
            throw new AssertionError("libpcap cannot open " + file + ": " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            throw new AssertionError("pcap4j could not load the native libpcap library, so " + file
                    + " cannot be read. Install it (Debian/Ubuntu: apt-get install libpcap0.8, which"
                    + " scripts/install-deps does) or point JNA at it with -Djna.library.path=DIR. Cause: " + e, e);
        }
    }

    private static long epochNanos(Timestamp t) {
        return Math.addExact(Math.multiplyExact(Math.floorDiv(t.getTime(), 1000L), 1_000_000_000L), t.getNanos());
    }

    /** The UDP datagram in one frame, or null when the frame holds something else. */
    private static Datagram udp(Path file, int frame, long at, DataLinkType link, byte[] f) {
        String where = file.getFileName() + " frame " + frame;
        int ipOffset;
        int etherType;
        if (link.equals(DataLinkType.EN10MB)) {
            need(f, 14, where, "Ethernet header");
            etherType = u16(f, 12);
            ipOffset = 14;
            if (etherType == ETHERTYPE_VLAN) {
                need(f, 18, where, "802.1Q tag");
                etherType = u16(f, 16);
                ipOffset = 18;
            }
        } else if (link.equals(DataLinkType.RAW) || link.value() == LINKTYPE_RAW) {
            need(f, 1, where, "IP header");
            int version = (f[0] & 0xff) >>> 4;
            etherType = version == 4 ? ETHERTYPE_IPV4 : version == 6 ? ETHERTYPE_IPV6 : -1;
            ipOffset = 0;
        } else if (link.equals(DataLinkType.LINUX_SLL)) {
            need(f, 16, where, "Linux cooked header");
            etherType = u16(f, 14);
            ipOffset = 16;
        } else {
            throw new AssertionError(file + " has link type " + link + ", which PcapUdp does not read"
                    + " (it reads Ethernet, raw IP and Linux cooked captures)");
        }
        if (etherType == ETHERTYPE_IPV4) {
            return ipv4(where, frame, at, f, ipOffset);
        }
        if (etherType == ETHERTYPE_IPV6) {
            return ipv6(where, frame, at, f, ipOffset);
        }
        return null;
    }

    private static Datagram ipv4(String where, int frame, long at, byte[] f, int off) {
        need(f, off + 20, where, "IPv4 header");
        int headerLength = (f[off] & 0x0f) * 4;
        int total = u16(f, off + 2);
        if ((f[off] & 0xf0) != 0x40 || headerLength < 20 || total < headerLength || off + total > f.length) {
            throw new AssertionError(where + ": malformed IPv4 header");
        }
        if (f[off + 9] != UDP) {
            return null;
        }
        if ((u16(f, off + 6) & 0x3fff) != 0) {
            throw new AssertionError(where + ": IPv4 fragment; PcapUdp does not reassemble");
        }
        return datagram(where, frame, at, f, off + headerLength, off + total,
                Arrays.copyOfRange(f, off + 12, off + 16), Arrays.copyOfRange(f, off + 16, off + 20));
    }

    private static Datagram ipv6(String where, int frame, long at, byte[] f, int off) {
        need(f, off + 40, where, "IPv6 header");
        int end = off + 40 + u16(f, off + 4);
        if ((f[off] & 0xf0) != 0x60 || end > f.length) {
            throw new AssertionError(where + ": malformed IPv6 header");
        }
        int next = f[off + 6] & 0xff;
        if (next != UDP) {
            // 0 hop-by-hop, 43 routing, 44 fragment, 60 destination options: UDP may hide behind them.
            if (next == 0 || next == 43 || next == 44 || next == 60) {
                throw new AssertionError(where + ": IPv6 extension header " + next + "; PcapUdp does not walk them");
            }
            return null;
        }
        return datagram(where, frame, at, f, off + 40, end,
                Arrays.copyOfRange(f, off + 8, off + 24), Arrays.copyOfRange(f, off + 24, off + 40));
    }

    private static Datagram datagram(String where, int frame, long at, byte[] f, int udp, int ipEnd, byte[] src, byte[] dst) {
        need(f, udp + 8, where, "UDP header");
        int length = u16(f, udp + 4);
        if (length < 8 || udp + length > ipEnd) {
            throw new AssertionError(where + ": UDP length " + length + " does not fit the IP packet");
        }
        return new Datagram(frame, at, socket(src, u16(f, udp)), socket(dst, u16(f, udp + 2)),
                Arrays.copyOfRange(f, udp + 8, udp + length));
    }

    private static InetSocketAddress socket(byte[] address, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // only thrown for a wrong address length
        }
    }

    private static void need(byte[] f, int length, String where, String what) {
        if (f.length < length) {
            throw new AssertionError(where + ": " + f.length + " bytes, too short for the " + what);
        }
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }
}
