package io.wgsim.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.wgsim.crypto.DataCipher;
import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.crypto.Tai64n;
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
import io.wgsim.protocol.wire.Response;
import io.wgsim.protocol.wire.TransportData;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state a device fuzz run builds and acts on: Alice and Bob ({@link TwoPeers}) in a state chosen
 * by the input (load, keepalive, PSK, how far their handshake got), one of them the <em>target</em>
 * that the input then attacks with datagrams, and the other its genuine <em>peer</em>. Every datagram
 * either device receives passes through {@link #deliver}, which checks the core's contract:
 * <ul>
 *   <li>no exception escapes (the fuzzer reports any);</li>
 *   <li>a datagram causes at most one {@code Dropped} event;</li>
 *   <li>without a drop it had an authenticated effect: the peer's received-bytes counter grew (a
 *       handshake message or transport message was authenticated) or a cookie was taken in;</li>
 *   <li>a drop before authentication changes nothing: no counter, endpoint, packet or event, and no
 *       datagram except the one cookie reply of {@code COOKIE_REQUIRED}, sent back to the source;</li>
 *   <li>everything a device sends decodes as a message, and everything it delivers is an IP packet
 *       whose source the sending peer is allowed to use.</li>
 * </ul>
 *
 * <p>Every read from the {@link FuzzedDataProvider} has a range that does not depend on the state, so
 * {@link DeviceFuzzSeeds} can write inputs that take a known path. Keep the two in step.
 */
final class FuzzedPair {
    static final long SECOND = 1_000_000_000L;
    /** Steps after the setup; inputs longer than this are cut short. */
    static final int MAX_STEPS = 24;

    // ---- what an input chooses (DeviceFuzzSeeds writes the same numbers) ----
    static final int LOAD_MAX = 3; // bit 0: Bob always under load, bit 1: Alice
    static final int STAGE_FRESH = 0;
    static final int STAGE_INITIATION_SENT = 1;
    static final int STAGE_SESSION = 2;

    enum Op { RAW, TYPED, REPLAY, FORGE_INITIATION, FORGE_TRANSPORT, PEER_ACTS, TICK, FLUSH, SEND, SOURCE, RECONFIGURE }

    enum Mutation { FLIP, TRUNCATE, EXTEND, TYPE, RESERVED, INDEX, COUNTER, OVERWRITE }

    /** Drops that come after the message was authenticated: the inner packet is refused, not the datagram. */
    static final Set<DropReason> AFTER_AUTHENTICATION = EnumSet.of(DropReason.NOT_IP, DropReason.SOURCE_NOT_ALLOWED);

    static final PrivateKey STRANGER = PrivateKey.generate(Entropy.seeded(33));
    static final PresharedKey PSK = PresharedKey.of(filled(32, 0x5a));

    final FuzzedDataProvider data;
    final TwoPeers pair;
    final DeviceHarness target;
    final DeviceHarness peer;
    final boolean pskOn;
    final Duration aliceKeepalive;
    long now;
    InetSocketAddress from;
    /** Every datagram seen so far, either way: material for replays and mutations. */
    final List<byte[]> pool = new ArrayList<>();
    /** What each side has sent and not yet handed to the other. */
    private final List<DeviceHarness.Sent> targetOutbox = new ArrayList<>();
    private final List<DeviceHarness.Sent> peerOutbox = new ArrayList<>();
    /** Packets delivered by each side, in order. */
    final List<byte[]> targetDelivered = new ArrayList<>();
    final List<byte[]> peerDelivered = new ArrayList<>();
    /** Outcomes of the steps (not of the setup), for the seed corpus test. */
    final Set<String> outcomes = new TreeSet<>();
    private boolean recording;
    private int forgedTimestamps;
    private byte[] lastForgedTimestamp = new byte[Protocol.TIMESTAMP_LENGTH];
    private long lastForgedCounter;

