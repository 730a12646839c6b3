package io.wgsim.check;

import io.wgsim.protocol.wire.DropReason;
import io.wgsim.protocol.wire.MessageType;

/**
 * message-size: on a flow that carries WireGuard, a datagram of no known message type, a handshake
 * initiation, response or cookie reply of other than 148, 92 or 64 bytes, or a transport message under
 * 32 bytes (whitepaper 5.4; the kernel's and wireguard-go's receive paths drop these).
 */
final class MessageSizeRule implements Rule {
    @Override public RuleId id() {
        return RuleId.MESSAGE_SIZE;
    }

    @Override public void observe(Observation o, Findings f) {
        if (!(o instanceof Observation.Malformed m)) {
            return;
        }
        if (m.reason() == DropReason.UNKNOWN_TYPE) {
            f.add(id(), m.packet(), m.length() < 4 ? "a " + m.length() + "-byte datagram, too short for a message header"
                    : "message type " + m.type() + " (" + m.length() + " bytes) is not one of WireGuard's 1-4");
        } else if (m.reason() == DropReason.WRONG_SIZE) {
            MessageType t = MessageType.fromWire(m.type());
            f.add(id(), m.packet(), t == MessageType.TRANSPORT
                    ? "transport message of " + m.length() + " bytes, shorter than the " + t.size() + " of a keepalive"
                    : name(t) + " of " + m.length() + " bytes; it must be exactly " + t.size());
        }
    }

    static String name(MessageType t) {
        return switch (t) {
            case INITIATION -> "handshake initiation";
            case RESPONSE -> "handshake response";
            case COOKIE_REPLY -> "cookie reply";
            case TRANSPORT -> "transport message";
        };
    }
}
