package io.wgsim.topology;

import io.wgsim.net.Cidr;
import java.util.Objects;

/**
 * An outer IP network that hosts attach to. Networks reach each other directly (one global internet),
 * except a network behind a NAT: its hosts reach other networks only through that NAT, and nothing
 * outside reaches in unless a mapping lets it.
 *
 * @param subnet the addresses hosts on it get, its host bits clear
 * @param behindNat the name of the NAT in front of it, or null when it is directly reachable
 */
public record Network(String name, Cidr subnet, String behindNat) {

    public Network {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subnet, "subnet");
        if (!subnet.equals(subnet.network())) {
            throw new IllegalArgumentException("subnet " + subnet + " has host bits set");
        }
    }

    public boolean isBehindNat() {
        return behindNat != null;
    }
}
