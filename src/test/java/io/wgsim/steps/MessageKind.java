package io.wgsim.steps;

import io.wgsim.lab.WireMessage;
import io.wgsim.protocol.wire.MessageType;
import java.util.Locale;

/** The kinds of datagram a scenario talks about, as seen in the capture. */
enum MessageKind {
    INITIATION("handshake initiation"),
    RESPONSE("handshake response"),
    COOKIE_REPLY("cookie reply"),
    KEEPALIVE("keepalive"),
    DATA("data message"),
    TRANSPORT("transport message"),
    DATAGRAM("datagram");

    final String words;

    MessageKind(String words) {
        this.words = words;
    }

    boolean matches(WireMessage m) {
        return switch (this) {
            case INITIATION -> m.type() == MessageType.INITIATION;
            case RESPONSE -> m.type() == MessageType.RESPONSE;
            case COOKIE_REPLY -> m.type() == MessageType.COOKIE_REPLY;
            case KEEPALIVE -> m.isKeepalive();
            case DATA -> m.isData();
            case TRANSPORT -> m.type() == MessageType.TRANSPORT;
            case DATAGRAM -> true;
        };
    }

    static MessageKind parse(String text) {
        String t = text.toLowerCase(Locale.ROOT).trim();
        for (MessageKind k : values()) {
            if (t.equals(k.words) || t.equals(k.words + "s") || (k == COOKIE_REPLY && t.equals("cookie replies"))) {
                return k;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a kind of message: use handshake initiation(s), "
                + "handshake response(s), cookie reply/replies, keepalive(s), data message(s), transport message(s) or datagram(s)");
    }
}
