package io.wgsim.report;

import io.wgsim.capture.Capture;
import io.wgsim.capture.CaptureReader;
import io.wgsim.capture.CaptureRecord;
import io.wgsim.protocol.wire.CookieReply;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Message;
import io.wgsim.protocol.wire.MessageCodec;
import io.wgsim.protocol.wire.Protocol;
import io.wgsim.protocol.wire.Response;
import io.wgsim.protocol.wire.TransportData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a capture into a {@link MessageSequence}: every UDP datagram becomes an arrow between its source
 * and destination endpoints, labelled by what {@link MessageCodec} makes of it.
 *
 * <p>A capture with several interfaces (a host's link on each side) may see one datagram twice: leaving
 * the sender and reaching the receiver. The second sighting, the same bytes between the same endpoints
 * on another interface, becomes the arrow's arrival, so the arrow slopes by the link's delay.
 *
 * <p>Long scenarios stay readable: a run of at least {@value #COLLAPSE_AT} data messages (or keepalives)
 * between the same two endpoints, with no other kind of message between those two, is drawn as one arrow
 * per direction labelled "data × N over T s", at the time of its first message; and a diagram holds at
 * most {@value #MAX_ARROWS} arrows, saying how many it left out.
 */
final class SequenceReader {
    static final int COLLAPSE_AT = 4;
    static final int MAX_ARROWS = 400;

    private SequenceReader() {}

    static MessageSequence read(Path capture, Map<String, String> peerNames) throws IOException {
        return of(CaptureReader.readAll(capture), peerNames);
    }

    /** One datagram as the capture saw it. */
    private static final class Sighting {
        final String from;
        final String to;
        final byte[] payload;
        final int interfaceId;
        final long sent;
        long arrived = -1;

        Sighting(String from, String to, byte[] payload, int interfaceId, long sent) {
            this.from = from;
            this.to = to;
            this.payload = payload;
            this.interfaceId = interfaceId;
            this.sent = sent;
        }
    }

    private record Key(String from, String to, int hash) {}

    static MessageSequence of(Capture capture, Map<String, String> peerNames) {
        List<Sighting> sightings = new ArrayList<>();
        Map<Key, Deque<Sighting>> open = new HashMap<>();
        int ignored = 0;
        long start = Long.MIN_VALUE;
        long last = 0;
        for (CaptureRecord r : capture.records()) {
            OuterDatagram d = OuterDatagram.of(r);
            if (d == null) {
                ignored++;
                continue;
            }
            long t = r.hasTimestamp() ? r.timestampNanos() : last;
            if (start == Long.MIN_VALUE) {
                start = t;
            }
            last = t;
            String from = OuterDatagram.text(d.source());
            String to = OuterDatagram.text(d.destination());
            byte[] payload = d.payload();
            Key key = new Key(from, to, Arrays.hashCode(payload));
            Deque<Sighting> waiting = open.computeIfAbsent(key, k -> new ArrayDeque<>());
            Sighting earlier = null;
            for (Sighting s : waiting) {
                if (s.interfaceId != r.interfaceId() && Arrays.equals(s.payload, payload)) {
                    earlier = s;
                    break;
                }
            }
            if (earlier != null) {
                earlier.arrived = t - start;
                waiting.remove(earlier);
            } else {
                Sighting s = new Sighting(from, to, payload, r.interfaceId(), t - start);
                sightings.add(s);
                waiting.add(s);
            }
        }
        // Interfaces may be written out of step with each other; the diagram runs by time (stably).
        sightings.sort(Comparator.comparingLong(x -> x.sent));
        return build(sightings, peerNames, ignored);
    }

    /** A message decoded, before runs are collapsed. */
    private record Item(int from, int to, MessageKind kind, String label, long sent, long arrived, long counter) {}

    private static MessageSequence build(List<Sighting> sightings, Map<String, String> peerNames, int ignored) {
        Map<String, Integer> lifelines = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        for (Sighting s : sightings) {
            int from = lifelines.computeIfAbsent(s.from, k -> lifelines.size());
            int to = lifelines.computeIfAbsent(s.to, k -> lifelines.size());
            items.add(item(from, to, s));
        }
        List<Exchange> exchanges = collapse(items);
        int omitted = 0;
        if (exchanges.size() > MAX_ARROWS) {
            for (Exchange e : exchanges.subList(MAX_ARROWS, exchanges.size())) {
                omitted += e.count();
            }
            exchanges = new ArrayList<>(exchanges.subList(0, MAX_ARROWS));
        }
        List<String> endpoints = new ArrayList<>(lifelines.keySet());
        List<String> names = new ArrayList<>();
        for (String e : endpoints) {
            names.add(peerNames.get(e));
        }
        return new MessageSequence(endpoints, names, exchanges, sightings.size(), ignored, omitted);
    }

    private static Item item(int from, int to, Sighting s) {
        MessageCodec.Decoded decoded = MessageCodec.decode(s.payload);
        if (decoded instanceof MessageCodec.Decoded.Ok ok) {
            return message(from, to, s, ok.message());
        }
        String reason = ((MessageCodec.Malformed) decoded).reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return new Item(from, to, MessageKind.NOT_WIREGUARD, "not WireGuard: " + s.payload.length + " B, " + reason,
                s.sent, s.arrived, -1);
    }

    private static Item message(int from, int to, Sighting s, Message m) {
        if (m instanceof Initiation i) {
            return new Item(from, to, MessageKind.INITIATION, "initiation s:" + hex(i.sender())
                    + (hasMac2(i.bytes(), Initiation.MAC2_OFFSET) ? " +mac2" : ""), s.sent, s.arrived, -1);
        }
        if (m instanceof Response r) {
            return new Item(from, to, MessageKind.RESPONSE, "response s:" + hex(r.sender()) + " r:" + hex(r.receiver())
                    + (hasMac2(r.bytes(), Response.MAC2_OFFSET) ? " +mac2" : ""), s.sent, s.arrived, -1);
        }
        if (m instanceof CookieReply c) {
            return new Item(from, to, MessageKind.COOKIE_REPLY, "cookie reply r:" + hex(c.receiver()), s.sent, s.arrived, -1);
        }
        TransportData t = (TransportData) m;
        String counter = "n=" + Long.toUnsignedString(t.counter());
        return t.isKeepalive()
                ? new Item(from, to, MessageKind.KEEPALIVE, "keepalive " + counter, s.sent, s.arrived, t.counter())
                : new Item(from, to, MessageKind.DATA, "data " + (t.sealedLength() - Protocol.TAG_LENGTH) + " B " + counter,
                        s.sent, s.arrived, t.counter());
    }

    private static boolean hasMac2(byte[] b, int offset) {
        for (int i = offset; i < offset + Protocol.MAC_LENGTH; i++) {
            if (b[i] != 0) {
                return true;
            }
        }
        return false;
    }

    private static String hex(int index) {
        return String.format(Locale.ROOT, "%08x", index);
    }

    /** Which run a data message or keepalive belongs to: the two endpoints, either way, and the kind. */
    private record RunKey(int low, int high, MessageKind kind) {
        static RunKey of(Item it) {
            return new RunKey(Math.min(it.from(), it.to()), Math.max(it.from(), it.to()), it.kind());
        }
    }

    /**
     * Gathers data messages and keepalives into runs per pair of endpoints. Traffic between other
     * endpoints does not end a run (a busy hub would otherwise cut every run short); a message of another
     * kind between the same two endpoints does, so a keepalive or a handshake in the middle of a
     * conversation stays visible where it happened.
     */
    private static List<Exchange> collapse(List<Item> items) {
        List<List<Item>> slots = new ArrayList<>();
        Map<RunKey, List<Item>> open = new HashMap<>();
        for (Item it : items) {
            boolean runnable = it.kind() == MessageKind.DATA || it.kind() == MessageKind.KEEPALIVE;
            int low = Math.min(it.from(), it.to());
            int high = Math.max(it.from(), it.to());
            open.keySet().removeIf(k -> k.low() == low && k.high() == high && k.kind() != it.kind());
            if (!runnable) {
                slots.add(List.of(it));
                continue;
            }
            List<Item> run = open.get(RunKey.of(it));
            if (run == null) {
                run = new ArrayList<>();
                open.put(RunKey.of(it), run);
                slots.add(run);
            }
            run.add(it);
        }
        List<Exchange> out = new ArrayList<>();
        for (List<Item> slot : slots) {
            if (slot.size() >= COLLAPSE_AT) {
                out.addAll(runOf(slot));
            } else {
                for (Item it : slot) {
                    out.add(new Exchange(it.from(), it.to(), it.kind(), it.label(), it.sent(), it.arrived(), it.sent(), 1));
                }
            }
        }
        // A short run's later messages, and the second direction of a long one, go back to their time.
        out.sort(Comparator.comparingLong(Exchange::sentNanos));
        return out;
    }

    /** One arrow per direction for a run of alike messages, the direction that spoke first drawn first. */
    private static List<Exchange> runOf(List<Item> run) {
        List<Exchange> out = new ArrayList<>();
        Item first = run.get(0);
        for (boolean forward : new boolean[] {true, false}) {
            int from = forward ? first.from() : first.to();
            List<Item> direction = run.stream().filter(it -> it.from() == from).toList();
            if (direction.isEmpty()) {
                continue;
            }
            Item a = direction.get(0);
            Item z = direction.get(direction.size() - 1);
            String label = first.kind().word() + " \u00d7 " + direction.size();
            if (direction.size() > 1) {
                label += " over " + SequenceDiagramSvg.seconds(z.sent() - a.sent()) + " (n="
                        + Long.toUnsignedString(a.counter()) + "\u2013" + Long.toUnsignedString(z.counter()) + ")";
            }
            out.add(new Exchange(a.from(), a.to(), first.kind(), label, a.sent(), -1, z.sent(), direction.size()));
        }
        return out;
    }
}
