package io.wgsim.check;

import io.wgsim.capture.Capture;
import io.wgsim.capture.CaptureFormatException;
import io.wgsim.capture.CaptureReader;
import io.wgsim.capture.CaptureRecord;
import io.wgsim.capture.DecryptionSecrets;
import io.wgsim.config.ConfigException;
import io.wgsim.config.PeerConfig;
import io.wgsim.config.WgQuickConfig;
import io.wgsim.config.WgQuickParser;
import io.wgsim.crypto.PublicKey;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Message;
import io.wgsim.protocol.wire.MessageCodec;
import io.wgsim.protocol.wire.Response;
import io.wgsim.protocol.wire.TransportData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a pcap or pcapng capture against WireGuard's rules (see {@link RuleId} and docs/check.md).
 *
 * <p>The capture is read whole by {@link CaptureReader}, the project's own pcap and pcapng reader,
 * because it also returns the Decryption Secrets Blocks (libpcap, under pcap4j, reads pcapng but drops
 * them) and needs no native library. Two passes follow: the first finds the UDP flows that carry
 * WireGuard and which public keys live at which addresses; the second follows handshakes and sessions in
 * frame order and gives each rule every message.
 */
public final class Checker {
    private Checker() {}

    /** One UDP datagram of the capture, decoded. */
    private record Datagram(Packet packet, Flow flow, byte[] payload, MessageCodec.Decoded decoded) {
        Message message() {
            return decoded instanceof MessageCodec.Decoded.Ok ok ? ok.message() : null;
        }
    }

    /** A UDP flow regardless of direction. */
    private record Flow(String low, String high) {
        static Flow of(InetSocketAddress a, InetSocketAddress b) {
            String x = a.toString();
            String y = b.toString();
            return x.compareTo(y) <= 0 ? new Flow(x, y) : new Flow(y, x);
        }
    }

    private record IndexOnFlow(Flow flow, int receiver) {}

    /**
     * Checks one capture.
     *
     * @param keyLogs Wireshark WireGuard key-log files, added to the capture's own secrets blocks
     * @param configs wg-quick files of the peers, for their keys, allowed IPs and persistent keepalives
     * @throws CheckInputException when the capture, a key log or a configuration cannot be read
     */
    public static CheckReport check(Path capture, List<Path> keyLogs, List<Path> configs, CheckOptions options)
            throws CheckInputException {
        Capture c = read(capture);
        KeyRing keys = new KeyRing();
        for (Path file : keyLogs) {
            keys.addKeyLog(KeyLog.parse(lines(file), file.toString()));
        }
        int block = 0;
        for (DecryptionSecrets s : c.secrets()) {
            block++;
            if (s.isWireGuardKeyLog()) {
                keys.addKeyLog(KeyLog.parse(s.lines(), capture + ": Decryption Secrets Block " + block));
            }
        }
        for (Path file : configs) {
            try {
                keys.addConfig(WgQuickParser.parse(file), file.toString());
            } catch (ConfigException e) {
                throw new CheckInputException(e.getMessage(), e);
            }
        }

        Map<String, Long> skipped = new TreeMap<>();
        List<Datagram> datagrams = datagrams(c, skipped);
        Set<Flow> wireGuard = wireGuardFlows(datagrams);
        AddressBook book = new AddressBook();
        Map<Long, PublicKey> mac1 = new HashMap<>();
        long wgCount = 0;
        for (Datagram d : datagrams) {
            if (!wireGuard.contains(d.flow())) {
                skipped.merge("UDP not WireGuard", 1L, Long::sum);
                continue;
            }
            wgCount++;
            Message m = d.message();
            PublicKey owner = m instanceof Initiation ? keys.mac1Owner(m.bytes(), Initiation.MAC1_OFFSET)
                    : m instanceof Response ? keys.mac1Owner(m.bytes(), Response.MAC1_OFFSET) : null;
            if (owner != null) {
                mac1.put(d.packet().frame(), owner);
                book.bind(d.packet().destination(), owner);
            }
        }
        for (WgQuickConfig config : keys.configs()) {
            for (PeerConfig peer : config.peers()) {
                if (peer.endpoint() != null) {
                    book.bind(peer.endpoint().toSocketAddress(), peer.publicKey());
                }
            }
        }

        List<Rule> rules = rules(keys, options);
        Findings findings = new Findings();
        Tracker tracker = new Tracker(keys, book, mac1::get);
        for (Datagram d : datagrams) {
            if (!wireGuard.contains(d.flow())) {
                continue;
            }
            Observation o = d.message() != null ? tracker.observe(d.packet(), d.message()) : malformed(d);
            for (Rule r : rules) {
                r.observe(o, findings);
            }
        }
        Map<RuleId, Long> counts = new EnumMap<>(RuleId.class);
        Map<RuleId, String> notApplied = new EnumMap<>(RuleId.class);
        for (Rule r : rules) {
            r.finish(findings);
            counts.put(r.id(), 0L);
            if (r.notApplied() != null) {
                notApplied.put(r.id(), r.notApplied());
            }
        }
        List<Violation> violations = findings.sorted();
        for (Violation v : violations) {
            counts.merge(v.rule(), 1L, Long::sum);
        }
        return new CheckReport(capture.toString(), c.records().size(), wgCount, skipped, tracker.sessions(),
                tracker.decryptedSessions, tracker.decryptedMessages, tracker.undecryptable, tracker.copies, violations, counts,
                notApplied);
    }

