package io.wgsim.protocol;

import io.wgsim.protocol.wire.DropReason;

/**
 * Thrown inside the core when a message is refused; always caught in {@link Device} and turned into a
 * drop with its reason. It carries no stack trace: refusals are ordinary, attacker-triggered events.
 */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final transient DropReason reason;

    Refusal(DropReason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }
}
