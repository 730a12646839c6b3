package io.wgsim.protocol;

import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.crypto.Tai64n;
import io.wgsim.net.Cidr;
import io.wgsim.protocol.allowedips.AllowedIps;
import io.wgsim.protocol.ratelimit.RateLimiter;
import io.wgsim.protocol.wire.CookieReply;
import io.wgsim.protocol.wire.DropReason;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Message;
import io.wgsim.protocol.wire.MessageCodec;
import io.wgsim.protocol.wire.Response;
import io.wgsim.protocol.wire.MessageType;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * One WireGuard interface, sans-IO: no sockets, no clock, no threads. Every input carries the driver's
 * time in nanoseconds ({@code now}); every output goes to the {@link DeviceSink}. Drivers call
 * {@link #tick} at {@link #nextDeadline()}. The same object runs in the simulator's virtual time and
 * behind a real UDP socket.
 *
 * <p>Not thread-safe: a driver calls it from one thread.
 */
public final class Device {
    final DeviceSettings settings;
    final PrivateKey privateKey;
    final PublicKey publicKey;
    final Entropy entropy;
    final DeviceSink sink;
    final TimestampSource timestamps;

    /** Peers by key for lookups, and in insertion order for status (LinkedHashMap iterates in insertion order). */
    final Map<PublicKey, Peer> peers = new LinkedHashMap<>();
    final AllowedIps<Peer> allowedIps = new AllowedIps<>();
    final IndexTable indices;
    final CookieChecker cookieChecker;
    final RateLimiter rateLimiter = new RateLimiter();
    /** H after mixing our own static key: where every initiation to us starts. */
    final byte[] hashForLocal;
    final Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);

    private final Inbound inbound;
    final Outbound outbound;
    private final PriorityQueue<Scheduled> deadlines = new PriorityQueue<>();
    private long scheduleSequence;
    private long peerOrdinal;

    // Load tracking: handshake messages counted in one-second windows.
    private long loadWindowStart = Long.MIN_VALUE;
    private int loadWindowCount;
    private long underLoadUntil = Long.MIN_VALUE;

    public Device(DeviceSettings settings, Entropy entropy, DeviceSink sink) {
        this.settings = settings;
        this.privateKey = settings.privateKey();
        this.publicKey = privateKey.publicKey();
        this.entropy = entropy;
        this.sink = sink;
        this.timestamps = settings.timestamps() != null ? settings.timestamps()
                : now -> Tai64n.whitened(settings.epochNanos() + now);
        this.indices = new IndexTable(entropy);
        this.cookieChecker = new CookieChecker(publicKey, entropy);
        this.hashForLocal = Handshake.hashForResponder(publicKey);
        this.inbound = new Inbound(this);
        this.outbound = new Outbound(this);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public DeviceSettings settings() {
        return settings;
    }

    // ---- configuration ----

    /**
     * Adds a peer, or updates it when its key is known (allowed IPs replaced, endpoint, PSK and
     * keepalive set). A peer with our own public key is refused. With a persistent keepalive and an
     * endpoint, a handshake starts right away, as wg(8) does when such a peer is configured.
     */
    public void addPeer(long now, PeerSettings ps) {
        if (ps.publicKey().equals(publicKey)) {
            throw new IllegalArgumentException("peer " + ps.publicKey() + " has the interface's own public key");
        }
        Peer peer = peers.get(ps.publicKey());
        if (peer == null) {
            Handshake hs = new Handshake(privateKey, ps.publicKey(), ps.presharedKey());
            peer = new Peer(ps.publicKey(), peerOrdinal++, hs, outbound, entropy, ps);
            peers.put(ps.publicKey(), peer);
        } else {
            peer.presharedKey = ps.presharedKey();
            peer.handshake.setPresharedKey(ps.presharedKey());
            if (ps.endpoint() != null) {
                peer.endpoint = ps.endpoint();
            }
            peer.timers.setPersistentKeepalive(ps.persistentKeepalive().toNanos());
            allowedIps.removeByValue(peer);
        }
        for (Cidr cidr : ps.allowedIps()) {
            allowedIps.insert(cidr, peer);
        }
        if (peer.timers.persistentKeepaliveInterval() > 0 && peer.endpoint != null) {
            outbound.sendKeepalive(now, peer);
        }
        reschedule(peer);
    }

    /** Removes a peer: its allowed IPs, keypairs, indices and queued packets go with it. */
    public void removePeer(PublicKey key) {
        Peer peer = peers.remove(key);
        if (peer == null) {
            return;
        }
        peer.removed = true;
        allowedIps.removeByValue(peer);
        peer.timers.stop();
        indices.releaseHandshake(peer.handshake.localIndex, peer);
        for (Keypair kp : peer.keypairs.clear()) {
            indices.releaseKeypair(kp);
        }
        peer.handshake.wipe();
        peer.staged.clear();
    }

    /** Sets a peer's endpoint by hand (like {@code wg set ... endpoint}). */
    public void setEndpoint(PublicKey key, InetSocketAddress endpoint) {
        Peer peer = requirePeer(key);
        peer.endpoint = endpoint;
    }

    /** Starts a handshake with the peer now, as if its keys were due (subject to the REKEY_TIMEOUT limit). */
    public void initiateHandshake(long now, PublicKey key) {
        Peer peer = requirePeer(key);
        outbound.sendInitiation(now, peer, false);
        reschedule(peer);
    }

    /** Sends a keepalive to the peer now (starting a handshake first if there is no session). */
    public void sendKeepalive(long now, PublicKey key) {
        Peer peer = requirePeer(key);
        outbound.sendKeepalive(now, peer);
        reschedule(peer);
    }

    /**
     * Moves the send counter of the peer's current keypair to {@code counter}, so a simulation can
     * check REKEY_AFTER_MESSAGES and REJECT_AFTER_MESSAGES without sending 2^60 messages. Returns false
     * when the peer has no current keypair. Never used by a driver talking to the real world.
     */
    public boolean setSendCounter(PublicKey key, long counter) {
        Keypair kp = requirePeer(key).keypairs.current;
        if (kp == null) {
            return false;
        }
        kp.sendCounter = counter;
        return true;
    }

    public List<PublicKey> peerKeys() {
        return List.copyOf(peers.keySet());
    }

    // ---- the three inputs ----

    /**
     * A UDP payload arrived from {@code from}. Never throws on bad input: it is dropped with a reason.
     * The device reads {@code datagram} only during this call and never writes to it, so a driver may
     * keep it (the simulator records and duplicates datagrams in flight); transport data is therefore
     * opened into a buffer of the device's.
     */
    public void receiveDatagram(long now, InetSocketAddress from, byte[] datagram, int length) {
        receive(now, from, datagram, length, false);
    }

    /**
     * {@link #receiveDatagram(long, InetSocketAddress, byte[], int)} for a driver that is done with
     * {@code buffer[0..length)} when this returns, such as a socket loop reading every datagram into
     * one buffer. The device may overwrite those bytes: transport data is decrypted where it lies,
     * which spares a copy of every packet (docs/benchmarks.md).
     */
    public void receiveDatagramInPlace(long now, InetSocketAddress from, byte[] buffer, int length) {
        receive(now, from, buffer, length, true);
    }

    private void receive(long now, InetSocketAddress from, byte[] datagram, int length, boolean mayOverwrite) {
        DropReason malformed = MessageCodec.refusal(datagram, length);
        if (malformed != null) {
            drop(now, null, malformed, from);
            return;
        }
        Peer touched;
        if (datagram[0] == MessageType.TRANSPORT.wireValue()) {
            touched = inbound.transport(now, from, datagram, length, mayOverwrite);
        } else {
            Message message = ((MessageCodec.Decoded.Ok) MessageCodec.decodeInPlace(datagram, length)).message();
            if (message instanceof Initiation m) {
                touched = inbound.initiation(now, from, m);
            } else if (message instanceof Response m) {
                touched = inbound.response(now, from, m);
            } else {
                touched = inbound.cookieReply(now, from, (CookieReply) message);
            }
        }
        if (touched != null) {
            reschedule(touched);
        }
    }

    public void receiveDatagram(long now, InetSocketAddress from, byte[] datagram) {
        receiveDatagram(now, from, datagram, datagram.length);
    }

    /** An IP packet to send into the tunnel; the destination picks the peer (cryptokey routing). */
    public void sendPacket(long now, byte[] packet, int length) {
        Peer peer = outbound.packet(now, packet, length);
        if (peer != null) {
            reschedule(peer);
        }
    }

    public void sendPacket(long now, byte[] packet) {
        sendPacket(now, packet, packet.length);
    }

    /** Runs every timer that is due at {@code now}. */
    public void tick(long now) {
        while (!deadlines.isEmpty() && deadlines.peek().at <= now) {
            Scheduled s = deadlines.poll();
            Peer peer = s.peer;
            if (peer.removed || s.at != peer.scheduledAt) {
                continue; // superseded by an earlier entry, or the peer is gone
            }
            peer.scheduledAt = Timers.NONE;
            peer.timers.fire(now);
            reschedule(peer);
        }
    }

    /**
     * The earliest time {@link #tick} has work, or {@link Long#MAX_VALUE} when none. It may be early
     * (a timer that moved later): an early tick does nothing and the deadline moves on.
     */
    public long nextDeadline() {
        while (!deadlines.isEmpty()) {
            Scheduled top = deadlines.peek();
            if (!top.peer.removed && top.at == top.peer.scheduledAt) {
                return top.at;
            }
            deadlines.poll();
        }
        return Timers.NONE;
    }

    // ---- status ----

    public DeviceStatus status() {
        List<PeerStatus> list = new ArrayList<>(peers.size());
        for (Peer p : peers.values()) {
            list.add(peerStatus(p));
        }
        return new DeviceStatus(publicKey, settings.listenPort(), List.copyOf(list), Map.copyOf(drops));
    }

    public PeerStatus peerStatus(PublicKey key) {
        return peerStatus(requirePeer(key));
    }

    private PeerStatus peerStatus(Peer p) {
        long latest = p.lastHandshakeAt == Long.MIN_VALUE ? 0
                : Math.floorDiv(settings.epochNanos() + p.lastHandshakeAt, 1_000_000_000L);
        return new PeerStatus(p.publicKey, !p.presharedKey.isNone(), p.endpoint, allowedIps.prefixesOf(p), latest,
                p.rxBytes, p.txBytes, (int) (p.timers.persistentKeepaliveInterval() / 1_000_000_000L),
                p.handshakesInitiated, p.sessionsStarted, p.endpointChanges, Map.copyOf(p.drops));
    }

    // ---- shared by the send and receive paths ----

    void drop(long now, Peer peer, DropReason reason, InetSocketAddress from) {
        drops.merge(reason, 1L, Long::sum);
        if (peer != null) {
            peer.countDrop(reason);
        }
        sink.event(new DeviceEvent.Dropped(now, peer == null ? null : peer.publicKey, reason, from));
    }

    /**
     * Counts a handshake message toward load and says whether the device is under load: at or above
     * the threshold within the current second, and for one second after.
     */
    boolean underLoad(long now) {
        int threshold = settings.underLoadThreshold();
        if (threshold == 0) {
            return true;
        }
        long second = io.wgsim.protocol.wire.Protocol.UNDER_LOAD_HOLD.toNanos();
        if (loadWindowStart == Long.MIN_VALUE || now - loadWindowStart >= second) {
            loadWindowStart = now;
            loadWindowCount = 0;
        }
        if (++loadWindowCount >= threshold) {
            underLoadUntil = now + second;
        }
        return underLoadUntil != Long.MIN_VALUE && now < underLoadUntil;
    }

    /** A fresh clamped ephemeral private key from the device's entropy. */
    byte[] newEphemeral() {
        byte[] key = new byte[io.wgsim.crypto.X25519.KEY_LENGTH];
        entropy.nextBytes(key);
        return io.wgsim.crypto.X25519.clamp(key);
    }

    /** Keeps the peer's entry in the deadline queue no later than its earliest timer. */
    void reschedule(Peer peer) {
        if (peer.removed) {
            return;
        }
        long next = peer.timers.nextDeadline();
        if (next < peer.scheduledAt) {
            peer.scheduledAt = next;
            deadlines.add(new Scheduled(next, scheduleSequence++, peer));
        }
    }

    private Peer requirePeer(PublicKey key) {
        Peer peer = peers.get(key);
        if (peer == null) {
            throw new IllegalArgumentException("no peer with public key " + key);
        }
        return peer;
    }

    /** A deadline-queue entry, ordered by time then by insertion so ties resolve the same way every run. */
    private record Scheduled(long at, long sequence, Peer peer) implements Comparable<Scheduled> {
        @Override public int compareTo(Scheduled o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }
}