    private static List<Rule> rules(KeyRing keys, CheckOptions options) {
        long slack = options.slackNanos();
        List<Rule> all = List.of(new MessageSizeRule(), new ReservedBytesRule(), new Mac1Rule(keys),
                new CounterReuseRule(), new CounterWindowRule(options.replayWindow()), new KeypairAgeRule(slack),
                new RekeyTimeoutRule(slack), new KeepaliveEchoRule(keys, slack), new ResponderInitiationRule(slack),
                new SourceAddressRule(keys));
        return all.stream().filter(r -> !options.ignored().contains(r.id())).toList();
    }

    private static Observation malformed(Datagram d) {
        byte[] p = d.payload();
        String reserved = p.length >= 4 ? HexFormat.ofDelimiter(" ").formatHex(p, 1, 4) : "";
        return new Observation.Malformed(d.packet(), ((MessageCodec.Malformed) d.decoded()).reason(),
                p.length > 0 ? p[0] & 0xff : -1, p.length, reserved);
    }

    private static Capture read(Path file) throws CheckInputException {
        try {
            return CaptureReader.readAll(file);
        } catch (CaptureFormatException e) {
            throw new CheckInputException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new CheckInputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new CheckInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<String> lines(Path file) throws CheckInputException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CheckInputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new CheckInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<Datagram> datagrams(Capture c, Map<String, Long> skipped) {
        List<Datagram> out = new ArrayList<>();
        long base = Long.MIN_VALUE;
        long last = 0;
        long frame = 0;
        for (CaptureRecord r : c.records()) {
            frame++;
            if (r.hasTimestamp()) {
                if (base == Long.MIN_VALUE) {
                    base = r.timestampNanos();
                }
                last = r.timestampNanos() - base;
            }
            UdpExtractor.Result x = UdpExtractor.extract(r);
            if (x instanceof UdpExtractor.Skipped s) {
                skipped.merge(describe(s), 1L, Long::sum);
                continue;
            }
            UdpExtractor.Udp udp = (UdpExtractor.Udp) x;
            out.add(new Datagram(new Packet(frame, last, udp.source(), udp.destination()),
                    Flow.of(udp.source(), udp.destination()), udp.payload(), MessageCodec.decode(udp.payload())));
        }
        return out;
    }

    private static String describe(UdpExtractor.Skipped s) {
        return switch (s) {
            case NOT_UDP -> "not UDP";
            case FRAGMENT -> "IP fragment";
            case TRUNCATED -> "truncated";
            case UNKNOWN_LINK_TYPE -> "unknown link type";
        };
    }

    /**
     * The flows that carry WireGuard: those with a well-formed handshake message or cookie reply, and
     * those with a well-formed transport message whose receiver index a handshake in the capture
     * announced, or with two for the same index. Other UDP is not judged.
     */
    private static Set<Flow> wireGuardFlows(List<Datagram> datagrams) {
        Set<Flow> flows = new HashSet<>();
        Set<Integer> announced = new HashSet<>();
        for (Datagram d : datagrams) {
            Message m = d.message();
            if (m instanceof Initiation i) {
                announced.add(i.sender());
            } else if (m instanceof Response r) {
                announced.add(r.sender());
            }
            if (m != null && !(m instanceof TransportData)) {
                flows.add(d.flow());
            }
        }
        Map<IndexOnFlow, Integer> seen = new LinkedHashMap<>();
        for (Datagram d : datagrams) {
            if (d.message() instanceof TransportData t) {
                int n = seen.merge(new IndexOnFlow(d.flow(), t.receiver()), 1, Integer::sum);
                if (n >= 2 || announced.contains(t.receiver())) {
                    flows.add(d.flow());
                }
            }
        }
        return flows;
    }
}
