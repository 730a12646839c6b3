package io.wgsim.protocol;

import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.protocol.wire.DropReason;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;

/** Everything a device keeps about one peer. Plain state; the device's send and receive paths act on it. */
final class Peer {
    final PublicKey publicKey;
    /** Order in which peers were added; breaks deadline ties deterministically. */
    final long ordinal;
    final Handshake handshake;
    final CookieGenerator cookies;
    final Keypairs keypairs = new Keypairs();
    final Timers timers;
    final ArrayDeque<byte[]> staged = new ArrayDeque<>();

    PresharedKey presharedKey;
    InetSocketAddress endpoint;
    boolean removed;

    /** When we last sent an initiation; initiations go out at most once per REKEY_TIMEOUT. */
    long lastInitiationSentAt = Long.MIN_VALUE;
    /** When the last handshake completed, in driver time; Long.MIN_VALUE if never. */
    long lastHandshakeAt = Long.MIN_VALUE;
    /** The deadline of this peer's live entry in the device's timer queue. */
    long scheduledAt = Timers.NONE;

    long rxBytes;
    long txBytes;
    long handshakesInitiated;
    long sessionsStarted;
    long endpointChanges;
    final Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);

    Peer(PublicKey publicKey, long ordinal, Handshake handshake, Outbound outbound,
         io.wgsim.crypto.Entropy entropy, PeerSettings settings) {
        this.publicKey = publicKey;
        this.ordinal = ordinal;
        this.handshake = handshake;
        this.cookies = new CookieGenerator(publicKey);
        this.timers = new Timers(entropy, outbound.actionsFor(this), settings.persistentKeepalive().toNanos());
        this.presharedKey = settings.presharedKey();
        this.endpoint = settings.endpoint();
    }

    void countDrop(DropReason reason) {
        drops.merge(reason, 1L, Long::sum);
    }
}
