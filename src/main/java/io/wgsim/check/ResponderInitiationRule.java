package io.wgsim.check;

import io.wgsim.check.Observation.InitiationSeen;
import io.wgsim.check.Observation.ResponseSeen;
import io.wgsim.check.Observation.TransportSeen;
import io.wgsim.protocol.wire.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * responder-initiation: the responder of a fresh session starts a handshake that no timer allows. Only
 * the initiator of a keypair rekeys on time (whitepaper 6.2; kernel keep_key_fresh and wireguard-go's
 * keepKeyFreshSending check the keypair's initiator flag). Peer B's initiation to A is flagged when
 * <ol>
 *   <li>the newest session between A and B is S, and B is its responder;</li>
 *   <li>B has sent on S, so it holds S as its current keypair (a responder sends only after the
 *       initiator's first message confirmed S, and that confirmation stops B's own handshake retries);</li>
 *   <li>S is younger than REJECT_AFTER_TIME (180 s) minus the slack: past it, B must initiate to send;</li>
 *   <li>B sent no data on S at least NEW_HANDSHAKE_AFTER (15 s) minus the slack before: such data
 *       may have gone unanswered, which makes B initiate (whitepaper 6.4);</li>
 *   <li>B sends on S again after the initiation, which proves it still held S: a peer that restarted
 *       (and so lost S) may initiate at any time, and the capture cannot show a restart otherwise.</li>
 * </ol>
 */
final class ResponderInitiationRule implements Rule {
    private static final long NONE = Long.MIN_VALUE;

    private final long freshFor;
    private final long unanswered;
    private final Map<Conversation, Session> newest = new HashMap<>();
    private final Map<Session, Trace> traces = new HashMap<>();
    private final List<Candidate> candidates = new ArrayList<>();

    /** What the responder of a session sent on it. */
    private static final class Trace {
        long firstSend = NONE;
        long firstData = NONE;
        long lastSend = NONE;
    }

    private record Candidate(Packet packet, InitiationSeen initiation, Session session, Trace trace) {}

    ResponderInitiationRule(long slackNanos) {
        this.freshFor = Protocol.REJECT_AFTER_TIME.toNanos() - slackNanos;
        this.unanswered = Protocol.NEW_HANDSHAKE_AFTER.toNanos() - slackNanos;
    }

    @Override public RuleId id() {
        return RuleId.RESPONDER_INITIATION;
    }

    @Override public void observe(Observation o, Findings f) {
        if (o instanceof ResponseSeen r && !r.copy()) {
            newest.put(Conversation.of(r.session().initiator, r.session().responder), r.session());
        } else if (o instanceof TransportSeen t && !t.copy() && t.session().fromHandshake && !t.towardsResponder()) {
            Trace trace = traces.computeIfAbsent(t.session(), s -> new Trace());
            long now = o.packet().time();
            if (trace.firstSend == NONE) {
                trace.firstSend = now;
            }
            if (!t.keepalive() && trace.firstData == NONE) {
                trace.firstData = now;
            }
            trace.lastSend = now;
        } else if (o instanceof InitiationSeen i && !i.copy()) {
            judge(i);
        }
    }

    private void judge(InitiationSeen i) {
        Session s = newest.get(Conversation.of(i.initiator(), i.responder()));
        if (s == null || !s.responder.equals(i.initiator())) {
            return;
        }
        Trace trace = traces.get(s);
        long now = i.packet().time();
        if (trace == null || trace.firstSend == NONE || now - s.bornAt >= freshFor) {
            return;
        }
        if (trace.firstData != NONE && now - trace.firstData >= unanswered) {
            return;
        }
        candidates.add(new Candidate(i.packet(), i, s, trace));
    }

    @Override public void finish(Findings f) {
        for (Candidate c : candidates) {
            if (c.trace().lastSend > c.packet().time()) {
                f.add(id(), c.packet(), "initiation from " + c.initiation().initiator().label() + ", the responder of "
                        + c.session().describe(c.session().responderIndex) + " made " + Seconds.of(c.packet().time()
                        - c.session().bornAt) + " before (frame " + c.session().bornFrame + "), which it goes on using;"
                        + " no data of its own was waiting 15 s for an answer");
            }
        }
    }
}
