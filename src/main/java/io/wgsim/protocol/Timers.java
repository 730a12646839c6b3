package io.wgsim.protocol;

import io.wgsim.crypto.Entropy;
import io.wgsim.protocol.wire.Protocol;

/**
 * The five per-peer timers of WireGuard (whitepaper 6; kernel timers.c), as deadlines in the driver's
 * nanoseconds. Send and receive code calls the eight hooks named for what just happened; only this
 * class arms or clears a deadline. Each timer is named for what it does when it fires:
 * <ul>
 *   <li>retransmitHandshake: an initiation went unanswered for REKEY_TIMEOUT (+ jitter): send another,
 *       or give up after MAX_TIMER_HANDSHAKES retries and zero the keys 3 x REJECT_AFTER_TIME later;</li>
 *   <li>sendKeepalive: data came in KEEPALIVE_TIMEOUT ago and we sent nothing back: a keepalive;</li>
 *   <li>newHandshake: we sent data KEEPALIVE_TIMEOUT + REKEY_TIMEOUT ago and heard nothing: rehandshake;</li>
 *   <li>zeroKeyMaterial: 3 x REJECT_AFTER_TIME after the last session was derived: forget all keys;</li>
 *   <li>persistentKeepalive: the configured interval of outbound silence passed: a keepalive.</li>
 * </ul>
 */
final class Timers {
    static final long NONE = Long.MAX_VALUE;

    /** What the timers make the peer do; implemented by the device for each peer. */
    interface Actions {
        void sendInitiation(long now, boolean retry);

        void giveUpHandshake(long now, int attempts);

        void sendKeepalive(long now);

        void zeroKeyMaterial(long now);
    }

    private final Entropy entropy;
    private final Actions actions;
    private long persistentKeepaliveInterval;

    private long retransmitHandshakeAt = NONE;
    private long sendKeepaliveAt = NONE;
    private long newHandshakeAt = NONE;
    private long zeroKeyMaterialAt = NONE;
    private long persistentKeepaliveAt = NONE;

    int handshakeAttempts;
    private boolean needAnotherKeepalive;
    boolean sentLastMinuteHandshake;

    Timers(Entropy entropy, Actions actions, long persistentKeepaliveNanos) {
        this.entropy = entropy;
        this.actions = actions;
        this.persistentKeepaliveInterval = persistentKeepaliveNanos;
    }

    void setPersistentKeepalive(long intervalNanos) {
        persistentKeepaliveInterval = intervalNanos;
        if (intervalNanos == 0) {
            persistentKeepaliveAt = NONE;
        }
    }

    long persistentKeepaliveInterval() {
        return persistentKeepaliveInterval;
    }

    // ---- hooks ----

    /** Call after sending a transport message that carried data (not a keepalive). */
    void dataSent(long now) {
        if (newHandshakeAt == NONE) {
            newHandshakeAt = now + Protocol.NEW_HANDSHAKE_AFTER.toNanos() + jitter();
        }
    }

    /** Call after receiving a transport message that carried data. */
    void dataReceived(long now) {
        if (sendKeepaliveAt == NONE) {
            sendKeepaliveAt = now + Protocol.KEEPALIVE_TIMEOUT.toNanos();
        } else {
            needAnotherKeepalive = true;
        }
    }

    /** Call after sending any authenticated message (handshake, data or keepalive). */
    void anyAuthenticatedPacketSent(long now) {
        sendKeepaliveAt = NONE;
    }

    /** Call after receiving any authenticated message. */
    void anyAuthenticatedPacketReceived(long now) {
        newHandshakeAt = NONE;
    }

    /** Call after sending or receiving any authenticated message. */
    void anyAuthenticatedPacketTraversal(long now) {
        if (persistentKeepaliveInterval > 0) {
            persistentKeepaliveAt = now + persistentKeepaliveInterval;
        }
    }

    /** Call after sending an initiation. */
    void handshakeInitiated(long now) {
        retransmitHandshakeAt = now + Protocol.REKEY_TIMEOUT.toNanos() + jitter();
    }

    /** Call when a handshake completes: a response consumed, or a responder's keypair confirmed. */
    void handshakeComplete(long now) {
        retransmitHandshakeAt = NONE;
        handshakeAttempts = 0;
        sentLastMinuteHandshake = false;
    }

    /** Call when a new keypair is derived (either role). */
    void sessionDerived(long now) {
        zeroKeyMaterialAt = now + Protocol.ZERO_KEYS_AFTER.toNanos();
    }

    /** Stops every timer (peer removed or interface down). */
    void stop() {
        retransmitHandshakeAt = NONE;
        sendKeepaliveAt = NONE;
        newHandshakeAt = NONE;
        zeroKeyMaterialAt = NONE;
        persistentKeepaliveAt = NONE;
        needAnotherKeepalive = false;
    }

    // ---- expiry ----

    long nextDeadline() {
        return Math.min(Math.min(Math.min(retransmitHandshakeAt, sendKeepaliveAt), Math.min(newHandshakeAt, zeroKeyMaterialAt)),
                persistentKeepaliveAt);
    }

    /** Runs every timer due at {@code now}, in a fixed order so that runs are reproducible. */
    void fire(long now) {
        if (retransmitHandshakeAt <= now) {
            retransmitHandshakeAt = NONE;
            retransmitHandshake(now);
        }
        if (sendKeepaliveAt <= now) {
            sendKeepaliveAt = NONE;
            actions.sendKeepalive(now);
            if (needAnotherKeepalive) {
                needAnotherKeepalive = false;
                sendKeepaliveAt = now + Protocol.KEEPALIVE_TIMEOUT.toNanos();
            }
        }
        if (newHandshakeAt <= now) {
            newHandshakeAt = NONE;
            actions.sendInitiation(now, false);
        }
        if (zeroKeyMaterialAt <= now) {
            zeroKeyMaterialAt = NONE;
            actions.zeroKeyMaterial(now);
        }
        if (persistentKeepaliveAt <= now) {
            persistentKeepaliveAt = NONE;
            if (persistentKeepaliveInterval > 0) {
                actions.sendKeepalive(now);
            }
        }
    }

    private void retransmitHandshake(long now) {
        if (handshakeAttempts > Protocol.MAX_TIMER_HANDSHAKES) {
            sendKeepaliveAt = NONE;
            actions.giveUpHandshake(now, handshakeAttempts + 1);
            if (zeroKeyMaterialAt == NONE) {
                zeroKeyMaterialAt = now + Protocol.ZERO_KEYS_AFTER.toNanos();
            }
        } else {
            handshakeAttempts++;
            actions.sendInitiation(now, true);
        }
    }

    private long jitter() {
        return entropy.nextLong(Protocol.REKEY_TIMEOUT_JITTER_MAX.toNanos());
    }

    // Deadlines, for tests and status.
    long retransmitHandshakeAt() { return retransmitHandshakeAt; }
    long sendKeepaliveAt() { return sendKeepaliveAt; }
    long newHandshakeAt() { return newHandshakeAt; }
    long zeroKeyMaterialAt() { return zeroKeyMaterialAt; }
    long persistentKeepaliveAt() { return persistentKeepaliveAt; }
}
