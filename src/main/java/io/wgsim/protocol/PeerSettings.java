package io.wgsim.protocol;

import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a device is told about one peer, in wg(8) terms: its public key, optional preshared key,
 * allowed IPs, optional endpoint, and persistent keepalive (zero for off).
 */
public record PeerSettings(PublicKey publicKey, PresharedKey presharedKey, List<Cidr> allowedIps,
                           InetSocketAddress endpoint, Duration persistentKeepalive) {

    public PeerSettings {
        Objects.requireNonNull(publicKey, "publicKey");
        presharedKey = presharedKey == null ? PresharedKey.NONE : presharedKey;
        allowedIps = List.copyOf(allowedIps == null ? List.of() : allowedIps);
        persistentKeepalive = persistentKeepalive == null ? Duration.ZERO : persistentKeepalive;
        if (persistentKeepalive.isNegative() || persistentKeepalive.compareTo(Duration.ofSeconds(65535)) > 0) {
            throw new IllegalArgumentException("persistentKeepalive must be 0..65535 s, got " + persistentKeepalive);
        }
        if (endpoint != null && endpoint.isUnresolved()) {
            throw new IllegalArgumentException("endpoint " + endpoint + " must be an IP address, not a name");
        }
    }

    public static PeerSettings of(PublicKey publicKey, List<Cidr> allowedIps) {
        return new PeerSettings(publicKey, PresharedKey.NONE, allowedIps, null, Duration.ZERO);
    }

    public PeerSettings withEndpoint(InetSocketAddress newEndpoint) {
        return new PeerSettings(publicKey, presharedKey, allowedIps, newEndpoint, persistentKeepalive);
    }

    public PeerSettings withPresharedKey(PresharedKey psk) {
        return new PeerSettings(publicKey, psk, allowedIps, endpoint, persistentKeepalive);
    }

    public PeerSettings withPersistentKeepalive(Duration interval) {
        return new PeerSettings(publicKey, presharedKey, allowedIps, endpoint, interval);
    }
}
