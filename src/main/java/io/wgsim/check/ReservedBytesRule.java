package io.wgsim.check;

import io.wgsim.protocol.wire.DropReason;

/** reserved-bytes: the three bytes after the type byte must be zero (whitepaper 5.4; receivers drop the message). */
final class ReservedBytesRule implements Rule {
    @Override public RuleId id() {
        return RuleId.RESERVED_BYTES;
    }

    @Override public void observe(Observation o, Findings f) {
        if (o instanceof Observation.Malformed m && m.reason() == DropReason.RESERVED_NONZERO) {
            f.add(id(), m.packet(), "type " + m.type() + " message with reserved bytes " + m.reserved() + ", not 00 00 00");
        }
    }
}
