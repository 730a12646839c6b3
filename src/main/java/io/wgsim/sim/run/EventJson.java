package io.wgsim.sim.run;

import com.fasterxml.jackson.core.JsonGenerator;
import io.wgsim.net.IpAddresses;
import io.wgsim.protocol.DeviceEvent;
import java.io.IOException;
import java.net.InetSocketAddress;

/** How each device event looks in events.jsonl: a snake_case name and its fields. */
final class EventJson {
    private EventJson() {}

    static String name(DeviceEvent e) {
        if (e instanceof DeviceEvent.HandshakeInitiated) {
            return "handshake_initiated";
        } else if (e instanceof DeviceEvent.HandshakeResponded) {
            return "handshake_responded";
        } else if (e instanceof DeviceEvent.SessionStarted) {
            return "handshake_completed";
        } else if (e instanceof DeviceEvent.HandshakeGaveUp) {
            return "handshake_gave_up";
        } else if (e instanceof DeviceEvent.EndpointChanged) {
            return "endpoint_changed";
        } else if (e instanceof DeviceEvent.KeysZeroed) {
            return "keys_zeroed";
        } else if (e instanceof DeviceEvent.CookieReplySent) {
            return "cookie_reply_sent";
        } else if (e instanceof DeviceEvent.CookieReceived) {
            return "cookie_received";
        } else if (e instanceof DeviceEvent.KeepaliveSent) {
            return "keepalive_sent";
        } else if (e instanceof DeviceEvent.Dropped) {
            return "packet_dropped";
        }
        return "secrets";
    }

    static void fields(JsonGenerator g, DeviceEvent e) throws IOException {
        if (e.peer() != null) {
            g.writeStringField("peer", e.peer().toBase64());
        }
        if (e instanceof DeviceEvent.HandshakeInitiated h) {
            g.writeNumberField("senderIndex", Integer.toUnsignedLong(h.senderIndex()));
            g.writeNumberField("attempt", h.attempt());
        } else if (e instanceof DeviceEvent.HandshakeResponded h) {
            g.writeNumberField("senderIndex", Integer.toUnsignedLong(h.senderIndex()));
            g.writeNumberField("receiverIndex", Integer.toUnsignedLong(h.receiverIndex()));
        } else if (e instanceof DeviceEvent.SessionStarted s) {
            g.writeNumberField("localIndex", Integer.toUnsignedLong(s.localIndex()));
            g.writeNumberField("remoteIndex", Integer.toUnsignedLong(s.remoteIndex()));
            g.writeBooleanField("initiator", s.initiator());
        } else if (e instanceof DeviceEvent.HandshakeGaveUp h) {
            g.writeNumberField("attempts", h.attempts());
        } else if (e instanceof DeviceEvent.EndpointChanged c) {
            g.writeStringField("from", endpoint(c.from()));
            g.writeStringField("to", endpoint(c.to()));
        } else if (e instanceof DeviceEvent.CookieReplySent c) {
            g.writeStringField("to", endpoint(c.to()));
        } else if (e instanceof DeviceEvent.Dropped d) {
            g.writeStringField("reason", d.reason().name());
            if (d.from() != null) {
                g.writeStringField("from", endpoint(d.from()));
            }
        }
    }

    static String endpoint(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        return IpAddresses.format(a);
    }
}