    /** Reads the setup choices and brings the pair into the chosen state. */
    FuzzedPair(FuzzedDataProvider data) {
        this.data = data;
        int load = data.consumeInt(0, LOAD_MAX);
        aliceKeepalive = data.consumeBoolean() ? Duration.ofSeconds(25) : Duration.ZERO;
        pskOn = data.consumeBoolean();
        int stage = data.consumeInt(0, STAGE_SESSION);
        boolean targetIsBob = data.consumeBoolean();

        pair = new TwoPeers(s -> withLoad(s, (load & 2) != 0), s -> withLoad(s, (load & 1) != 0), aliceKeepalive);
        target = targetIsBob ? pair.bob : pair.alice;
        peer = targetIsBob ? pair.alice : pair.bob;
        from = peer.address;
        if (pskOn) {
            pair.alice.device.addPeer(0, settingsOf(pair.alice));
            pair.bob.device.addPeer(0, settingsOf(pair.bob));
        }
        drainBoth();
        if (stage >= STAGE_INITIATION_SENT) {
            pair.alice.device.sendPacket(now, pair.aliceToBob(48));
            drainBoth();
        }
        if (stage >= STAGE_SESSION) {
            establishSession();
        }
        recording = true;
    }

    private static DeviceSettings withLoad(DeviceSettings s, boolean alwaysUnderLoad) {
        DeviceSettings logged = s.withKeyLog(true); // keeps transport keys, so steps can forge messages
        return alwaysUnderLoad ? logged.withUnderLoadThreshold(0) : logged;
    }

    /** The settings {@code side} has for the other side, as TwoPeers made them (plus the PSK when on). */
    PeerSettings settingsOf(DeviceHarness side) {
        boolean alice = side == pair.alice;
        PublicKey other = alice ? pair.bob.publicKey() : pair.alice.publicKey();
        List<Cidr> allowed = alice ? List.of(Cidr.parse("10.0.0.2/32"), Cidr.parse("fd00::2/128"))
                : List.of(Cidr.parse("10.0.0.1/32"), Cidr.parse("fd00::1/128"));
        return new PeerSettings(other, pskOn ? PSK : PresharedKey.NONE, allowed, alice ? pair.bob.address : null,
                alice ? aliceKeepalive : Duration.ZERO);
    }

    /** Exchanges and runs timers until both sides have a session, as the two devices alone would. */
    private void establishSession() {
        for (int round = 0; round < 12; round++) {
            settle();
            if (hasSession(pair.alice, pair.bob) && hasSession(pair.bob, pair.alice)) {
                break;
            }
            advanceToNextDeadline();
        }
        if (!hasSession(pair.alice, pair.bob) || !hasSession(pair.bob, pair.alice)) {
            fail("setup: no session after 12 rounds; alice " + pair.alice.events + " bob " + pair.bob.events);
        }
        pair.bob.device.sendPacket(now, pair.bobToAlice(100));
        drainBoth();
        settle();
        pair.alice.device.sendKeepalive(now, pair.bob.publicKey());
        drainBoth();
        settle();
    }

    private static boolean hasSession(DeviceHarness side, DeviceHarness other) {
        Peer p = side.device.peers.get(other.publicKey());
        return p != null && p.keypairs.current != null && p.keypairs.current.valid;
    }

    // ---- the steps ----

