package io.wgsim.topology;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A NAT box: the networks that name it in {@code behind-nat} sit on its inside, and its public side is
 * an address on {@code network}. Forced rebindings are {@link TopologyEvent.Rebind} events.
 *
 * @param network the network its public side is on
 * @param publicAddress its address on that network at the start of the run
 * @param timeout how long an idle UDP mapping lives
 */
public record Nat(String name, String network, InetAddress publicAddress, NatBehaviour mapping,
                  NatBehaviour filtering, Duration timeout) {
    /** RFC 4787 REQ-1: mappings should be endpoint-independent. */
    public static final NatBehaviour DEFAULT_MAPPING = NatBehaviour.ENDPOINT_INDEPENDENT;
    /** The common home router's filtering ("port-restricted cone"). */
    public static final NatBehaviour DEFAULT_FILTERING = NatBehaviour.ADDRESS_AND_PORT_DEPENDENT;
    /** RFC 4787 REQ-5: a UDP mapping must not expire in less than two minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    public Nat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(publicAddress, "publicAddress");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(filtering, "filtering");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
    }
}
