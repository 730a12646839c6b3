package io.wgsim.check;

import io.wgsim.check.Observation.InitiationSeen;
import io.wgsim.check.Observation.ResponseSeen;

/**
 * mac1: a handshake initiation or response whose mac1 authenticates under none of the known public
 * keys, although its recipient's key is known (whitepaper 5.4.4: mac1 = MAC(HASH("mac1----" || the
 * recipient's static public key), the message up to mac1); a receiver drops the message unanswered).
 * A message is only judged when its recipient is known: its destination address received handshakes
 * that a known key authenticated, or (for a response) the initiation it answers came from a known key.
 */
final class Mac1Rule implements Rule {
    private final KeyRing keys;

    Mac1Rule(KeyRing keys) {
        this.keys = keys;
    }

    @Override public RuleId id() {
        return RuleId.MAC1;
    }

    @Override public void observe(Observation o, Findings f) {
        if (o instanceof InitiationSeen i && !i.copy() && i.mac1().invalid()) {
            f.add(id(), o.packet(), message("initiation") + " (to " + i.responder().label() + ")");
        } else if (o instanceof ResponseSeen r && !r.copy() && r.mac1().invalid()) {
            f.add(id(), o.packet(), message("response") + " (to " + r.session().initiator.label() + ")");
        }
    }

    private String message(String what) {
        return what + "'s mac1 matches none of the " + keys.publicKeyCount() + " known public keys, though its recipient's is known";
    }

    @Override public String notApplied() {
        return keys.publicKeyCount() == 0 ? "no public keys known (give --keylog or --config)" : null;
    }
}
