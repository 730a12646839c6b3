package io.wgsim.check;

import io.wgsim.crypto.PublicKey;
import io.wgsim.protocol.wire.CookieReply;
import io.wgsim.protocol.wire.DropReason;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Response;
import io.wgsim.protocol.wire.TransportData;

/**
 * One datagram of a WireGuard flow, with what the tracker learnt about it, in capture order. A
 * {@code copy} is a datagram whose bytes the capture already held for the same message (duplicated by
 * the network, or captured twice): stateless rules judge it, stateful rules take the first sighting.
 */
sealed interface Observation {
    Packet packet();

    /** A datagram that is not a well-formed WireGuard message. */
    record Malformed(Packet packet, DropReason reason, int type, int length, String reserved) implements Observation {}

    /**
     * A handshake message's mac1 verdict.
     *
     * @param owner the known public key it authenticates under, or null
     * @param judged whether its recipient's key is known, so that no match is a violation
     */
    record Mac1(PublicKey owner, boolean judged) {
        boolean invalid() {
            return owner == null && judged;
        }
    }

    record InitiationSeen(Packet packet, Initiation message, Party initiator, Party responder, Mac1 mac1,
                          boolean copy) implements Observation {
        Party.Pair pair() {
            return new Party.Pair(initiator, responder);
        }
    }

    /** A response; {@code session} is the session it created (null for a copy). */
    record ResponseSeen(Packet packet, Response message, Session session, Mac1 mac1, boolean copy)
            implements Observation {}

    record CookieSeen(Packet packet, CookieReply message, boolean copy) implements Observation {}

    /**
     * A transport message on a session.
     *
     * @param towardsResponder its direction: from the session's initiator to its responder, or back
     * @param counter what the session had seen of its counter before
     * @param firstFromSender whether it is the first message its sender sent on this session
     * @param plaintext the decrypted packet (padding included; empty for a keepalive), or null when the
     *        session's keys are unknown or the message did not authenticate
     */
    record TransportSeen(Packet packet, TransportData message, Session session, boolean towardsResponder,
                         CounterHistory.Status counter, boolean firstFromSender, byte[] plaintext)
            implements Observation {
        boolean copy() {
            return counter.sameBytes();
        }

        Party sender() {
            return session.sender(towardsResponder);
        }

        Party receiver() {
            return session.receiver(towardsResponder);
        }

        Party.Pair pair() {
            return new Party.Pair(sender(), receiver());
        }

        boolean keepalive() {
            return message.isKeepalive();
        }
    }
}
