package io.wgsim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.InnerPacket;
import io.wgsim.net.IpAddresses;
import io.wgsim.net.Padding;
import io.wgsim.protocol.wire.DropReason;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Message;
import io.wgsim.protocol.wire.MessageCodec;
import io.wgsim.protocol.wire.MessageType;
import io.wgsim.protocol.wire.Protocol;
import io.wgsim.protocol.wire.TransportData;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The world of a device fuzz run. Alice and Bob ({@link TwoPeers}), and optionally Carol as a second
 * peer of one of them, are brought into a state the input chooses (load, keepalive, PSK, small replay
 * window, queue and MTU, how far the handshake got); one of Alice and Bob is the <em>target</em> the
 * input then attacks, the other its genuine <em>peer</em>. Every datagram any device receives passes
 * through {@link #deliver}, which checks the core's contract:
 * <ul>
 *   <li>no exception escapes (the fuzzer reports any);</li>
 *   <li>a datagram causes at most one {@code Dropped} event;</li>
 *   <li>without a drop it had an authenticated effect: some peer's received-bytes counter grew (a
 *       handshake or transport message was authenticated) or a cookie was taken in;</li>
 *   <li>a drop before authentication changes nothing: no counter, endpoint, packet or event, and no
 *       datagram except the one cookie reply of {@code COOKIE_REQUIRED}, sent back to the source;</li>
 *   <li>everything a device sends decodes as a message, and everything it delivers is an IP packet
 *       without padding whose source the sending peer may use.</li>
 * </ul>
 * {@link #send} checks outbound packets: refused with the one right reason, or sealed at their padded
 * length (or staged). {@link #runOutbound} also follows each packet to its receiver. The attacker's
 * own datagrams are made by {@link FuzzedMessages}.
 *
 * <p>Every read from the {@link FuzzedDataProvider} has a range that does not depend on the state, so
 * {@link DeviceFuzzSeeds} can write inputs that take a known path. Keep the three in step.
 */
final class FuzzedNetwork {
    static final long SECOND = 1_000_000_000L;
    /** Steps after the setup; inputs longer than this are cut short. */
    static final int MAX_STEPS = 24;

    // ---- what an input chooses (DeviceFuzzSeeds writes the same numbers) ----
    /** Bit 0: Bob always under load; bit 1: Alice. */
    static final int LOAD_MAX = 3;
    /** Bit 0: a 64-counter replay window; bit 1: two staged packets per peer; bit 2: MTU 1280. */
    static final int SETTINGS_MAX = 7;
    static final int STAGE_FRESH = 0;
    static final int STAGE_INITIATION_SENT = 1;
    static final int STAGE_SESSION = 2;

    enum Op { RAW, TYPED, REPLAY, FORGE_INITIATION, FORGE_TRANSPORT, PEER_ACTS, TICK, FLUSH, HOLD, LOSE, SEND, SOURCE, RECONFIGURE }

    enum Mutation { FLIP, TRUNCATE, EXTEND, TYPE, RESERVED, INDEX, COUNTER, OVERWRITE }

    /** Drops that come after the message was authenticated: the inner packet is refused, not the datagram. */
    static final Set<DropReason> AFTER_AUTHENTICATION = EnumSet.of(DropReason.NOT_IP, DropReason.SOURCE_NOT_ALLOWED);

    static final PrivateKey CAROL_KEY = PrivateKey.generate(Entropy.seeded(44));
    static final PrivateKey STRANGER = PrivateKey.generate(Entropy.seeded(33));
    static final PresharedKey PSK = PresharedKey.of(filled(32, 0x5a));

    final FuzzedDataProvider data;
    final TwoPeers pair;
    final DeviceHarness carol;
    final DeviceHarness target;
    final DeviceHarness peer;
    final boolean pskOn;
    final Duration aliceKeepalive;
    boolean carolConfigured;
    long now;
    InetSocketAddress from;
    /** Every datagram seen so far, any way: material for replays and mutations. */
    final List<byte[]> pool = new ArrayList<>();
    /** What each device has sent and the network has not yet carried. */
    private final Map<DeviceHarness, List<DeviceHarness.Sent>> outbox = new LinkedHashMap<>();
    /** What each device delivered, in order. */
    final Map<DeviceHarness, List<DeviceHarness.Delivered>> delivered = new HashMap<>();
    /** Outcomes of the steps (not of the setup), for the seed corpus check. */
    final Set<String> outcomes = new TreeSet<>();
    private boolean recording;
    private final FuzzedMessages messages = new FuzzedMessages(this);

    /** Reads the setup choices and brings the devices into the chosen state. */
    FuzzedNetwork(FuzzedDataProvider data) {
        this.data = data;
        int load = data.consumeInt(0, LOAD_MAX);
        aliceKeepalive = data.consumeBoolean() ? Duration.ofSeconds(25) : Duration.ZERO;
        pskOn = data.consumeBoolean();
        int settings = data.consumeInt(0, SETTINGS_MAX);
        boolean withCarol = data.consumeBoolean();
        int stage = data.consumeInt(0, STAGE_SESSION);
        boolean targetIsBob = data.consumeBoolean();

        pair = new TwoPeers(s -> configured(s, settings, (load & 2) != 0), s -> configured(s, settings, (load & 1) != 0),
                aliceKeepalive);
        carol = new DeviceHarness(configured(DeviceSettings.of(CAROL_KEY).withListenPort(51822), settings, false),
                new ScriptedEntropy(303), DeviceHarness.endpoint("198.18.0.3", 51822));
        target = targetIsBob ? pair.bob : pair.alice;
        peer = targetIsBob ? pair.alice : pair.bob;
        for (DeviceHarness d : List.of(pair.alice, pair.bob, carol)) {
            outbox.put(d, new ArrayList<>());
            delivered.put(d, new ArrayList<>());
        }
        from = peer.address;
        if (pskOn) {
            pair.alice.device.addPeer(0, settingsFor(pair.alice, pair.bob));
            pair.bob.device.addPeer(0, settingsFor(pair.bob, pair.alice));
        }
        if (withCarol) {
            addCarol();
        }
        drainAll();
        if (stage >= STAGE_INITIATION_SENT) {
            pair.alice.device.sendPacket(now, packetBetween(pair.alice, pair.bob, 48));
            if (withCarol) {
                carol.device.sendPacket(now, packetBetween(carol, target, 36));
            }
            drainAll();
        }
        if (stage >= STAGE_SESSION) {
            establishSessions();
        }
        recording = true;
    }

    private static DeviceSettings configured(DeviceSettings s, int settings, boolean alwaysUnderLoad) {
        DeviceSettings d = s.withKeyLog(true); // keeps transport keys, so steps can forge messages
        if ((settings & 1) != 0) {
            d = d.withReplayWindow(64);
        }
        if ((settings & 2) != 0) {
            d = d.withStagedQueueLimit(2);
        }
        if ((settings & 4) != 0) {
            d = d.withMtu(1280);
        }
        return alwaysUnderLoad ? d.withUnderLoadThreshold(0) : d;
    }

    /** What {@code side} is told about {@code other}: as TwoPeers does for Alice and Bob, plus the PSK when on. */
    PeerSettings settingsFor(DeviceHarness side, DeviceHarness other) {
        List<Cidr> allowed = List.of(Cidr.parse("10.0.0." + number(other) + "/32"), Cidr.parse("fd00::" + number(other) + "/128"));
        InetSocketAddress endpoint = side == pair.bob && other == pair.alice ? null : other.address;
        Duration keepalive = side == pair.alice && other == pair.bob ? aliceKeepalive : Duration.ZERO;
        return new PeerSettings(other.publicKey(), pskOn ? PSK : PresharedKey.NONE, allowed, endpoint, keepalive);
    }

    private void addCarol() {
        target.device.addPeer(now, settingsFor(target, carol));
        carol.device.addPeer(now, settingsFor(carol, target));
        carolConfigured = true;
    }

    /** Exchanges and runs timers until the sessions exist, as the devices alone would; then traffic both ways. */
    private void establishSessions() {
        for (int round = 0; round < 12 && !allSessions(); round++) {
            settle();
            if (!allSessions()) {
                advanceToNextDeadline();
            }
        }
        if (!allSessions()) {
            fail("setup: no sessions after 12 rounds; " + history());
        }
        pair.bob.device.sendPacket(now, packetBetween(pair.bob, pair.alice, 100));
        drainAll();
        settle();
        pair.alice.device.sendKeepalive(now, pair.bob.publicKey());
        drainAll();
        settle();
    }

    private boolean allSessions() {
        return hasSession(pair.alice, pair.bob) && hasSession(pair.bob, pair.alice)
                && (!carolConfigured || hasSession(carol, target) && hasSession(target, carol));
    }

    private static boolean hasSession(DeviceHarness side, DeviceHarness other) {
        Peer p = side.device.peers.get(other.publicKey());
        return p != null && p.keypairs.current != null && p.keypairs.current.valid;
    }

    // ---- the steps ----

    /** The inbound run: steps until the input or the step budget runs out. */
    void run() {
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            step(Op.values()[data.consumeInt(0, Op.values().length - 1)]);
        }
        checkCounters();
    }

    private void step(Op op) {
        switch (op) {
            case RAW -> deliver(target, from, data.consumeBytes(data.consumeInt(0, 256)));
            case TYPED -> messages.typed();
            case REPLAY -> messages.replay();
            case FORGE_INITIATION -> messages.forgeInitiation();
            case FORGE_TRANSPORT -> messages.forgeTransport();
            case PEER_ACTS -> peerActs();
            case TICK -> tick();
            case FLUSH -> settle();
            case HOLD -> carry(target);
            case LOSE -> outbox.values().forEach(List::clear);
            case SEND -> send(target, packet());
            case SOURCE -> from = source(data.consumeInt(0, 5));
            case RECONFIGURE -> reconfigure(data.consumeInt(0, 3));
        }
    }

    /** The peer or Carol does something; what it sends reaches the target. */
    private void peerActs() {
        DeviceHarness actor = data.consumeBoolean() ? carol : peer;
        int action = data.consumeInt(0, 3);
        int size = data.consumeInt(0, 200);
        byte[] raw = action == 3 ? data.consumeBytes(size) : new byte[0];
        PublicKey targetKey = target.publicKey();
        if (actor.device.peers.get(targetKey) == null) {
            return;
        }
        switch (action) {
            case 0 -> send(actor, packetBetween(actor, target, size));
            case 1 -> actor.device.sendKeepalive(now, targetKey);
            case 2 -> actor.device.initiateHandshake(now, targetKey);
            default -> send(actor, raw);
        }
        drain(actor);
        carry(actor);
    }

    /** Advances time (a little, to the next deadline, a lot, or by one of the protocol's periods) and ticks all. */
    private void tick() {
        int kind = data.consumeInt(0, 3);
        long amount = data.consumeLong(0, 600 * SECOND);
        long period = List.of(Protocol.REKEY_TIMEOUT, Protocol.KEEPALIVE_TIMEOUT, Protocol.REKEY_AFTER_TIME,
                Protocol.REJECT_AFTER_TIME, Protocol.ZERO_KEYS_AFTER, Protocol.COOKIE_REFRESH_TIME)
                .get((int) (amount % 6)).toNanos();
        int eventsBefore = target.events.size();
        switch (kind) {
            case 0 -> now += amount % (2 * SECOND);
            case 1 -> advanceToNextDeadline();
            case 2 -> now += amount;
            default -> now += period;
        }
        for (DeviceHarness d : outbox.keySet()) {
            d.device.tick(now);
        }
        drainAll();
        for (DeviceEvent e : List.copyOf(target.events.subList(eventsBefore, target.events.size()))) {
            record(target, "timer " + (e instanceof DeviceEvent.Dropped d ? "dropped " + d.reason() : e.getClass().getSimpleName()));
        }
        carry(peer);
        carry(carol);
    }

    private void advanceToNextDeadline() {
        long next = Timers.NONE;
        for (DeviceHarness d : outbox.keySet()) {
            next = Math.min(next, d.device.nextDeadline());
        }
        if (next != Timers.NONE && next > now) {
            now = next;
        }
        for (DeviceHarness d : outbox.keySet()) {
            d.device.tick(now);
        }
        drainAll();
    }

    /** Carries every queued datagram to the device at its address, from its sender's address, until all are quiet. */
    void settle() {
        for (int round = 0; round < 8 && outbox.values().stream().anyMatch(l -> !l.isEmpty()); round++) {
            for (DeviceHarness d : outbox.keySet()) {
                carry(d);
            }
        }
    }

    /**
     * Carries what {@code sender} has queued to the devices at the addresses (anything sent to another
     * address is lost); replies stay queued. The peer and Carol only ever send to the target.
     */
    private void carry(DeviceHarness sender) {
        List<DeviceHarness.Sent> queued = new ArrayList<>(outbox.get(sender));
        outbox.get(sender).clear();
        for (DeviceHarness.Sent s : queued) {
            DeviceHarness to = sender != target ? target : deviceAt(s.to());
            if (to != null && to != sender) {
                deliver(to, sender.address, s.datagram());
            }
        }
    }

    private DeviceHarness deviceAt(InetSocketAddress address) {
        for (DeviceHarness d : outbox.keySet()) {
            if (d.address.equals(address)) {
                return d;
            }
        }
        return null;
    }

    private InetSocketAddress source(int choice) {
        return switch (choice) {
            case 0 -> peer.address;
            case 1 -> new InetSocketAddress(peer.address.getAddress(), peer.address.getPort() + 1);
            case 2 -> DeviceHarness.endpoint("198.18.0.77", 51820);
            case 3 -> DeviceHarness.endpoint("2001:db8::7", 51820);
            case 4 -> carol.address;
            default -> target.address;
        };
    }

    /** The peer set again as it was, removed and added back, given the current source as endpoint; or Carol toggled. */
    private void reconfigure(int kind) {
        PeerSettings settings = settingsFor(target, peer);
        switch (kind) {
            case 0 -> target.device.addPeer(now, settings);
            case 1 -> {
                target.device.removePeer(settings.publicKey());
                target.device.addPeer(now, settings);
            }
            case 2 -> target.device.setEndpoint(settings.publicKey(), from);
            default -> {
                if (carolConfigured) {
                    target.device.removePeer(carol.publicKey());
                    carolConfigured = false;
                } else {
                    addCarol();
                }
            }
        }
        drainAll();
    }

    // ---- packets ----

    private static String number(DeviceHarness d) {
        return d.address.getPort() == 51820 ? "1" : d.address.getPort() == 51821 ? "2" : "3";
    }

    /** An IPv4 packet from {@code src}'s tunnel address to {@code dst}'s. */
    static byte[] packetBetween(DeviceHarness src, DeviceHarness dst, int payload) {
        return TestPackets.ipv4("10.0.0." + number(src), "10.0.0." + number(dst), payload);
    }

    /** An IP packet the input shapes: raw bytes, or IPv4/IPv6 between tunnel and other addresses. */
    byte[] packet() {
        int kind = data.consumeInt(0, 6);
        int size = data.consumeInt(0, 300);
        byte[] raw = kind == 0 ? data.consumeBytes(size) : new byte[0];
        String self = number(target);
        String other = number(peer);
        return switch (kind) {
            case 0 -> raw;
            case 1 -> TestPackets.ipv4("10.0.0." + self, "10.0.0." + other, size);
            case 2 -> TestPackets.ipv6("fd00::" + self, "fd00::" + other, size);
            case 3 -> TestPackets.ipv4("10.0.0." + self, "10.9.9.9", size);
            case 4 -> TestPackets.ipv4("192.0.2.1", "10.0.0." + other, size);
            case 5 -> TestPackets.ipv6("fd00::" + self, "fd00::" + other, size + 1400);
            default -> TestPackets.ipv4("10.0.0." + self, "10.0.0.3", size);
        };
    }

    // ---- checked inputs ----

    /** How many datagrams {@link #deliver} has given; it alternates between the two receive methods. */
    private long deliveries;

    /** Gives {@code to} one datagram, checks the contract described on the class; returns the drop reason or null. */
    DropReason deliver(DeviceHarness to, InetSocketAddress source, byte[] bytes) {
        pool.add(bytes.clone());
        Map<PublicKey, Peer> peersBefore = new HashMap<>(to.device.peers);
        Map<PublicKey, Long> rxBefore = new HashMap<>();
        Map<PublicKey, InetSocketAddress> endpointsBefore = new HashMap<>();
        peersBefore.forEach((k, p) -> {
            rxBefore.put(k, p.rxBytes);
            endpointsBefore.put(k, p.endpoint);
        });
        List<DeviceHarness.Sent> sentLog = outbox.get(to);
        List<DeviceHarness.Delivered> deliveredLog = delivered.get(to);
        int eventsBefore = to.events.size();
        int sentBefore = sentLog.size();
        int deliveredBefore = deliveredLog.size();

        if (deliveries++ % 2 == 0) {
            to.device.receiveDatagram(now, source, bytes, bytes.length);
        } else {
            // Every other datagram goes the socket driver's way: in a longer buffer the device may
            // overwrite. The tail is filler a length check must keep out of the message.
            byte[] buffer = java.util.Arrays.copyOf(bytes, bytes.length + 7);
            java.util.Arrays.fill(buffer, bytes.length, buffer.length, (byte) 0x5c);
            to.device.receiveDatagramInPlace(now, source, buffer, bytes.length);
        }
        drain(to);

        List<DeviceEvent> events = List.copyOf(to.events.subList(eventsBefore, to.events.size()));
        List<DeviceEvent.Dropped> drops = events.stream().filter(DeviceEvent.Dropped.class::isInstance)
                .map(DeviceEvent.Dropped.class::cast).toList();
        List<DeviceHarness.Sent> sent = List.copyOf(sentLog.subList(sentBefore, sentLog.size()));
        List<DeviceHarness.Delivered> packets = List.copyOf(deliveredLog.subList(deliveredBefore, deliveredLog.size()));
        boolean authenticated = false;
        boolean roamed = false;
        for (Map.Entry<PublicKey, Peer> e : peersBefore.entrySet()) {
            Peer p = e.getValue();
            if (to.device.peers.get(e.getKey()) == p) {
                authenticated |= p.rxBytes > rxBefore.get(e.getKey());
                roamed |= !java.util.Objects.equals(p.endpoint, endpointsBefore.get(e.getKey()));
            }
        }
        String what = name(to) + " got " + describe(bytes) + " from " + source + " -> " + events;

        assertTrue(drops.size() <= 1, "one datagram, more than one drop: " + what);
        for (DeviceHarness.Sent s : sent) {
            assertNotNull(s.to(), "a datagram sent nowhere: " + what);
            assertInstanceOf(MessageCodec.Decoded.Ok.class, MessageCodec.decode(s.datagram()),
                    "the device sent something that is not a message: " + what);
        }
        for (DeviceHarness.Delivered d : packets) {
            InnerPacket inner = InnerPacket.parse(d.packet());
            assertNotNull(inner, "delivered a non-IP packet: " + what);
            assertEquals(d.packet().length, inner.length(), "delivered with padding: " + what);
            assertTrue(isTunnelAddressOf(deviceWithKey(d.peer()), inner.source()), "delivered a packet from "
                    + IpAddresses.format(inner.sourceAddress()) + ", which its sender may not use: " + what);
        }

        DropReason reason = drops.isEmpty() ? null : drops.get(0).reason();
        if (reason == null) {
            boolean cookie = events.stream().anyMatch(DeviceEvent.CookieReceived.class::isInstance);
            assertTrue(authenticated || cookie, "accepted without an authenticated effect: " + what);
            if (!authenticated) {
                assertFalse(roamed, "a cookie reply moved an endpoint: " + what);
            }
            record(to, "accepted " + kindOf(bytes));
            if (bytes[0] == MessageType.TRANSPORT.wireValue()
                    && sent.stream().anyMatch(x -> x.datagram()[0] == MessageType.INITIATION.wireValue())) {
                record(to, "initiation sent on receive");
            }
        } else if (AFTER_AUTHENTICATION.contains(reason)) {
            assertTrue(authenticated, reason + " without authentication: " + what);
            assertTrue(packets.isEmpty(), "delivered and dropped: " + what);
            record(to, "accepted " + kindOf(bytes) + ", dropped " + reason);
        } else {
            assertFalse(authenticated, "dropped as " + reason + " yet counted as received: " + what);
            assertFalse(roamed, "dropped as " + reason + " yet roamed: " + what);
            assertTrue(packets.isEmpty(), "delivered and dropped: " + what);
            for (DeviceEvent e : events) {
                assertTrue(e instanceof DeviceEvent.Dropped || e instanceof DeviceEvent.CookieReplySent,
                        "dropped as " + reason + " yet " + e + ": " + what);
            }
            if (reason == DropReason.COOKIE_REQUIRED) {
                assertEquals(1, sent.size(), "one cookie reply: " + what);
                assertEquals(source, sent.get(0).to(), "the cookie reply goes to the source: " + what);
                assertEquals(MessageType.COOKIE_REPLY.wireValue(), sent.get(0).datagram()[0]);
            } else {
                assertTrue(sent.isEmpty(), "dropped as " + reason + " yet sent " + sent.size() + ": " + what);
            }
            record(to, "dropped " + reason);
        }
        return reason;
    }

    /** Gives {@code side} one outbound packet and checks it is routed, or dropped for the right reason. */
    void send(DeviceHarness side, byte[] packet) {
        List<DeviceHarness.Sent> sentLog = outbox.get(side);
        int eventsBefore = side.events.size();
        int sentBefore = sentLog.size();
        side.device.sendPacket(now, packet, packet.length);
        drain(side);
        List<DeviceEvent.Dropped> drops = side.events.subList(eventsBefore, side.events.size()).stream()
                .filter(DeviceEvent.Dropped.class::isInstance).map(DeviceEvent.Dropped.class::cast).toList();
        List<DeviceHarness.Sent> sent = List.copyOf(sentLog.subList(sentBefore, sentLog.size()));
        String what = name(side) + " sent " + describe(packet) + " -> " + drops;

        InnerPacket inner = InnerPacket.parse(packet);
        if (inner == null) {
            assertEquals(List.of(DropReason.BAD_OUTBOUND_PACKET), reasons(drops), what);
            assertTrue(sent.isEmpty(), what);
            record(side, "outbound dropped BAD_OUTBOUND_PACKET");
            return;
        }
        if (routeOf(side, inner.destination()) == null) {
            assertEquals(List.of(DropReason.NO_ROUTE), reasons(drops), what);
            assertTrue(sent.isEmpty(), what);
            record(side, "outbound dropped NO_ROUTE");
            return;
        }
        for (DeviceEvent.Dropped d : drops) {
            assertTrue(d.reason() == DropReason.QUEUE_OVERFLOW || d.reason() == DropReason.NO_ENDPOINT,
                    "a routed packet dropped as " + d.reason() + ": " + what);
        }
        TransportData last = null;
        for (DeviceHarness.Sent s : sent) {
            Message m = ((MessageCodec.Decoded.Ok) MessageCodec.decode(s.datagram())).message();
            assertTrue(m instanceof TransportData || m instanceof Initiation, "sent " + m.type() + ": " + what);
            if (m instanceof TransportData t) {
                last = t;
            }
        }
        if (drops.stream().anyMatch(d -> d.reason() == DropReason.QUEUE_OVERFLOW)) {
            record(side, "outbound overflowed");
        }
        if (last != null) {
            int padded = Padding.paddedLength(inner.length(), side.device.settings.mtu());
            assertEquals(padded + Protocol.TAG_LENGTH, last.sealedLength(), "sealed at its padded length: " + what);
            record(side, "outbound sealed");
        } else {
            record(side, "outbound staged");
        }
    }

    /**
     * The outbound run: the target sends input packets, with time passing and the network settling in
     * between. Besides the checks of {@link #send}, each receiver delivers the packets routed to it whose
     * source is the target's, in the order they were sent, each at most once and unchanged; and when
     * nothing was lost on the way (no packet dropped or left staged at the target), all of them, while
     * refusing every routed packet with another source as SOURCE_NOT_ALLOWED.
     */
    void runOutbound() {
        Map<DeviceHarness, List<byte[]>> expected = new HashMap<>();
        Map<DeviceHarness, Integer> refused = new HashMap<>();
        Map<DeviceHarness, Integer> deliveredBefore = new HashMap<>();
        Map<DeviceHarness, Long> refusedBefore = new HashMap<>();
        for (DeviceHarness receiver : List.of(peer, carol)) {
            expected.put(receiver, new ArrayList<>());
            refused.put(receiver, 0);
            deliveredBefore.put(receiver, delivered.get(receiver).size());
            refusedBefore.put(receiver, receiver.dropCount(DropReason.SOURCE_NOT_ALLOWED));
            Peer p = target.device.peers.get(receiver.publicKey());
            if (p != null) {
                p.staged.stream().filter(s -> s.length > 0).forEach(expected.get(receiver)::add); // staged in the setup
            }
        }
        long lostBefore = lostAtTarget();
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            switch (data.consumeInt(0, 2)) {
                case 0 -> {
                    byte[] packet = packet();
                    send(target, packet);
                    InnerPacket inner = InnerPacket.parse(packet);
                    DeviceHarness receiver = inner == null ? null : routeOf(target, inner.destination());
                    if (receiver != null) {
                        if (isTunnelAddressOf(target, inner.source())) {
                            expected.get(receiver).add(Arrays.copyOf(packet, inner.length()));
                        } else {
                            refused.merge(receiver, 1, Integer::sum);
                        }
                    }
                }
                case 1 -> {
                    // Deliver what is in flight first: a packet held across a long tick may expire on the
                    // way, which the inbound run explores; here it would be a loss the oracle cannot see.
                    settle();
                    tick();
                }
                default -> settle();
            }
        }
        settleWithTimers();

        boolean lossless = lostAtTarget() == lostBefore && outbox.values().stream().allMatch(List::isEmpty)
                && target.device.peers.values().stream().allMatch(p -> p.staged.isEmpty());
        for (DeviceHarness receiver : List.of(peer, carol)) {
            List<DeviceHarness.Delivered> log = delivered.get(receiver);
            List<DeviceHarness.Delivered> got = log.subList(deliveredBefore.get(receiver), log.size());
            List<byte[]> want = expected.get(receiver);
            int next = 0;
            for (DeviceHarness.Delivered d : got) {
                while (next < want.size() && !Arrays.equals(want.get(next), d.packet())) {
                    next++;
                }
                assertTrue(next < want.size(), name(receiver) + " delivered a packet not sent, twice, or out of order: "
                        + describe(d.packet()) + "; " + history());
                next++;
            }
            if (lossless) {
                assertEquals(want.size(), got.size(), name(receiver) + ": nothing was lost, so every packet arrives; "
                        + history());
                assertEquals(refusedBefore.get(receiver) + refused.get(receiver),
                        receiver.dropCount(DropReason.SOURCE_NOT_ALLOWED),
                        name(receiver) + " refuses every packet from a source the target may not use");
            }
        }
        if (lossless) {
            record(target, "outbound all delivered");
        }
        checkCounters();
    }

    /** Drops at the target of packets it had routed: overflow, no endpoint, or a handshake that gave up. */
    private long lostAtTarget() {
        return target.dropCount(DropReason.QUEUE_OVERFLOW) + target.dropCount(DropReason.NO_ENDPOINT)
                + target.dropCount(DropReason.HANDSHAKE_GAVE_UP);
    }

    /** Settles, and while the target still holds staged packets, lets timers run (up to 12 deadlines). */
    private void settleWithTimers() {
        for (int round = 0; round < 12; round++) {
            settle();
            if (target.device.peers.values().stream().allMatch(p -> p.staged.isEmpty())) {
                break;
            }
            advanceToNextDeadline();
        }
        settle();
    }

    // ---- oracles, written out rather than asked of the code under test ----

    /** Which configured peer of {@code side} has this tunnel address, or null. */
    private DeviceHarness routeOf(DeviceHarness side, byte[] destination) {
        for (DeviceHarness d : List.of(pair.alice, pair.bob, carol)) {
            if (d != side && side.device.peers.containsKey(d.publicKey()) && isTunnelAddressOf(d, destination)) {
                return d;
            }
        }
        return null;
    }

    /** Whether the 4 or 16 address bytes are {@code d}'s tunnel address: 10.0.0.n or fd00::n. */
    static boolean isTunnelAddressOf(DeviceHarness d, byte[] address) {
        String n = number(d);
        return Arrays.equals(address, IpAddresses.parse("10.0.0." + n).getAddress())
                || Arrays.equals(address, IpAddresses.parse("fd00::" + n).getAddress());
    }

    private DeviceHarness deviceWithKey(PublicKey key) {
        for (DeviceHarness d : List.of(pair.alice, pair.bob, carol)) {
            if (d.publicKey().equals(key)) {
                return d;
            }
        }
        throw new AssertionError("delivered from unknown key " + key);
    }

    /** The drop counters of each device's status agree with its Dropped events. */
    void checkCounters() {
        for (DeviceHarness d : outbox.keySet()) {
            long events = d.eventsOf(DeviceEvent.Dropped.class).size();
            long counted = d.device.status().drops().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(events, counted, name(d) + ": drop counters against Dropped events");
        }
    }

    // ---- bookkeeping ----

    private void record(DeviceHarness d, String outcome) {
        if (recording) {
            outcomes.add((d == target ? "" : d == peer ? "peer " : "carol ") + outcome);
        }
    }

    private void drainAll() {
        for (DeviceHarness d : outbox.keySet()) {
            drain(d);
        }
    }

    /** Moves what a device produced from its harness into this network's queues; fills the pool. */
    private void drain(DeviceHarness h) {
        while (h.pendingSent() > 0) {
            DeviceHarness.Sent s = h.takeSent();
            outbox.get(h).add(s);
            pool.add(s.datagram().clone());
        }
        while (h.pendingDelivered() > 0) {
            delivered.get(h).add(h.takeDelivered());
        }
    }

    private String name(DeviceHarness d) {
        return (d == pair.alice ? "alice" : d == pair.bob ? "bob" : "carol") + (d == target ? " (target)" : "");
    }

    /** Every device's events, for failure messages. */
    String history() {
        StringBuilder b = new StringBuilder();
        for (DeviceHarness d : outbox.keySet()) {
            b.append(name(d)).append(": ").append(d.events).append("; ");
        }
        return b.toString();
    }

    private static List<DropReason> reasons(List<DeviceEvent.Dropped> drops) {
        return drops.stream().map(DeviceEvent.Dropped::reason).toList();
    }

    private static String kindOf(byte[] b) {
        MessageCodec.Decoded d = MessageCodec.decode(b);
        if (!(d instanceof MessageCodec.Decoded.Ok ok)) {
            return "malformed";
        }
        Message m = ok.message();
        return m instanceof TransportData t && t.isKeepalive() ? "KEEPALIVE" : m.type().name();
    }

    private static String describe(byte[] b) {
        String hex = java.util.HexFormat.of().formatHex(b, 0, Math.min(b.length, 24));
        return b.length + " bytes [" + hex + (b.length > 24 ? "..." : "") + "]";
    }

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
