package io.wgsim.check;

import io.wgsim.check.Observation.InitiationSeen;
import io.wgsim.check.Observation.ResponseSeen;
import io.wgsim.protocol.wire.Protocol;
import java.util.HashMap;
import java.util.Map;

/**
 * rekey-timeout: a retransmitted initiation less than REKEY_TIMEOUT (5 s) minus the slack after the
 * previous initiation from the same initiator to the same responder, whose handshake did not complete
 * (no response, or a response after which the initiator sent nothing on the new session). An
 * initiation is sent at most once per REKEY_TIMEOUT per peer (kernel send.c checks last_sent_handshake,
 * wireguard-go's SendHandshakeInitiation lastSentHandshake; retries come after REKEY_TIMEOUT plus
 * jitter). Copies of one initiation are one initiation; initiations in opposite directions
 * (simultaneous initiation) belong to two peers and are not compared. A new initiation soon after a
 * handshake that completed is not a retransmission and is left alone: a peer that restarts does that. A
 * response in the capture is not enough to call a handshake complete, since it may have been lost after
 * the capture point: the initiator's first message on the new session is.
 */
final class RekeyTimeoutRule implements Rule {
    private final long limit;
    private final Map<Party.Pair, Last> last = new HashMap<>();
    private final Map<Integer, Party.Pair> pairBySender = new HashMap<>();
    private final Map<Session, Last> bySession = new HashMap<>();

    /** The latest initiation of a pair, and whether its handshake completed. */
    private static final class Last {
        final Packet packet;
        final int sender;
        boolean answered;

        Last(Packet packet, int sender) {
            this.packet = packet;
            this.sender = sender;
        }
    }

    RekeyTimeoutRule(long slackNanos) {
        this.limit = Protocol.REKEY_TIMEOUT.toNanos() - slackNanos;
    }

    @Override public RuleId id() {
        return RuleId.REKEY_TIMEOUT;
    }

    @Override public void observe(Observation o, Findings f) {
        if (o instanceof ResponseSeen r && !r.copy()) {
            Party.Pair pair = pairBySender.get(r.message().receiver());
            Last l = pair == null ? null : last.get(pair);
            if (l != null && l.sender == r.message().receiver()) {
                bySession.put(r.session(), l);
            }
            return;
        }
        if (o instanceof Observation.TransportSeen t && t.towardsResponder() && !t.copy()) {
            Last l = bySession.remove(t.session());
            if (l != null) {
                l.answered = true; // the initiator uses the session: its handshake completed
            }
            return;
        }
        if (!(o instanceof InitiationSeen i) || i.copy()) {
            return;
        }
        Last previous = last.put(i.pair(), new Last(o.packet(), i.message().sender()));
        pairBySender.put(i.message().sender(), i.pair());
        if (previous != null && !previous.answered && o.packet().time() - previous.packet.time() < limit) {
            f.add(id(), o.packet(), "initiation from " + i.initiator().label() + " to " + i.responder().label() + " "
                    + Seconds.of(o.packet().time() - previous.packet.time()) + " after the one before it, whose handshake did not complete (frame "
                    + previous.packet.frame() + "); REKEY_TIMEOUT is 5 s");
        }
    }
}
