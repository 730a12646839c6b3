package io.wgsim.check;

import io.wgsim.check.Observation.TransportSeen;
import io.wgsim.protocol.wire.Protocol;

/**
 * keypair-age: a transport message captured more than REJECT_AFTER_TIME (180 s) plus the slack after the
 * handshake response that created its keypair. No keypair is used to send after REJECT_AFTER_TIME
 * (whitepaper 6.1; kernel send.c and wireguard-go's keepKeyFreshSending refuse it). The slack absorbs the
 * capture point's distance from the peers, so a message sent just in time and captured a little later
 * (expiring in flight) is not judged. Sessions whose response the capture lacks have no known birth and
 * are not judged.
 */
final class KeypairAgeRule implements Rule {
    private final long limit;

    KeypairAgeRule(long slackNanos) {
        this.limit = Protocol.REJECT_AFTER_TIME.toNanos() + slackNanos;
    }

    @Override public RuleId id() {
        return RuleId.KEYPAIR_AGE;
    }

    @Override public void observe(Observation o, Findings f) {
        if (o instanceof TransportSeen t && !t.copy() && t.session().fromHandshake) {
            long age = o.packet().time() - t.session().bornAt;
            if (age > limit) {
                f.add(id(), o.packet(), (t.keepalive() ? "keepalive" : "data") + " from " + t.sender().label() + " on "
                        + t.session().describe(t.message().receiver()) + ", whose keypair is " + Seconds.of(age)
                        + " old (frame " + t.session().bornFrame + "); REJECT_AFTER_TIME is 180 s");
            }
        }
    }
}
