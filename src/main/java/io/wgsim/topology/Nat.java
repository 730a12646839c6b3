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
