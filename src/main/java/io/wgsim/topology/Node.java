package io.wgsim.topology;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A host with a WireGuard interface, on one outer network.
 *
 * @param network the name of the network it starts on
 * @param address its outer address there, inside the network's subnet
 * @param link its access link's impairment
 */
public record Node(String name, String network, InetAddress address, Link link, WireGuard wireguard) {

    public Node {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(wireguard, "wireguard");
    }

    /** Its outer address and listen port: where a peer that can reach it sends handshakes. */
    public InetSocketAddress endpoint() {
        return new InetSocketAddress(address, wireguard.listenPort());
    }
}
