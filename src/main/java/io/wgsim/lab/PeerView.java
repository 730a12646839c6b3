package io.wgsim.lab;

import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One peer line of {@code wg show <if> dump}, which both labs can produce: wgsim from its core's status,
 * the real lab from wireguard-go.
 *
 * @param endpoint null when none is known
 * @param latestHandshakeEpochSeconds 0 when no handshake has completed
 */
public record PeerView(PublicKey publicKey, InetSocketAddress endpoint, List<Cidr> allowedIps,
                       long latestHandshakeEpochSeconds, long rxBytes, long txBytes,
                       int persistentKeepaliveSeconds) {

    public boolean hasHandshake() {
        return latestHandshakeEpochSeconds != 0;
    }

    /** Allowed IPs as wg prints them, the first eight of a long list and how many there are. */
    private String allowed() {
        if (allowedIps.isEmpty()) {
            return "(none)";
        }
        List<String> shown = allowedIps.stream().limit(8).map(Cidr::toString).toList();
        return String.join(",", shown) + (allowedIps.size() > 8 ? ",... (" + allowedIps.size() + " in all)" : "");
    }

    /** The dump line without keys: endpoint, allowed ips, latest handshake, rx, tx, keepalive. */
    @Override public String toString() {
        return (endpoint == null ? "(none)" : endpoint.getAddress().getHostAddress() + ":" + endpoint.getPort())
                + "\t" + allowed()
                + "\t" + latestHandshakeEpochSeconds + "\t" + rxBytes + "\t" + txBytes + "\t"
                + (persistentKeepaliveSeconds == 0 ? "off" : Integer.toString(persistentKeepaliveSeconds));
    }
}
