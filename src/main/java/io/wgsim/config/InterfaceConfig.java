package io.wgsim.config;

import io.wgsim.crypto.PrivateKey;
import io.wgsim.net.Cidr;
import java.util.List;
import java.util.Objects;

/**
 * The [Interface] section of a wg-quick file.
 *
 * @param listenPort 1..65535, or null for a random port (a file's "ListenPort = 0" means the same)
 * @param addresses the interface's own addresses, host bits kept as written (10.0.0.1/24)
 * @param mtu {@value #MIN_MTU}..{@value #MAX_MTU}, or null for the default
 */
public record InterfaceConfig(PrivateKey privateKey, Integer listenPort, List<Cidr> addresses, Integer mtu) {
    /** The smallest datagram every IPv4 host must accept (RFC 791); below it nothing useful fits. */
    public static final int MIN_MTU = 576;
    public static final int MAX_MTU = 65535;

    public InterfaceConfig {
        Objects.requireNonNull(privateKey, "privateKey");
        if (listenPort != null && (listenPort < 1 || listenPort > 65535)) {
            throw new IllegalArgumentException("listenPort " + listenPort + " is out of range 1..65535 (null = random)");
        }
        addresses = List.copyOf(addresses);
        if (mtu != null && (mtu < MIN_MTU || mtu > MAX_MTU)) {
            throw new IllegalArgumentException("mtu " + mtu + " is out of range " + MIN_MTU + ".." + MAX_MTU);
        }
    }
}
