package io.wgsim.check;

import io.wgsim.crypto.DataCipher;

/**
 * A WireGuard session as seen in a capture: born from a handshake response (or, when the capture
 * starts after its handshake, from the first transport message seen for an index), with the parties
 * and indices of both directions, and its transport keys when the keys given could derive them.
 */
final class Session {
    final int number;
    /** Whether the capture holds the response that created it; if not, its birth and roles are unknown. */
    final boolean fromHandshake;
    final long bornFrame;
    /** When the response was captured (ns since the first frame); the keypair's birth, give or take the slack. */
    final long bornAt;
    final Party initiator;
    final Party responder;
    final int responderIndex;
    final CounterHistory toResponderCounters = new CounterHistory();
    final CounterHistory toInitiatorCounters = new CounterHistory();
    private final boolean[] sent = new boolean[2];
    private final DataCipher toResponder;
    private final DataCipher toInitiator;

    Session(int number, boolean fromHandshake, long bornFrame, long bornAt, Party initiator, Party responder,
            int responderIndex, PassiveHandshake.TransportKeys keys) {
        this.number = number;
        this.fromHandshake = fromHandshake;
        this.bornFrame = bornFrame;
        this.bornAt = bornAt;
        this.initiator = initiator;
        this.responder = responder;
        this.responderIndex = responderIndex;
        this.toResponder = keys == null ? null : new DataCipher(keys.toResponder());
        this.toInitiator = keys == null ? null : new DataCipher(keys.toInitiator());
    }

    /** Notes that a message went this way; true the first time. */
    boolean markSent(boolean towardsResponder) {
        int i = towardsResponder ? 0 : 1;
        boolean first = !sent[i];
        sent[i] = true;
        return first;
    }

    boolean decryptable() {
        return toResponder != null;
    }

    DataCipher cipher(boolean towardsResponder) {
        return towardsResponder ? toResponder : toInitiator;
    }

    CounterHistory counters(boolean towardsResponder) {
        return towardsResponder ? toResponderCounters : toInitiatorCounters;
    }

    Party sender(boolean towardsResponder) {
        return towardsResponder ? initiator : responder;
    }

    Party receiver(boolean towardsResponder) {
        return towardsResponder ? responder : initiator;
    }

    /** "session 3 (index 0x1a2b3c4d)" for report lines; the index is the one the message named. */
    String describe(int receiverIndex) {
        return "session " + number + " (receiver index 0x" + String.format("%08x", receiverIndex) + ")";
    }
}
