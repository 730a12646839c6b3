package io.wgsim.config;

import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import java.util.List;
import java.util.Objects;

/**
 * One [Peer] section of a wg-quick file.
 *
 * @param presharedKey {@link PresharedKey#NONE} when the file sets none
 * @param allowedIps in file order, host bits kept as written (wg(8) warns about them, it doesn't refuse)
 * @param endpoint null when the peer's address is learnt from its first authenticated packet
 * @param persistentKeepaliveSeconds 0..65535; 0 = off
 */
public record PeerConfig(PublicKey publicKey, PresharedKey presharedKey, List<Cidr> allowedIps, Endpoint endpoint,
                         int persistentKeepaliveSeconds) {

    public PeerConfig {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(presharedKey, "presharedKey (use PresharedKey.NONE)");
        allowedIps = List.copyOf(allowedIps);
        if (persistentKeepaliveSeconds < 0 || persistentKeepaliveSeconds > 65535) {
            throw new IllegalArgumentException("persistentKeepaliveSeconds " + persistentKeepaliveSeconds
                    + " is out of range 0..65535");
        }
    }
}
