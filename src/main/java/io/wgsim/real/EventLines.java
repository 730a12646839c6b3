package io.wgsim.real;

import io.wgsim.net.IpAddresses;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.wire.DropReason;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a person running a peer is told about the device's events, one line each. Secrets never appear:
 * {@link DeviceEvent.SessionSecrets} has no line (it goes to the key log only). Keepalives are too frequent
 * to be news; a drop is told the first time its reason occurs, and the totals at exit.
 */
final class EventLines {
    private final Set<DropReason> toldDrops = EnumSet.noneOf(DropReason.class);

    /** The line for this event, or null if it is not worth one. */
    String describe(DeviceEvent event) {
        if (event instanceof DeviceEvent.HandshakeInitiated e) {
            return "sending handshake initiation to peer " + e.peer()
                    + (e.attempt() > 1 ? " (attempt " + e.attempt() + ")" : "");
        }
        if (event instanceof DeviceEvent.HandshakeResponded e) {
            return "handshake initiation from peer " + e.peer() + ", sending response";
        }
        if (event instanceof DeviceEvent.SessionStarted e) {
            return "handshake completed with peer " + e.peer() + (e.initiator() ? " (we initiated)" : " (they initiated)");
        }
        if (event instanceof DeviceEvent.HandshakeGaveUp e) {
            return "peer " + e.peer() + ": no handshake after " + e.attempts() + " attempts; queued packets dropped";
        }
        if (event instanceof DeviceEvent.EndpointChanged e) {
            return "peer " + e.peer() + " endpoint " + endpoint(e.to()) + (e.from() == null ? "" : " (was " + endpoint(e.from()) + ")");
        }
        if (event instanceof DeviceEvent.KeysZeroed e) {
            return "peer " + e.peer() + ": no session for a long time; key material zeroed";
        }
        if (event instanceof DeviceEvent.CookieReplySent e) {
            return "under load: sent a cookie reply to " + endpoint(e.to());
        }
        if (event instanceof DeviceEvent.CookieReceived e) {
            return "peer " + e.peer() + " sent a cookie: our next handshake message carries mac2";
        }
        if (event instanceof DeviceEvent.Dropped e) {
            if (!toldDrops.add(e.reason())) {
                return null;
            }
            return "dropped " + (e.from() == null ? "an outbound packet" : "a datagram from " + endpoint(e.from()))
                    + (e.peer() == null ? "" : " (peer " + e.peer() + ")") + ": " + e.reason()
                    + " (first of its kind; totals at exit)";
        }
        return null; // KeepaliveSent: routine; SessionSecrets: secret, never printed
    }

    /** An address as wg(8) prints an endpoint: {@code 198.18.0.1:51820}, {@code [fd00::1]:51820}. */
    static String endpoint(InetSocketAddress address) {
        return IpAddresses.format(address);
    }
}
