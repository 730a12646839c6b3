package io.wgsim.topology;

import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The file as read, before anything is resolved: every value converted and positioned, nothing checked
 * against anything else yet. Fields are null where the file left them out (or where a value was bad,
 * in which case an error was recorded and resolution never starts).
 */
final class Spec {
    private Spec() {}

    record File(Pos pos, Val<String> name, String description, Val<Long> seed, Val<Duration> duration,
                List<Network> networks, List<Nat> nats, List<Node> nodes, List<Generator> generators,
                List<Event> events, List<Flow> traffic) {}

    record Network(Pos pos, Val<String> name, Val<Cidr> subnet, Val<String> behindNat) {}

    record Nat(Pos pos, Val<String> name, Val<String> network, Val<InetAddress> publicAddress,
               NatBehaviour mapping, NatBehaviour filtering, Duration timeout) {}

    /** A node, written in the file or made by a generator (which shares its Vals between its nodes). */
    record Node(Pos pos, Val<String> name, Val<String> network, Val<InetAddress> address, Val<Link> link,
                WireGuard wireguard) {}

    /** {@code peers} is mutable: a hub-and-spoke generator adds its clients to the servers it names. */
    record WireGuard(Val<PrivateKey> privateKey, int listenPort, Val<List<Cidr>> addresses, int mtu, List<Peer> peers) {
        WireGuard {
            peers = new ArrayList<>(peers);
        }
    }

    enum EndpointMode { AUTO, NONE, GIVEN }

    enum PskMode { NONE, AUTO, GIVEN }

    /**
     * One peer entry: {@code node} or {@code publicKey}, never both.
     *
     * @param allowedIps null for the default (the peer node's tunnel addresses as host prefixes)
     * @param endpoint the endpoint when {@code endpointMode} is GIVEN
     * @param presharedKey the key when {@code pskMode} is GIVEN
     */
    record Peer(Pos pos, Val<String> node, Val<PublicKey> publicKey, Val<List<Cidr>> allowedIps,
                EndpointMode endpointMode, Val<InetSocketAddress> endpoint, Duration keepalive,
                PskMode pskMode, PresharedKey presharedKey) {}

    sealed interface Generator permits HubAndSpoke, FullMesh {
        Pos pos();
    }

    enum Assign { ROUND_ROBIN, BLOCK }

    /**
     * One group of generated nodes, all alike but for name and addresses.
     *
     * @param start the index of the first node ({@code {i}} in its name)
     * @param allowedIps clients only: what each client routes to its servers (null: the default)
     */
    record Group(Pos pos, int count, NamePattern name, int start, Val<String> network, int listenPort, int mtu,
                 Val<Link> link, Duration keepalive, Val<List<Cidr>> allowedIps) {}

    /**
     * @param servers the generated servers, or null when {@code serverNames} names existing nodes
     * @param serversPerClient 0 for all of them
     */
    record HubAndSpoke(Pos pos, Val<Cidr> tunnel, Group servers, List<Val<String>> serverNames, List<Group> clients,
                       int serversPerClient, Assign assign, PskMode psk) implements Generator {}

    record FullMesh(Pos pos, Val<Cidr> tunnel, Group nodes, PskMode psk) implements Generator {}

    /**
     * One scripted event; which of the optional values it has depends on its shape.
     *
     * @param fileIndex its place in the file's list, for ordering ties
     */
    record Event(Pos pos, int fileIndex, Shape shape, Val<Duration> at, Val<String> subject, Val<String> network,
                 Val<InetAddress> address, Val<Link> link, Val<PrivateKey> privateKey, Val<Duration> duration) {}

    /** One traffic application; which of the optional values it has depends on its shape. */
    record Flow(Pos pos, Shape shape, Val<String> name, Val<String> from, Val<String> to, Val<Duration> start,
                Val<Duration> stop, Val<Duration> interval, Val<Long> size, Val<Long> count, Val<Long> rate,
                Val<Long> bytes, Val<Long> port) {}
}
