package io.wgsim.check;

import io.wgsim.check.Observation.InitiationSeen;
import io.wgsim.protocol.wire.Protocol;
import java.util.HashMap;
import java.util.Map;

/**
 * rekey-timeout: two initiations from the same initiator to the same responder captured less than
 * REKEY_TIMEOUT (5 s) minus the slack apart. An initiation is sent at most once per REKEY_TIMEOUT per
 * peer, retries included (kernel send.c checks last_sent_handshake, wireguard-go's
 * SendHandshakeInitiation lastSentHandshake). Copies of one initiation are one initiation. Initiations in
 * opposite directions (simultaneous initiation) are two peers' and not compared.
 */
final class RekeyTimeoutRule implements Rule {
    private final long limit;
    private final Map<Party.Pair, Packet> last = new HashMap<>();

    RekeyTimeoutRule(long slackNanos) {
        this.limit = Protocol.REKEY_TIMEOUT.toNanos() - slackNanos;
    }

    @Override public RuleId id() {
        return RuleId.REKEY_TIMEOUT;
    }

    @Override public void observe(Observation o, Findings f) {
        if (!(o instanceof InitiationSeen i) || i.copy()) {
            return;
        }
        Packet previous = last.put(i.pair(), o.packet());
        if (previous != null && o.packet().time() - previous.time() < limit) {
            f.add(id(), o.packet(), "initiation from " + i.initiator().label() + " to " + i.responder().label() + " "
                    + Seconds.of(o.packet().time() - previous.time()) + " after the previous one (frame "
                    + previous.frame() + "); REKEY_TIMEOUT is 5 s");
        }
    }
}