    /** Runs steps until the input or the step budget runs out. */
    void run() {
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            step(Op.values()[data.consumeInt(0, Op.values().length - 1)]);
        }
        checkCounters(target);
        checkCounters(peer);
    }

    /**
     * The outbound run: the target sends input packets to its peer, with time passing and the network
     * settling in between. Besides the checks of {@link #send}, the peer delivers the routed packets
     * whose source is the target's in the order they were sent, each at most once and unchanged; and
     * when nothing was lost on the way (no packet dropped or left staged at the target), all of them,
     * while dropping every routed packet with another source as SOURCE_NOT_ALLOWED.
     */
    void runOutbound() {
        int deliveredBefore = peerDelivered.size();
        long refusedBefore = peer.dropCount(DropReason.SOURCE_NOT_ALLOWED);
        long lostBefore = lostAtTarget();
        List<byte[]> expected = new ArrayList<>();
        int refused = 0;
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            switch (data.consumeInt(0, 2)) {
                case 0 -> {
                    byte[] packet = packet();
                    send(target, packet);
                    InnerPacket inner = InnerPacket.parse(packet);
                    if (inner != null && isTunnelAddressOf(peer, inner.destination())) {
                        if (isTunnelAddressOf(target, inner.source())) {
                            expected.add(Arrays.copyOf(packet, inner.length()));
                        } else {
                            refused++;
                        }
                    }
                }
                case 1 -> tick();
                default -> settle();
            }
        }
        settleWithTimers();

        List<byte[]> got = peerDelivered.subList(deliveredBefore, peerDelivered.size());
        int next = 0;
        for (byte[] packet : got) {
            while (next < expected.size() && !Arrays.equals(expected.get(next), packet)) {
                next++;
            }
            assertTrue(next < expected.size(), "the peer delivered a packet not sent, twice, or out of order: "
                    + describe(packet));
            next++;
        }
        Peer p = target.device.peers.get(peer.publicKey());
        boolean lossless = lostAtTarget() == lostBefore && p.staged.isEmpty() && targetOutbox.isEmpty()
                && peerOutbox.isEmpty();
        if (lossless) {
            assertEquals(expected.size(), got.size(), "nothing was lost at the target, so every packet arrives");
            assertEquals(refusedBefore + refused, peer.dropCount(DropReason.SOURCE_NOT_ALLOWED),
                    "every packet from a source the target may not use is refused by the peer");
            record(target, "outbound all delivered");
        }
        checkCounters(target);
        checkCounters(peer);
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
            Peer p = target.device.peers.get(peer.publicKey());
            if (p == null || p.staged.isEmpty()) {
                break;
            }
            advanceToNextDeadline();
        }
        settle();
    }

    private void step(Op op) {
        switch (op) {
            case RAW -> {
                byte[] bytes = data.consumeBytes(data.consumeInt(0, 256));
                deliver(target, from, bytes);
            }
            case TYPED -> typed();
            case REPLAY -> replay();
            case FORGE_INITIATION -> forgeInitiation();
            case FORGE_TRANSPORT -> forgeTransport();
            case PEER_ACTS -> peerActs();
            case TICK -> tick();
            case FLUSH -> settle();
            case SEND -> send(target, packet());
            case SOURCE -> from = source(data.consumeInt(0, 5));
            case RECONFIGURE -> reconfigure(data.consumeInt(0, 2));
        }
    }

    /** A message of a real type and a fitting size whose body is input bytes. */
    private void typed() {
        MessageType type = MessageType.values()[data.consumeInt(0, 3)];
        int size = type == MessageType.TRANSPORT ? Protocol.TRANSPORT_MIN_SIZE + data.consumeInt(0, 200) : type.size();
        byte[] b = Arrays.copyOf(new byte[] {(byte) type.wireValue()}, size);
        byte[] body = data.consumeBytes(size - 4);
        System.arraycopy(body, 0, b, 4, body.length);
        deliver(target, from, b);
    }

    /**
     * A datagram seen earlier (either way; 0 is the newest), as it was or mutated, optionally with a
     * fresh mac1.
     */
    private void replay() {
        int pick = data.consumeInt(0, 255);
        int mutations = data.consumeInt(0, 3);
        byte[] b = pool.isEmpty() ? new byte[0] : pool.get(pool.size() - 1 - pick % pool.size()).clone();
        for (int i = 0; i < mutations; i++) {
            b = mutate(b, Mutation.values()[data.consumeInt(0, Mutation.values().length - 1)]);
        }
        if (data.consumeBoolean()) {
            restampMac1(b);
        }
        deliver(target, from, b);
    }

    private byte[] mutate(byte[] b, Mutation m) {
        switch (m) {
            case FLIP -> {
                int bit = data.consumeInt(0, 0xffff);
                if (b.length > 0) {
                    bit %= b.length * 8;
                    b[bit / 8] ^= (byte) (1 << (bit % 8));
                }
            }
            case TRUNCATE -> b = Arrays.copyOf(b, data.consumeInt(0, 0xffff) % (b.length + 1));
            case EXTEND -> {
                byte[] tail = data.consumeBytes(data.consumeInt(0, 64));
                byte[] longer = Arrays.copyOf(b, b.length + tail.length);
                System.arraycopy(tail, 0, longer, b.length, tail.length);
                b = longer;
            }
            case TYPE -> {
                int value = data.consumeInt(0, 255);
                if (b.length > 0) {
                    b[0] = (byte) value;
                }
            }
            case RESERVED -> {
                int at = data.consumeInt(1, 3);
                int value = data.consumeInt(0, 255);
                if (b.length > at) {
                    b[at] = (byte) value;
                }
            }
            case INDEX -> {
                int at = data.consumeBoolean() ? 8 : 4;
                int value;
                if (data.consumeBoolean()) {
                    int other = data.consumeInt(0, 255);
                    byte[] source = pool.isEmpty() ? new byte[8] : pool.get(pool.size() - 1 - other % pool.size());
                    value = source.length >= 8 ? readIntLE(source, 4) : 0;
                } else {
                    value = data.consumeInt();
                }
                if (b.length >= at + 4) {
                    writeLE(b, at, value, 4);
                }
            }
            case COUNTER -> {
                long value = data.consumeLong();
                if (b.length >= 16) {
                    writeLE(b, 8, value, 8);
                }
            }
            case OVERWRITE -> {
                int at = data.consumeInt(0, 0xffff);
                byte[] bytes = data.consumeBytes(data.consumeInt(0, 64));
                if (b.length > 0) {
                    at %= b.length;
                    System.arraycopy(bytes, 0, b, at, Math.min(bytes.length, b.length - at));
                }
            }
        }
        return b;
    }

    /** Gives a handshake-shaped datagram a valid mac1 for the target (mac2 zero), so it reaches the crypto. */
    private void restampMac1(byte[] b) {
        int mac1 = b.length == Protocol.INITIATION_SIZE && b[0] == 1 ? Initiation.MAC1_OFFSET
                : b.length == Protocol.RESPONSE_SIZE && b[0] == 2 ? Response.MAC1_OFFSET : -1;
        if (mac1 > 0) {
            new CookieGenerator(target.publicKey()).stamp(b, mac1, now);
        }
    }

    /**
     * An initiation made with real cryptography from a chosen static key (the peer's, a stranger's or
     * the target's own) with input ephemeral, index and timestamp; stamped as its sender would.
     */
    private void forgeInitiation() {
        int who = data.consumeInt(0, 2);
        byte[] ephemeral = Arrays.copyOf(data.consumeBytes(32), 32);
        int index = data.consumeInt();
        int timestampKind = data.consumeInt(0, 2);
        byte[] fuzzedTimestamp = Arrays.copyOf(data.consumeBytes(timestampKind == 1 ? 12 : 0), 12);
        byte[] timestamp = switch (timestampKind) {
            case 0 -> Tai64n.encode(1_700_000_000L + ++forgedTimestamps, 0);
            case 1 -> fuzzedTimestamp;
            default -> lastForgedTimestamp;
        };
        lastForgedTimestamp = timestamp;
        PrivateKey key = who == 0 ? privateKeyOf(peer) : who == 1 ? STRANGER : privateKeyOf(target);
        Handshake hs = new Handshake(key, target.publicKey(), pskOn ? PSK : PresharedKey.NONE);
        Initiation init;
        try {
            init = hs.createInitiation(io.wgsim.crypto.X25519.clamp(ephemeral), index, timestamp);
        } catch (Refusal r) {
            return; // only a low-order static key refuses, and none of these is one
        }
        Peer senderSide = who == 0 ? peer.device.peers.get(target.publicKey()) : null;
        if (senderSide != null) {
            senderSide.cookies.stamp(init.bytes(), Initiation.MAC1_OFFSET, now); // with mac2 when it has a cookie
        } else {
            new CookieGenerator(target.publicKey()).stamp(init.bytes(), Initiation.MAC1_OFFSET, now);
        }
        deliver(target, from, init.bytes());
    }

    /**
     * A transport message sealed with one of the peer's keypairs for the target, with a chosen counter
     * and plaintext: a keepalive, an allowed packet, a packet from a source the peer may not use, or raw
     * bytes. When the target accepts a packet, it must deliver exactly that packet.
     */
    private void forgeTransport() {
        int slot = data.consumeInt(0, 2);
        int counterKind = data.consumeInt(0, 3);
        long fuzzedCounter = counterKind == 1 ? data.consumeLong() : counterKind == 3 ? data.consumeInt(1, 3) : 0;
        int plaintextKind = data.consumeInt(0, 3);
        int size = data.consumeInt(0, 128);
        byte[] raw = plaintextKind == 3 ? data.consumeBytes(size) : new byte[0];
        boolean pad = data.consumeBoolean();

        Peer p = peer.device.peers.get(target.publicKey());
        Keypair kp = p == null ? null : slot == 0 ? p.keypairs.current : slot == 1 ? p.keypairs.previous : p.keypairs.next;
        if (kp == null || kp.sendKeyForLog == null) {
            return;
        }
        long counter = switch (counterKind) {
            case 0 -> kp.sendCounter++;
            case 1 -> fuzzedCounter;
            case 2 -> lastForgedCounter;
            default -> Protocol.REJECT_AFTER_MESSAGES - 2 + fuzzedCounter; // the last good one, the limit, past it
        };
        lastForgedCounter = counter;
        byte[] plaintext = switch (plaintextKind) {
            case 0 -> new byte[0];
            case 1 -> peerPacket(size, true);
            case 2 -> peerPacket(size, false);
            default -> raw;
        };
        int padded = pad ? Padding.paddedLength(plaintext.length, target.device.settings.mtu()) : plaintext.length;
        byte[] message = TransportData.newBuffer(kp.remoteIndex, counter, padded + Protocol.TAG_LENGTH);
        System.arraycopy(plaintext, 0, message, TransportData.PAYLOAD_OFFSET, plaintext.length);
        new DataCipher(kp.sendKeyForLog).seal(counter, message, TransportData.PAYLOAD_OFFSET, padded, message,
                TransportData.PAYLOAD_OFFSET);

        int deliveredBefore = targetDelivered.size();
        Outcome outcome = deliver(target, from, message);
        if (outcome.dropped == null && plaintext.length > 0) {
            InnerPacket inner = InnerPacket.parse(plaintext);
            assertNotNull(inner, "a plaintext that is not IP was accepted");
            assertEquals(deliveredBefore + 1, targetDelivered.size(), "an accepted packet is delivered once");
            assertArrayEquals(Arrays.copyOf(plaintext, inner.length()), targetDelivered.get(deliveredBefore),
                    "the delivered packet is the one sealed, without padding");
        }
    }

    /** The genuine peer does something; what it sends reaches the target. */
    private void peerActs() {
        int action = data.consumeInt(0, 3);
        int size = data.consumeInt(0, 200);
        byte[] raw = action == 3 ? data.consumeBytes(size) : new byte[0];
        PublicKey targetKey = target.publicKey();
        if (peer.device.peers.get(targetKey) == null) {
            return;
        }
        switch (action) {
            case 0 -> send(peer, peerPacket(size, true));
            case 1 -> peer.device.sendKeepalive(now, targetKey);
            case 2 -> peer.device.initiateHandshake(now, targetKey);
            default -> send(peer, raw);
        }
        drain(peer, peerOutbox, peerDelivered);
        deliverPeerOutbox();
    }

    /** Advances time (a little, to the next deadline, a lot, or by one of the protocol's periods) and ticks both. */
    private void tick() {
        int kind = data.consumeInt(0, 3);
        long amount = data.consumeLong(0, 600 * SECOND);
        long period = List.of(Protocol.REKEY_TIMEOUT, Protocol.KEEPALIVE_TIMEOUT, Protocol.REKEY_AFTER_TIME,
                Protocol.REJECT_AFTER_TIME, Protocol.ZERO_KEYS_AFTER, Protocol.COOKIE_REFRESH_TIME)
                .get((int) (amount % 6)).toNanos();
        switch (kind) {
            case 0 -> now += amount % (2 * SECOND);
            case 1 -> advanceToNextDeadline();
            case 2 -> now += amount;
            default -> now += period;
        }
        target.device.tick(now);
        peer.device.tick(now);
        drainBoth();
        deliverPeerOutbox();
    }

    private void advanceToNextDeadline() {
        long next = Math.min(pair.alice.device.nextDeadline(), pair.bob.device.nextDeadline());
        if (next != Timers.NONE && next > now) {
            now = next;
        }
        pair.alice.device.tick(now);
        pair.bob.device.tick(now);
        drainBoth();
    }

    /** Hands queued datagrams back and forth (from each side's real address) until both are quiet. */
    void settle() {
        for (int round = 0; round < 8 && (!targetOutbox.isEmpty() || !peerOutbox.isEmpty()); round++) {
            List<DeviceHarness.Sent> toPeer = new ArrayList<>(targetOutbox);
            targetOutbox.clear();
            for (DeviceHarness.Sent s : toPeer) {
                deliver(peer, target.address, s.datagram());
            }
            deliverPeerOutbox();
        }
    }

    private void deliverPeerOutbox() {
        List<DeviceHarness.Sent> toTarget = new ArrayList<>(peerOutbox);
        peerOutbox.clear();
        for (DeviceHarness.Sent s : toTarget) {
            deliver(target, peer.address, s.datagram());
        }
    }

    private InetSocketAddress source(int choice) {
        return switch (choice) {
            case 0 -> peer.address;
            case 1 -> new InetSocketAddress(peer.address.getAddress(), peer.address.getPort() + 1);
            case 2 -> DeviceHarness.endpoint("198.18.0.77", 51820);
            case 3 -> DeviceHarness.endpoint("2001:db8::7", 51820);
            case 4 -> DeviceHarness.endpoint("::ffff:198.18.0.78", 4500);
            default -> target.address;
        };
    }

    /** Configuration changes: the peer set again as it was, removed and added back, or a new endpoint. */
    private void reconfigure(int kind) {
        PeerSettings settings = settingsOf(target);
        switch (kind) {
            case 0 -> target.device.addPeer(now, settings);
            case 1 -> {
                target.device.removePeer(settings.publicKey());
                target.device.addPeer(now, settings);
            }
            default -> target.device.setEndpoint(settings.publicKey(), from);
        }
        drain(target, targetOutbox, targetDelivered);
    }

    // ---- packets ----

    /** An IP packet the input shapes: raw bytes, or IPv4/IPv6 between the pair's or other addresses. */
    byte[] packet() {
        int kind = data.consumeInt(0, 5);
        int size = data.consumeInt(0, 300);
        byte[] raw = kind == 0 ? data.consumeBytes(size) : new byte[0];
        String self = target == pair.alice ? "1" : "2";
        String other = target == pair.alice ? "2" : "1";
        return switch (kind) {
            case 0 -> raw;
            case 1 -> TestPackets.ipv4("10.0.0." + self, "10.0.0." + other, size);
            case 2 -> TestPackets.ipv6("fd00::" + self, "fd00::" + other, size);
            case 3 -> TestPackets.ipv4("10.0.0." + self, "10.9.9.9", size);
            case 4 -> TestPackets.ipv4("192.0.2.1", "10.0.0." + other, size);
            default -> TestPackets.ipv6("fd00::" + self, "fd00::" + other, size + 1400);
        };
    }

    /** A packet from the peer's tunnel address (or, if not {@code allowed}, from one it may not use) to the target's. */
    private byte[] peerPacket(int size, boolean allowed) {
        String self = target == pair.alice ? "1" : "2";
        String other = target == pair.alice ? "2" : "1";
        return allowed ? TestPackets.ipv4("10.0.0." + other, "10.0.0." + self, size)
                : TestPackets.ipv4("10.0.0." + self, "10.0.0." + self, size);
    }

    // ---- checked inputs ----

    /** What one datagram did. */
    record Outcome(DropReason dropped, boolean authenticated, List<DeviceEvent> events) {}

    /** Gives {@code to} one datagram and checks the contract described on the class. */
    Outcome deliver(DeviceHarness to, InetSocketAddress source, byte[] bytes) {
        DeviceHarness other = to == pair.alice ? pair.bob : pair.alice;
        List<DeviceHarness.Sent> outbox = to == target ? targetOutbox : peerOutbox;
        List<byte[]> delivered = to == target ? targetDelivered : peerDelivered;
        pool.add(bytes.clone());

        Peer before = to.device.peers.get(other.publicKey());
        long rxBefore = before == null ? 0 : before.rxBytes;
        InetSocketAddress endpointBefore = before == null ? null : before.endpoint;
        int eventsBefore = to.events.size();
        int outboxBefore = outbox.size();
        int deliveredBefore = delivered.size();

        to.device.receiveDatagram(now, source, bytes, bytes.length);
        drain(to, outbox, delivered);

        List<DeviceEvent> events = List.copyOf(to.events.subList(eventsBefore, to.events.size()));
        List<DeviceEvent.Dropped> drops = events.stream().filter(DeviceEvent.Dropped.class::isInstance)
                .map(DeviceEvent.Dropped.class::cast).toList();
        List<DeviceHarness.Sent> sent = List.copyOf(outbox.subList(outboxBefore, outbox.size()));
        List<byte[]> packets = List.copyOf(delivered.subList(deliveredBefore, delivered.size()));
        Peer after = to.device.peers.get(other.publicKey());
        boolean authenticated = after != null && after == before && after.rxBytes > rxBefore;
        String what = describe(bytes) + " from " + source + " -> " + events;

        assertTrue(drops.size() <= 1, "one datagram, more than one drop: " + what);
        for (DeviceHarness.Sent s : sent) {
            assertNotNull(s.to(), "a datagram sent nowhere: " + what);
            assertInstanceOf(MessageCodec.Decoded.Ok.class, MessageCodec.decode(s.datagram()),
                    "the device sent something that is not a message: " + what);
        }
        for (byte[] p : packets) {
            InnerPacket inner = InnerPacket.parse(p);
            assertNotNull(inner, "delivered a non-IP packet: " + what);
            assertEquals(p.length, inner.length(), "delivered with padding: " + what);
            assertTrue(isTunnelAddressOf(other, inner.source()), "delivered a packet from a source "
                    + IpAddresses.format(inner.sourceAddress()) + " the peer may not use: " + what);
        }

        DropReason reason = drops.isEmpty() ? null : drops.get(0).reason();
        if (reason == null) {
            boolean cookie = events.stream().anyMatch(DeviceEvent.CookieReceived.class::isInstance);
            assertTrue(authenticated || cookie, "accepted without an authenticated effect: " + what);
            record(to, "accepted " + kindOf(bytes));
        } else if (AFTER_AUTHENTICATION.contains(reason)) {
            assertTrue(authenticated, reason + " without authentication: " + what);
            assertTrue(packets.isEmpty(), "delivered and dropped: " + what);
            record(to, "accepted " + kindOf(bytes) + ", dropped " + reason);
        } else {
            assertFalse(authenticated, "dropped as " + reason + " yet counted as received: " + what);
            if (after != null && after == before) {
                assertEquals(endpointBefore, after.endpoint, "dropped as " + reason + " yet roamed: " + what);
            }
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
        return new Outcome(reason, authenticated, events);
    }

    /** Gives {@code from} one outbound packet and checks it is routed or dropped for the right reason. */
    void send(DeviceHarness side, byte[] packet) {
        DeviceHarness other = side == pair.alice ? pair.bob : pair.alice;
        List<DeviceHarness.Sent> outbox = side == target ? targetOutbox : peerOutbox;
        int eventsBefore = side.events.size();
        int outboxBefore = outbox.size();
        side.device.sendPacket(now, packet, packet.length);
        drain(side, outbox, side == target ? targetDelivered : peerDelivered);
        List<DeviceEvent.Dropped> drops = side.events.subList(eventsBefore, side.events.size()).stream()
                .filter(DeviceEvent.Dropped.class::isInstance).map(DeviceEvent.Dropped.class::cast).toList();
        List<DeviceHarness.Sent> sent = List.copyOf(outbox.subList(outboxBefore, outbox.size()));
        String what = packet.length + "-byte packet " + describe(packet) + " -> " + drops;

        InnerPacket inner = InnerPacket.parse(packet);
        if (inner == null) {
            assertEquals(List.of(DropReason.BAD_OUTBOUND_PACKET), reasons(drops), what);
            assertTrue(sent.isEmpty(), what);
            record(side, "outbound dropped BAD_OUTBOUND_PACKET");
            return;
        }
        if (!isTunnelAddressOf(other, inner.destination())) {
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
        if (last != null) {
            int padded = Padding.paddedLength(inner.length(), side.device.settings.mtu());
            assertEquals(padded + Protocol.TAG_LENGTH, last.sealedLength(), "sealed at its padded length: " + what);
            record(side, "outbound sealed");
        } else {
            record(side, "outbound staged");
        }
    }

    private static List<DropReason> reasons(List<DeviceEvent.Dropped> drops) {
        return drops.stream().map(DeviceEvent.Dropped::reason).toList();
    }

    private static final List<byte[]> ALICE_ADDRESSES = List.of(IpAddresses.parse("10.0.0.1").getAddress(),
            IpAddresses.parse("fd00::1").getAddress());
    private static final List<byte[]> BOB_ADDRESSES = List.of(IpAddresses.parse("10.0.0.2").getAddress(),
            IpAddresses.parse("fd00::2").getAddress());

    /**
     * Whether the 4 or 16 address bytes are one of {@code side}'s tunnel addresses: its allowed IPs at
     * the other end, written out here rather than asked of the code under test.
     */
    boolean isTunnelAddressOf(DeviceHarness side, byte[] address) {
        for (byte[] a : side == pair.alice ? ALICE_ADDRESSES : BOB_ADDRESSES) {
            if (Arrays.equals(a, address)) {
                return true;
            }
        }
        return false;
    }

    /** The drop counters of the status agree with the Dropped events. */
    void checkCounters(DeviceHarness side) {
        long events = side.eventsOf(DeviceEvent.Dropped.class).size();
        long counted = side.device.status().drops().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(events, counted, "drop counters against Dropped events");
    }

    private void record(DeviceHarness to, String outcome) {
        if (recording) {
            outcomes.add((to == target ? "" : "peer ") + outcome);
        }
    }

    private void drainBoth() {
        drain(target, targetOutbox, targetDelivered);
        drain(peer, peerOutbox, peerDelivered);
    }

    /** Moves what a device produced from its harness into this pair's outboxes; fills the pool. */
    private void drain(DeviceHarness h, List<DeviceHarness.Sent> outbox, List<byte[]> delivered) {
        while (h.pendingSent() > 0) {
            DeviceHarness.Sent s = h.takeSent();
            outbox.add(s);
            pool.add(s.datagram().clone());
        }
        while (h.pendingDelivered() > 0) {
            delivered.add(h.takeDelivered().packet());
        }
    }

    private static PrivateKey privateKeyOf(DeviceHarness h) {
        return h.device.privateKey;
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

    private static int readIntLE(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void writeLE(byte[] b, int off, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            b[off + i] = (byte) (value >>> (8 * i));
        }
    }
}
