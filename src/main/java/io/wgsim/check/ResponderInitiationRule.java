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
 *   <li>the new-handshake timer cannot have started this handshake (whitepaper 6.5: data sent and
 *       nothing received for KEEPALIVE_TIMEOUT + REKEY_TIMEOUT, 15 s, plus up to 333 ms of jitter). It
 *       fires 15 s after the first data B sent after the last message it received, and the handshake it
 *       starts is retried every 5 s for up to REKEY_ATTEMPT_TIME (90 s), until a handshake completes,
 *       whether or not A is heard from meanwhile. So the initiation is exempt when B sent data 15 s to
 *       15.333 s (widened by the slack) before it, or when B's data went 15 s (less the slack) without a
 *       captured message from A at some point in the 90 s (plus the slack) before it, after B first sent
 *       on S;</li>
 *   <li>it is not a retry: B sent no initiation to A in the REKEY_ATTEMPT_TIME (90 s) plus the slack
 *       before it, after B first sent on S (a retry is as legitimate as the attempt's first initiation,
 *       which is judged instead);</li>
 *   <li>B sends on S again after the initiation, which proves it still held S: a peer that restarted
 *       (and so lost S) may initiate at any time, and the capture cannot show a restart otherwise.</li>
 * </ol>
 */
final class ResponderInitiationRule implements Rule {
    private static final long NONE = Long.MIN_VALUE;
    private static final long NEW_HANDSHAKE = Protocol.NEW_HANDSHAKE_AFTER.toNanos();
    private static final long JITTER = Protocol.REKEY_TIMEOUT_JITTER_MAX.toNanos();
    private static final long ATTEMPT = Protocol.REKEY_ATTEMPT_TIME.toNanos();

    private final long slack;
    private final long freshFor;
    private final Map<Conversation, Session> newest = new HashMap<>();
    private final Map<Session, Long> responderFirstSend = new HashMap<>();
    private final Map<Session, Long> responderLastSend = new HashMap<>();
    private final Map<Party.Pair, DataTimes> data = new HashMap<>();
    private final Map<Party.Pair, Long> lastInitiation = new HashMap<>();
    private final List<Candidate> candidates = new ArrayList<>();

    /**
     * When a party sent data to another: recently, first since it last heard from it, and the latest time
     * its new-handshake timer may have fired (its data unanswered for 15 s).
     */
    private static final class DataTimes {
        final Deque<Long> recent = new ArrayDeque<>();
        long firstSinceReceive = NONE;
        long timerFired = NONE;

        /** The other side was heard from at {@code now}. */
        void heard(long now, long unanswered) {
            if (firstSinceReceive != NONE && now - firstSinceReceive >= unanswered) {
                timerFired = firstSinceReceive + NEW_HANDSHAKE;
            }
            firstSinceReceive = NONE;
        }
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
            lastInitiation.put(i.pair(), now);
        } else if (o instanceof ResponseSeen r) {
            newest.put(Conversation.of(pair), r.session());
        } else if (o instanceof TransportSeen t) {
            if (t.session().fromHandshake && !t.towardsResponder()) {
                responderFirstSend.putIfAbsent(t.session(), now);
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
            back.heard(now, NEW_HANDSHAKE - slack);
        }
    }

    private void judge(InitiationSeen i) {
        Session s = newest.get(Conversation.of(i.pair()));
        if (s == null || !s.responder.equals(i.initiator()) || !responderFirstSend.containsKey(s)) {
            return;
        }
        long now = i.packet().time();
        long confirmed = responderFirstSend.get(s);
        Long previous = lastInitiation.get(i.pair());
        if (previous != null && previous > confirmed && now - previous <= ATTEMPT + slack) {
            return; // a retry
        }
        if (now - s.bornAt >= freshFor || newHandshakeTimerMayHaveFired(i.pair(), now, confirmed)) {
            return;
        }
        candidates.add(new Candidate(i.packet(), i, s));
    }

    private boolean newHandshakeTimerMayHaveFired(Party.Pair pair, long now, long confirmed) {
        DataTimes d = data.get(pair);
        if (d == null) {
            return false;
        }
        if (d.firstSinceReceive != NONE && now - d.firstSinceReceive >= NEW_HANDSHAKE - slack) {
            return true;
        }
        if (d.timerFired != NONE && d.timerFired >= confirmed && now - d.timerFired <= ATTEMPT + slack) {
            return true; // a retry of the handshake that timer started
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
