package io.wgsim.check;

import io.wgsim.check.Observation.TransportSeen;
import io.wgsim.config.PeerConfig;
import io.wgsim.config.WgQuickConfig;
import io.wgsim.protocol.wire.Protocol;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * keepalive-echo: a keepalive that answers keepalives. Peer B's keepalive to A is flagged when
 * <ol>
 *   <li>it is not the first message B sends on a session B initiated (the confirmation keepalive);</li>
 *   <li>since B's previous message to A, A sent B at least one message, and all of them were keepalives
 *       (received data arms the passive keepalive; received keepalives must not: whitepaper 6.5, kernel
 *       timers.c wg_timers_data_received is called for data only). Messages captured up to the slack
 *       before B's previous message count as received after it, since the capture point may have seen
 *       them before B did;</li>
 *   <li>it came KEEPALIVE_TIMEOUT (10 s), within the slack, after the last of them;</li>
 *   <li>it is not the second keepalive of a passive timer re-armed by more data (kernel
 *       timer_need_another_keepalive): that one comes 10 s after B's own previous keepalive;</li>
 *   <li>no persistent keepalive explains it. A persistent keepalive comes N seconds after the last
 *       message either way. With B's wg-quick file given, N is its PersistentKeepalive for A and only a
 *       delay within the slack of N is exempt. Without it, N is unknown and the keepalive is only flagged
 *       when the capture shows B and A silent for longer than 10 s plus twice the slack at some point,
 *       which a persistent keepalive of 10 s would not allow.</li>
 * </ol>
 */
final class KeepaliveEchoRule implements Rule {
    private static final long KEEPALIVE = Protocol.KEEPALIVE_TIMEOUT.toNanos();
    private static final long NONE = Long.MIN_VALUE;

    private final KeyRing keys;
    private final long slack;
    private final Map<Party.Pair, Sender> senders = new HashMap<>();
    private final Map<Conversation, Long> lastMessage = new HashMap<>();
    private final Map<Conversation, Long> longestSilence = new HashMap<>();
    private final List<Candidate> candidates = new ArrayList<>();

    /**
     * What one party sent to the other, and what it received since its last message. Messages captured
     * up to the slack before that message are kept too: the capture point may have seen them earlier
     * than the party did, so they may have arrived after it sent.
     */
    private static final class Sender {
        long lastSend = NONE;
        boolean lastSendWasKeepalive;
        final Deque<Received> received = new ArrayDeque<>();
    }

    private record Received(long time, long frame, boolean keepalive) {}

    private record Candidate(Packet packet, Party.Pair pair, long delay, long answeredFrame, String session) {}

    KeepaliveEchoRule(KeyRing keys, long slackNanos) {
        this.keys = keys;
        this.slack = slackNanos;
    }

    @Override public RuleId id() {
        return RuleId.KEEPALIVE_ECHO;
    }

    @Override public void observe(Observation o, Findings f) {
        Party.Pair pair = Conversation.pairOf(o);
        if (pair == null || Conversation.isCopy(o)) {
            return;
        }
        long now = o.packet().time();
        Conversation c = Conversation.of(pair);
        Long previous = lastMessage.put(c, now);
        if (previous != null) {
            longestSilence.merge(c, now - previous, Math::max);
        }
        Sender me = senders.computeIfAbsent(pair, p -> new Sender());
        boolean keepalive = o instanceof TransportSeen t && t.keepalive();
        if (keepalive) {
            judge((TransportSeen) o, me);
        }
        me.lastSend = now;
        me.lastSendWasKeepalive = keepalive;
        while (!me.received.isEmpty() && me.received.peekFirst().time() < now - slack) {
            me.received.removeFirst();
        }
        senders.computeIfAbsent(pair.reversed(), p -> new Sender()).received
                .addLast(new Received(now, o.packet().frame(), keepalive));
    }

    private void judge(TransportSeen t, Sender me) {
        Session s = t.session();
        if (t.firstFromSender() && (!s.fromHandshake || t.sender().equals(s.initiator))) {
            return; // a confirmation keepalive (or, where roles are unknown, possibly one)
        }
        if (me.received.isEmpty() || !me.received.stream().allMatch(Received::keepalive)) {
            return;
        }
        long now = t.packet().time();
        Received last = me.received.peekLast();
        long delay = now - last.time();
        if (Math.abs(delay - KEEPALIVE) > slack) {
            return;
        }
        if (me.lastSendWasKeepalive && Math.abs(now - me.lastSend - KEEPALIVE) <= slack) {
            return; // a passive keepalive timer re-armed by data received while it was pending
        }
        candidates.add(new Candidate(t.packet(), t.pair(), delay, last.frame(),
                s.describe(t.message().receiver())));
    }

    @Override public void finish(Findings f) {
        for (Candidate c : candidates) {
            String why = persistentKeepaliveExcluded(c);
            if (why != null) {
                f.add(id(), c.packet(), "keepalive from " + c.pair().from().label() + " on " + c.session() + " "
                        + Seconds.of(c.delay()) + " after the keepalive it received (frame " + c.answeredFrame()
                        + ") with only keepalives received since its last message; " + why);
            }
        }
    }

    /** Why no persistent keepalive explains the candidate, or null when one might. */
    private String persistentKeepaliveExcluded(Candidate c) {
        Integer interval = configuredInterval(c.pair());
        if (interval != null) {
            if (interval == 0) {
                return "its configuration sets no persistent keepalive for this peer";
            }
            long n = interval * Seconds.SECOND;
            return Math.abs(c.delay() - n) > slack ? "its configured persistent keepalive is " + interval + " s" : null;
        }
        Long silence = longestSilence.get(Conversation.of(c.pair()));
        if (silence != null && silence > KEEPALIVE + 2 * slack) {
            return "the peers were silent for " + Seconds.of(silence) + " elsewhere in the capture, so no persistent"
                    + " keepalive of 10 s explains it";
        }
        return null;
    }

    private Integer configuredInterval(Party.Pair pair) {
        WgQuickConfig config = keys.configOf(pair.from().key());
        if (config == null || pair.to().key() == null) {
            return null;
        }
        for (PeerConfig peer : config.peers()) {
            if (peer.publicKey().equals(pair.to().key())) {
                return peer.persistentKeepaliveSeconds();
            }
        }
        return null;
    }
}
