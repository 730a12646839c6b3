package io.wgsim.check;

import io.wgsim.check.Observation.InitiationSeen;
import io.wgsim.check.Observation.ResponseSeen;
import io.wgsim.check.Observation.TransportSeen;
import io.wgsim.protocol.wire.Protocol;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 *   <li>the new-handshake timer cannot have fired (whitepaper 6.5: data sent and nothing received for
 *       KEEPALIVE_TIMEOUT + REKEY_TIMEOUT, 15 s, plus up to 333 ms of jitter). It fires 15 s after the
 *       first data B sent after the last message it received. So the initiation is exempt when B sent
 *       data 15 s to 15.333 s (widened by the slack) before it, or when B's first data after A's last
 *       captured message to B is at least 15 s (less the slack) old;</li>
 *   <li>B sends on S again after the initiation, which proves it still held S: a peer that restarted
 *       (and so lost S) may initiate at any time, and the capture cannot show a restart otherwise.</li>
 * </ol>
 */
final class ResponderInitiationRule implements Rule {
    private static final long NONE = Long.MIN_VALUE;
    private static final long NEW_HANDSHAKE = Protocol.NEW_HANDSHAKE_AFTER.toNanos();
    private static final long JITTER = Protocol.REKEY_TIMEOUT_JITTER_MAX.toNanos();

    private final long slack;
    private final long freshFor;
    private final Map<Conversation, Session> newest = new HashMap<>();
    private final Map<Session, Long> responderLastSend = new HashMap<>();
    private final Map<Party.Pair, DataTimes> data = new HashMap<>();
    private final List<Candidate> candidates = new ArrayList<>();

    /** When a party sent data to another: recently, and first since it last heard from it. */
    private static final class DataTimes {
        final Deque<Long> recent = new ArrayDeque<>();
        long firstSinceReceive = NONE;
    }

    private record Candidate(Packet packet, InitiationSeen initiation, Session session) {}

    ResponderInitiationRule(long slackNanos) {
        this.slack = slackNanos;
        this.freshFor = Protocol.REJECT_AFTER_TIME.toNanos() - slackNanos;
    }

    @Override public RuleId id() {
        return RuleId.RESPONDER_INITIATION;
    }

    @Override public void observe(Observation o, Findings f) {
        Party.Pair pair = Conversation.pairOf(o);
        if (pair == null || Conversation.isCopy(o)) {
            return;
        }
        long now = o.packet().time();
        if (o instanceof InitiationSeen i) {
            judge(i);
        } else if (o instanceof ResponseSeen r) {
            newest.put(Conversation.of(pair), r.session());
        } else if (o instanceof TransportSeen t) {
            if (t.session().fromHandshake && !t.towardsResponder()) {
                responderLastSend.put(t.session(), now);
            }
            if (!t.keepalive()) {
                DataTimes d = data.computeIfAbsent(pair, p -> new DataTimes());
                d.recent.addLast(now);
                while (now - d.recent.peekFirst() > NEW_HANDSHAKE + JITTER + 2 * slack) {
                    d.recent.removeFirst();
                }
                if (d.firstSinceReceive == NONE) {
                    d.firstSinceReceive = now;
                }
            }
        }
        DataTimes back = data.get(pair.reversed());
        if (back != null) {
            back.firstSinceReceive = NONE; // the other side heard from this one
        }
    }

    private void judge(InitiationSeen i) {
        Session s = newest.get(Conversation.of(i.pair()));
        if (s == null || !s.responder.equals(i.initiator()) || !responderLastSend.containsKey(s)) {
            return;
        }
        long now = i.packet().time();
        if (now - s.bornAt >= freshFor || newHandshakeTimerMayHaveFired(i.pair(), now)) {
            return;
        }
        candidates.add(new Candidate(i.packet(), i, s));
    }

    private boolean newHandshakeTimerMayHaveFired(Party.Pair pair, long now) {
        DataTimes d = data.get(pair);
        if (d == null) {
            return false;
        }
        if (d.firstSinceReceive != NONE && now - d.firstSinceReceive >= NEW_HANDSHAKE - slack) {
            return true;
        }
        for (long t : d.recent) {
            long age = now - t;
            if (age >= NEW_HANDSHAKE - slack && age <= NEW_HANDSHAKE + JITTER + slack) {
                return true;
            }
        }
        return false;
    }

    @Override public void finish(Findings f) {
        for (Candidate c : candidates) {
            Long last = responderLastSend.get(c.session());
            if (last != null && last > c.packet().time()) {
                f.add(id(), c.packet(), "initiation from " + c.initiation().initiator().label() + ", the responder of "
                        + c.session().describe(c.session().responderIndex) + " made " + Seconds.of(c.packet().time()
                        - c.session().bornAt) + " before (frame " + c.session().bornFrame + "), which it goes on using;"
                        + " none of its data waited 15 s for an answer");
            }
        }
    }
}
