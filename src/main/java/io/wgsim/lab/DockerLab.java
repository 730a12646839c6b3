package io.wgsim.lab;

import io.wgsim.capture.CaptureRecord;
import io.wgsim.capture.LinkType;
import io.wgsim.capture.PcapngWriter;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.docker.DockerEngine;
import io.wgsim.docker.LabNetwork;
import io.wgsim.docker.LiveCapture;
import io.wgsim.docker.SystemUnderTest;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import io.wgsim.net.IpPackets;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.PeerSettings;
import io.wgsim.protocol.PeerStatus;
import io.wgsim.real.ImpairmentRelay;
import io.wgsim.sim.RandomStream;
import io.wgsim.sim.link.LinkModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@link Lab} on the wall clock: the peer under test is wireguard-go in a Docker container
 * ({@link LabContainerPeer}), the wgsim peers are {@link io.wgsim.real.RealPeer}s in this JVM bound on
 * their network's gateway address ({@link LabWgsimPeer}), attackers are UDP sockets there too, and an
 * impaired path goes through an {@link ImpairmentRelay}. Every network's bridge is captured live, and
 * so is the host's loopback, where datagrams between two JVM sockets on gateway addresses (two wgsim
 * peers, an attacker and a wgsim peer) travel; the captures become the scenario's one pcapng at
 * {@link #close()}, with the wgsim peers' key log inside.
 *
 * <p>Each lab has its own {@link DockerEngine} connection, whose close removes every container and
 * network the lab made (and whose shutdown hook does so if the JVM exits first). The image is built once
 * per JVM. What the real world cannot do (set a clock or a counter, NAT, forwarding) is refused with an
 * {@link UnsupportedOperationException} saying why.
 *
 * <p>Seen from here: on a relayed path the capture shows the relay's side towards the container (named
 * after the wgsim peer), not the wgsim peer's side of it on loopback, so each message appears once;
 * {@link #udpReceived} of the container counts UDP datagrams to any port nobody listens on.
 */
public final class DockerLab implements Lab {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Path WORK = Path.of("target", "lab-real");
    private static final String LOOPBACK = "lo";
    /** UDP between two lab addresses: the JVM's sockets on gateways talking to each other. */
    private static final String LOOPBACK_FILTER = "udp and src net " + LabNetwork.LAB_RANGE + " and dst net "
            + LabNetwork.LAB_RANGE;
    /** Datagrams closer than this cannot be paced by the lab timer: {@link #injectRepeatedly} sends them back to back. */
    private static final Duration FLOOD_INTERVAL = Duration.ofMillis(10);
    static final int FLOOD_BURST = 1000;
    private static final Duration FLOOD_PERIOD = Duration.ofMillis(500);
    private static final Object NETWORKS_LOCK = new Object();
    private static boolean swept;

    private final long seed;
    private final Path capture;
    private final Path work;
    private final Path keyLog;
    private final DockerEngine engine;
    private final SystemUnderTest sut;
    private final long startNanos = System.nanoTime();
    private final long startEpochNanos;
    private final Map<String, LabNetwork> networks = new LinkedHashMap<>();
    /** The same networks for the NATs' socket threads ({@link #gatewayTowards}), which must not walk the map. */
    private final List<LabNetwork> networksSeenByNats = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, LiveCapture> captures = new LinkedHashMap<>();
    /**
     * The host's loopback, between lab addresses. Parallel labs each capture it and each keeps only
     * the frames between its own gateways ({@link #ownLoopbackFrame}).
     */
    private LiveCapture loopback;
    private final Map<String, LabWgsimPeer> wgsim = new LinkedHashMap<>();
    private final Map<String, LabContainerPeer> containers = new LinkedHashMap<>();
    private final Map<String, String> networkOf = new LinkedHashMap<>();
    private final Map<String, DatagramSocket> attackers = new LinkedHashMap<>();
    private final Map<String, Map<String, PeerEntry>> entries = new LinkedHashMap<>();
    private final Map<String, Integer> keyGenerations = new LinkedHashMap<>();
    private final Map<String, Relay> relays = new LinkedHashMap<>();
    private final Map<String, JvmNat> nats = new LinkedHashMap<>();
    /** Each NAT's current outside address, by the NAT's network name. */
    private final Map<String, InetSocketAddress> natMappings = new ConcurrentHashMap<>();
    /** Who sent from an address: containers by address, JVM sockets by address and port; never forgotten. */
    private final Map<InetAddress, String> containerNames = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, String> socketNames = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "lab timer"));
    private final ExecutorService background = Executors.newCachedThreadPool(r -> daemon(r, "lab ping"));
    private int nextWgsimPort;
    private int pingIdentifier;
    private boolean closed;

    /** An impairment relay between a wgsim peer and the container, and which side's link it models. */
    private record Relay(String wgsimPeer, String container, ImpairmentRelay relay) {}

    /**
     * Connects to the Docker engine (failing with what to install or start when none answers) and
     * prepares the scenario's files: the capture at {@code capture}, its parts and key log under
     * target/lab-real/.
     */
    public DockerLab(long seed, Path capture) {
        this.seed = seed;
        this.capture = capture;
        this.startEpochNanos = epochNanos(Instant.now());
        String base = capture.getFileName().toString().replaceFirst("\\.pcapng$", "");
        this.work = WORK.resolve(capture.getParent() == null ? Path.of(".") : capture.getParent()).resolve(base);
        this.keyLog = work.resolve("keys.log");
        this.sut = SystemUnderTest.fromSystemProperties();
        try {
            Files.createDirectories(work);
            Files.deleteIfExists(keyLog);
            Files.createFile(keyLog, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + work + " for the lab's captures: " + e.getMessage(), e);
        }
        this.engine = DockerEngine.connect();
        sweepOnce(engine);
    }

    /**
     * Before the JVM's first lab makes anything, removes what an interrupted run left (everything labelled
     * as the lab's); later labs wait for it here, so the sweep never meets a lab of this run.
     */
    private static void sweepOnce(DockerEngine engine) {
        synchronized (NETWORKS_LOCK) {
            if (!swept) {
                List<String> removed = engine.sweep();
                if (!removed.isEmpty()) {
                    System.err.println("DockerLab: removed what an earlier run left: " + removed);
                }
                swept = true;
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static long epochNanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Override public String backend() {
        return "real";
    }

    // ---- building ----

    /** A lab network; Docker picks its /24 in 198.18.1.0 .. 198.18.63.0, so {@code subnet} is only a wish. */
    @Override public void addNetwork(String name, Cidr subnet) {
        if (networks.containsKey(name)) {
            throw new IllegalArgumentException("the lab already has a network named " + name);
        }
        LabNetwork n;
        synchronized (NETWORKS_LOCK) { // labs in parallel must not pick the same free /24
            n = LabNetwork.create(engine, name);
        }
        networks.put(name, n);
        networksSeenByNats.add(n);
        captures.put(name, LiveCapture.start(n, work.resolve(name + ".pcapng"), keyLog, List.of()));
        if (loopback == null) {
            loopback = LiveCapture.start(LOOPBACK, LOOPBACK_FILTER, "the host's loopback",
                    work.resolve(LOOPBACK + ".pcapng"), keyLog, List.of());
        }
    }

    /**
     * A network behind a NAT in this JVM ({@link JvmNat}): only wgsim peers live there, on loopback, and
     * their datagrams leave from the gateway address of the network of the peer they are sent to.
     */
    @Override public void addNattedNetwork(String name, Cidr subnet, Duration mappingTimeout) {
        if (networks.containsKey(name) || nats.containsKey(name)) {
            throw new IllegalArgumentException("the lab already has a network named " + name);
        }
        nats.put(name, new JvmNat(name, mappingTimeout, this::gatewayTowards,
                (nat, outside) -> natMappings.put(nat, outside)));
    }

    /** The gateway of the lab network {@code remote} is on (a NAT's public side faces it). */
    private InetAddress gatewayTowards(InetSocketAddress remote) {
        for (LabNetwork n : networksSeenByNats) {
            if (n.subnet().contains(remote.getAddress().getAddress())) {
                return n.gateway();
            }
        }
        return remote.getAddress(); // a JVM socket on a gateway already
    }

    @Override public void addPeer(String name, PeerRole role, String network, List<Cidr> tunnelAddresses, int listenPort) {
        requireNewName(name);
        PrivateKey key = keyFor(name, 0);
        if (nats.containsKey(network)) {
            if (role == PeerRole.UNDER_TEST) {
                throw new UnsupportedOperationException("the real lab puts only wgsim peers behind a NAT, not the container");
            }
            keyGenerations.put(name, 0);
            announceStaticKey(key);
            nextWgsimPort++; // its port on loopback is the system's choice: labs run side by side, and nobody names it
            wgsim.put(name, new LabWgsimPeer(name, key, tunnelAddresses,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), keyLog));
            networkOf.put(name, network);
            return;
        }
        LabNetwork n = network(network);
        keyGenerations.put(name, 0);
        if (role == PeerRole.UNDER_TEST) {
            LabContainerPeer c = new LabContainerPeer(engine, sut, name, n, key, tunnelAddresses, listenPort);
            containers.put(name, c);
            containerNames.put(c.outerAddress(), name);
        } else {
            announceStaticKey(key);
            int port = listenPort + nextWgsimPort++;
            LabWgsimPeer p = new LabWgsimPeer(name, key, tunnelAddresses, new InetSocketAddress(n.gateway(), port), keyLog);
            wgsim.put(name, p);
            socketNames.put(p.localAddress(), name);
        }
        networkOf.put(name, network);
    }

    @Override public void addAttacker(String name, String network) {
        requireNewName(name);
        try {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(network(network).gateway(), 0));
            attackers.put(name, socket);
            socketNames.put((InetSocketAddress) socket.getLocalSocketAddress(), name);
            networkOf.put(name, network);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open attacker " + name + "'s socket: " + e.getMessage(), e);
        }
    }

    private void requireNewName(String name) {
        if (wgsim.containsKey(name) || containers.containsKey(name) || attackers.containsKey(name)) {
            throw new IllegalArgumentException("the lab already has a node named " + name);
        }
    }

    private LabNetwork network(String name) {
        LabNetwork n = networks.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no network named " + name + " (networks: " + networks.keySet() + ")");
        }
        return n;
    }

    private PrivateKey keyFor(String name, int generation) {
        return PrivateKey.generate(RandomStream.derive(seed, "lab-key:" + name + "#" + generation));
    }

    /** wireguard-go's sessions with a wgsim peer decrypt only with the wgsim peer's static key in the log. */
    private void announceStaticKey(PrivateKey key) {
        try {
            Files.writeString(keyLog, "LOCAL_STATIC_PRIVATE_KEY = " + key.toBase64() + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key log " + keyLog + ": " + e.getMessage(), e);
        }
    }

    @Override public PrivateKey privateKey(String peer) {
        if (wgsim.containsKey(peer)) {
            return wgsim.get(peer).key();
        }
        return container(peer).key();
    }

    @Override public PeerRole role(String peer) {
        if (wgsim.containsKey(peer)) {
            return PeerRole.WGSIM;
        }
        container(peer);
        return PeerRole.UNDER_TEST;
    }

    private LabContainerPeer container(String name) {
        LabContainerPeer c = containers.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no peer named " + name + " in this scenario (peers: " + peerNames() + ")");
        }
        return c;
    }

    private List<String> peerNames() {
        List<String> all = new ArrayList<>(wgsim.keySet());
        all.addAll(containers.keySet());
        return all;
    }

    // ---- configuration ----

    @Override public void configure(String peer, PeerEntry e) {
        role(peer);
        role(e.remote());
        entries.computeIfAbsent(peer, k -> new LinkedHashMap<>()).put(e.remote(), e);
        apply(peer, e);
    }

    private void apply(String peer, PeerEntry e) {
        InetSocketAddress endpoint = e.endpoint() ? endpointFor(peer, e.remote()) : null;
        LabWgsimPeer w = wgsim.get(peer);
        if (w != null) {
            w.configure(new PeerSettings(e.publicKey(), e.presharedKey(), e.allowedIps(), endpoint, e.persistentKeepalive()));
        } else {
            container(peer).configure(e.publicKey(), e.presharedKey().isNone() ? null : e.presharedKey().toBase64(),
                    e.allowedIps(), endpoint, Math.toIntExact(e.persistentKeepalive().toSeconds()));
        }
    }

    /** Where {@code peer} sends to reach {@code remote}: its address, or the relay between them. */
    private InetSocketAddress endpointFor(String peer, String remote) {
        JvmNat nat = nats.get(networkOf.get(peer));
        if (nat != null) {
            return nat.insideFor(reachableAddress(remote));
        }
        Relay r = relayBetween(peer, remote);
        if (r != null) {
            return peer.equals(r.wgsimPeer()) ? r.relay().sideA() : r.relay().sideB();
        }
        return reachableAddress(remote);
    }

    private Relay relayBetween(String a, String b) {
        Relay r = relays.get(a + "/" + b);
        return r != null ? r : relays.get(b + "/" + a);
    }

    @Override public void removePeerEntry(String peer, PublicKey key) {
        Map<String, PeerEntry> mine = entries.getOrDefault(peer, Map.of());
        mine.values().removeIf(e -> e.publicKey().equals(key));
        LabWgsimPeer w = wgsim.get(peer);
        if (w != null) {
            w.removePeer(key);
        } else {
            container(peer).removePeer(key);
        }
    }

    @Override public InetSocketAddress reachableAddress(String name) {
        if (nats.containsKey(networkOf.get(name))) {
            throw new IllegalStateException(name + " is behind a NAT: nobody outside can name an endpoint for it");
        }
        LabWgsimPeer w = wgsim.get(name);
        if (w != null) {
            return w.localAddress();
        }
        DatagramSocket a = attackers.get(name);
        if (a != null) {
            return (InetSocketAddress) a.getLocalSocketAddress();
        }
        return container(name).reachableAddress();
    }

    @Override public InetAddress outerAddress(String name) {
        JvmNat nat = nats.get(networkOf.get(name));
        if (nat != null) {
            InetAddress a = nat.publicAddress();
            if (a == null) {
                throw new IllegalStateException(name + "'s NAT has mapped nothing yet: it has no outer address");
            }
            return a;
        }
        return reachableAddress(name).getAddress();
    }

    // ---- the outer network ----

    @Override public LinkModel baseLink() {
        return LinkModel.IDEAL;
    }

    /**
     * Puts an {@link ImpairmentRelay} between the wgsim peer and the container (whichever of them
     * {@code peer} is) and points both at it. Only one side of a path can be impaired: the relay models the
     * path, not two access links.
     */
    @Override public void impair(String peer, LinkModel up, LinkModel down) {
        String w;
        String c;
        boolean wgsimSide = wgsim.containsKey(peer);
        if (wgsimSide) {
            w = peer;
            c = onlyOne(containers.keySet(), "container");
        } else {
            container(peer);
            c = peer;
            w = onlyOne(wgsim.keySet(), "wgsim peer");
        }
        LinkModel forward = wgsimSide ? up : down;
        LinkModel backward = wgsimSide ? down : up;
        Relay r = relays.get(w + "/" + c);
        if (r != null) {
            r.relay().replaceModel(ImpairmentRelay.Direction.FORWARD, forward);
            r.relay().replaceModel(ImpairmentRelay.Direction.BACKWARD, backward);
            return;
        }
        ImpairmentRelay relay;
        try {
            relay = ImpairmentRelay.open(new ImpairmentRelay.Settings("lab-" + w + "-" + c, seed,
                    new InetSocketAddress(wgsim.get(w).localAddress().getAddress(), 0),
                    new InetSocketAddress(network(networkOf.get(c)).gateway(), 0),
                    containers.get(c).reachableAddress(), forward, backward));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the impairment relay between " + w + " and " + c + ": " + e.getMessage(), e);
        }
        relay.start();
        relays.put(w + "/" + c, new Relay(w, c, relay));
        socketNames.put(relay.sideB(), w);
        socketNames.put(relay.sideA(), c);
        if (entries.getOrDefault(w, Map.of()).containsKey(c)) {
            wgsim.get(w).setEndpoint(containers.get(c).key().publicKey(), relay.sideA());
        }
        PeerEntry back = entries.getOrDefault(c, Map.of()).get(w);
        if (back != null) {
            containers.get(c).setEndpoint(back.publicKey(), relay.sideB());
        }
    }

    private static String onlyOne(java.util.Set<String> names, String what) {
        if (names.size() != 1) {
            throw new UnsupportedOperationException("the real lab relays the path between one wgsim peer and one"
                    + " container; this scenario has " + names.size() + " " + what + "s " + names);
        }
        return names.iterator().next();
    }

    @Override public void move(String peer, String network) {
        if (nats.containsKey(network)) {
            throw new UnsupportedOperationException("the real lab does not move a peer behind a NAT");
        }
        LabNetwork to = network(network);
        LabWgsimPeer w = wgsim.get(peer);
        if (w != null) {
            boolean leavesNat = nats.containsKey(networkOf.get(peer));
            InetSocketAddress now = w.rebind(new InetSocketAddress(to.gateway(), w.localAddress().getPort()));
            socketNames.put(now, peer);
            networkOf.put(peer, network);
            if (leavesNat) { // its [Peer] sections pointed into the NAT; now it reaches them directly
                for (PeerEntry e : entries.getOrDefault(peer, Map.of()).values()) {
                    if (e.endpoint()) {
                        w.setEndpoint(e.publicKey(), endpointFor(peer, e.remote()));
                    }
                }
            }
        } else {
            LabContainerPeer c = container(peer);
            c.move(to);
            containerNames.put(c.outerAddress(), peer);
        }
        networkOf.put(peer, network);
    }

    @Override public void rebindNat(String network) {
        JvmNat nat = nats.get(network);
        if (nat == null) {
            throw new IllegalArgumentException("network " + network + " has no NAT (natted networks: " + nats.keySet() + ")");
        }
        nat.rebind();
    }

    @Override public void changeListenPort(String peer, int port) {
        LabWgsimPeer w = wgsim.get(peer);
        if (w != null) {
            socketNames.put(w.rebind(new InetSocketAddress(w.localAddress().getAddress(), port)), peer);
        } else {
            container(peer).changeListenPort(port);
        }
    }

    @Override public void restart(String peer) {
        restartWith(peer, null);
    }

    private void restartWith(String peer, PrivateKey key) {
        LabWgsimPeer w = wgsim.get(peer);
        if (w != null) {
            w.restart(key);
            for (PeerEntry e : entries.getOrDefault(peer, Map.of()).values()) {
                apply(peer, e);
            }
        } else {
            LabContainerPeer c = container(peer);
            c.restart(key);
            containerNames.put(c.outerAddress(), peer);
        }
    }

    @Override public PublicKey changePrivateKey(String peer) {
        int generation = keyGenerations.merge(peer, 1, Integer::sum);
        PrivateKey key = keyFor(peer, generation);
        if (wgsim.containsKey(peer)) {
            announceStaticKey(key);
        }
        restartWith(peer, key);
        return key.publicKey();
    }

    @Override public void shiftClock(String peer, Duration by) {
        throw new UnsupportedOperationException("the real lab cannot shift a clock: wireguard-go and the wgsim peer read the host's");
    }

    @Override public void setSendCounter(String peer, String remote, long counter) {
        throw new UnsupportedOperationException("the real lab cannot set a send counter: wireguard-go's cannot be set from outside");
    }

    @Override public void enableForwarding(String peer) {
        throw new UnsupportedOperationException("the real lab does not forward inner packets (routing loops are simulator only)");
    }

    // ---- traffic ----

    @Override public PingRun ping(String peer, String destination, String source, int count, Duration interval, int size) {
        String target = innerAddress(destination);
        LabWgsimPeer w = wgsim.get(peer);
        if (w == null) {
            return new ContainerPing(container(peer), target, source, count, interval, size, background);
        }
        byte[] dst = IpAddresses.parse(target).getAddress();
        byte[] src = source == null ? ownAddress(w.tunnelAddresses(), peer, dst.length == 4) : IpAddresses.parse(source).getAddress();
        RealPing ping = new RealPing(w, src, dst, ++pingIdentifier & 0xffff, count, size);
        ping.start(timer, interval.toNanos());
        return ping;
    }

    @Override public void sendUdp(String peer, String source, String destination, int port, int size, int ttl) {
        String target = innerAddress(destination);
        LabWgsimPeer w = wgsim.get(peer);
        if (w == null) {
            if (source != null || ttl != IpPackets.DEFAULT_TTL) {
                throw new UnsupportedOperationException("the real lab sends UDP from the container only from its own"
                        + " address with the default TTL");
            }
            container(peer).container().sendUdp(IpAddresses.parse(target), port, "x".repeat(Math.max(1, size)), 1);
            return;
        }
        byte[] dst = IpAddresses.parse(target).getAddress();
        byte[] src = source == null ? ownAddress(w.tunnelAddresses(), peer, dst.length == 4) : IpAddresses.parse(source).getAddress();
        w.sendInner(InnerPackets.withTtl(IpPackets.udp(src, dst, 40000, port, new byte[size]), ttl));
    }

    @Override public long udpReceived(String peer, int port) {
        LabWgsimPeer w = wgsim.get(peer);
        return w != null ? w.udpReceived(port) : container(peer).udpReceived();
    }

    /** A peer's name means its first tunnel address; anything else must be an IP address. */
    private String innerAddress(String nameOrAddress) {
        LabWgsimPeer w = wgsim.get(nameOrAddress);
        if (w != null) {
            return IpAddresses.format(w.tunnelAddresses().get(0).address());
        }
        LabContainerPeer c = containers.get(nameOrAddress);
        if (c != null) {
            return IpAddresses.format(c.tunnelAddresses().get(0).address());
        }
        return IpAddresses.format(IpAddresses.parse(nameOrAddress));
    }

    private static byte[] ownAddress(List<Cidr> addresses, String peer, boolean ipv4) {
        for (Cidr c : addresses) {
            if (c.isIpv4() == ipv4) {
                return c.address().getAddress();
            }
        }
        throw new IllegalArgumentException(peer + " has no IPv" + (ipv4 ? 4 : 6) + " tunnel address");
    }

    // ---- raw datagrams ----

    @Override public void inject(String from, String to, byte[] datagram) {
        send(attacker(from), reachableAddress(to), datagram.clone());
    }

    @Override public void injectRepeatedly(String from, String to, byte[] datagram, int count, Duration interval) {
        DatagramSocket socket = attacker(from);
        InetSocketAddress target = reachableAddress(to);
        byte[] copy = datagram.clone();
        if (interval.compareTo(FLOOD_INTERVAL) < 0) {
            // Closer than the shared timer can pace: exactly count datagrams, back to back.
            for (int i = 0; i < count; i++) {
                send(socket, target, copy);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            timer.schedule(() -> send(socket, target, copy), i * interval.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** As long as the simulator's flood, but in bursts that load wireguard-go ({@link #flood(DatagramSocket, InetSocketAddress, byte[], int, Duration)}). */
    @Override public void flood(String target, Duration during) {
        if (!attackers.containsKey("flooder")) {
            addAttacker("flooder", networkOf.get(target));
        }
        byte[] initiation = Forgery.strangerInitiation(seed, publicKey(target), unixNanosNow());
        int count = (int) (during.toMillis() * SimLab.FLOOD_PER_SECOND / 1000);
        flood(attacker("flooder"), reachableAddress(target), initiation, count,
                Duration.ofNanos(1_000_000_000L / SimLab.FLOOD_PER_SECOND));
    }

    /**
     * A flood, as it must be to load wireguard-go: it counts itself under load only while its handshake
     * queue holds 128 messages (QueueHandshakeSize / 8), and it empties that queue faster than datagrams
     * paced a few milliseconds apart arrive. So the flood comes in bursts for as long as the paced one
     * would last, each of at least {@value #FLOOD_BURST} datagrams and {@link #FLOOD_PERIOD} apart.
     * wireguard-go stays under load for UnderLoadAfterTime, 1 s, after each burst; bursts a whole second
     * apart left no margin, and a burst a little late (the lab's timer is shared) let an initiation
     * through without a cookie reply in one CI run. Half a second apart, a burst may be up to that late.
     */
    private void flood(DatagramSocket socket, InetSocketAddress target, byte[] datagram, int count, Duration interval) {
        long period = FLOOD_PERIOD.toNanos();
        long bursts = Math.max(1, (count * interval.toNanos() + period - 1) / period);
        int burst = (int) Math.max(FLOOD_BURST, Math.min(count, period / Math.max(1, interval.toNanos())));
        for (long i = 0; i < bursts; i++) {
            timer.schedule(() -> {
                for (int k = 0; k < burst; k++) {
                    send(socket, target, datagram);
                }
            }, i * period, TimeUnit.NANOSECONDS);
        }
    }

    private DatagramSocket attacker(String name) {
        DatagramSocket s = attackers.get(name);
        if (s == null) {
            throw new UnsupportedOperationException("in the real lab only an attacker sends raw datagrams; " + name
                    + " is not one (attackers: " + attackers.keySet() + ")");
        }
        return s;
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            if (!socket.isClosed()) {
                throw new UncheckedIOException("cannot send a raw datagram to " + to + ": " + e.getMessage(), e);
            }
        }
    }

    // ---- time ----

    @Override public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override public long unixNanosNow() {
        return epochNanos(Instant.now());
    }

    @Override public void advance(Duration d) {
        sleep(d.toNanos());
    }

    @Override public boolean awaitCondition(Duration limit, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            sleep(Math.min(left, POLL.toNanos()));
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while time passed in the real lab", e);
        }
    }

    @Override public Duration pollInterval() {
        return POLL;
    }

    // ---- observing ----

    @Override public Optional<PeerView> view(String peer, PublicKey remote) {
        LabWgsimPeer w = wgsim.get(peer);
        if (w == null) {
            return container(peer).view(remote);
        }
        for (PeerStatus s : w.status().peers()) {
            if (s.publicKey().equals(remote)) {
                return Optional.of(new PeerView(s.publicKey(), s.endpoint(), s.allowedIps(), s.latestHandshakeEpochSeconds(),
                        s.rxBytes(), s.txBytes(), s.persistentKeepaliveSeconds()));
            }
        }
        return Optional.empty();
    }

    @Override public List<WireMessage> wire() {
        List<CapturedWire.Frame> frames = frames(true);
        List<WireMessage> out = new ArrayList<>();
        for (CapturedWire.Frame f : frames) {
            if (f.packet() != null) {
                out.add(CapturedWire.message(f.record().timestampNanos() - startEpochNanos, f.packet(), this::nodeAt));
            }
        }
        return out;
    }

    /** Every network's frames so far, and this lab's frames on loopback, in time order. */
    private List<CapturedWire.Frame> frames(boolean flush) {
        List<CapturedWire.Frame> all = new ArrayList<>();
        for (Map.Entry<String, LiveCapture> e : captures.entrySet()) {
            if (flush) {
                e.getValue().flush();
            }
            all.addAll(CapturedWire.read(e.getValue().file()));
        }
        if (loopback != null) {
            if (flush) {
                loopback.flush();
            }
            all.addAll(loopbackFrames());
        }
        all.sort(Comparator.comparingLong(f -> f.record().timestampNanos()));
        return all;
    }

    private List<CapturedWire.Frame> loopbackFrames() {
        List<CapturedWire.Frame> out = new ArrayList<>();
        for (CapturedWire.Frame f : CapturedWire.read(loopback.file())) {
            if (ownLoopbackFrame(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Whether a loopback frame is this lab's: from one of its gateways to one of them, and not on
     * the wgsim side of an impairment relay (the relay's side towards the container is on the
     * bridge, and a message must not appear twice).
     */
    private boolean ownLoopbackFrame(CapturedWire.Frame f) {
        if (f.packet() == null) {
            return false;
        }
        InetSocketAddress from = f.packet().source();
        InetSocketAddress to = f.packet().destination();
        if (!isGateway(from.getAddress()) || !isGateway(to.getAddress())) {
            return false;
        }
        for (Relay r : relays.values()) {
            if (r.relay().sideA().equals(from) || r.relay().sideA().equals(to)) {
                return false;
            }
        }
        return true;
    }

    private boolean isGateway(InetAddress address) {
        for (LabNetwork n : networks.values()) {
            if (n.gateway().equals(address)) {
                return true;
            }
        }
        return false;
    }

    private String nodeAt(InetSocketAddress address) {
        String s = socketNames.get(address);
        if (s != null) {
            return s;
        }
        for (Map.Entry<String, InetSocketAddress> e : natMappings.entrySet()) {
            if (e.getValue().getAddress().equals(address.getAddress()) && e.getValue().getPort() == address.getPort()) {
                String behind = onlyPeerOn(e.getKey());
                if (behind != null) {
                    return behind;
                }
            }
        }
        String c = containerNames.get(address.getAddress());
        return c != null ? c : "?";
    }

    /** The one peer on a network, or null. */
    private String onlyPeerOn(String network) {
        List<String> on = new ArrayList<>();
        networkOf.forEach((peer, n) -> {
            if (n.equals(network)) {
                on.add(peer);
            }
        });
        return on.size() == 1 ? on.get(0) : null;
    }

    @Override public Optional<List<DeviceEvent>> events(String peer) {
        LabWgsimPeer w = wgsim.get(peer);
        if (w == null) {
            container(peer);
            return Optional.empty();
        }
        return Optional.of(w.events());
    }

    @Override public Path capture() {
        return capture;
    }

    /**
     * Stops the peers, relays and captures, writes the scenario's capture and removes every container and
     * network of the lab; each step is tried, the first failure thrown at the end.
     */
    @Override public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        attempt(failures, timer::shutdownNow);
        attempt(failures, background::shutdownNow);
        for (Relay r : relays.values()) {
            attempt(failures, () -> closeRelay(r.relay()));
        }
        for (LabWgsimPeer p : wgsim.values()) {
            attempt(failures, p::close);
        }
        for (JvmNat n : nats.values()) {
            attempt(failures, n::close);
        }
        attackers.values().forEach(DatagramSocket::close);
        attempt(failures, this::wakeCaptures);
        for (LiveCapture c : captures.values()) {
            attempt(failures, c::close);
        }
        if (loopback != null) {
            attempt(failures, loopback::close);
        }
        attempt(failures, this::writeCapture);
        attempt(failures, engine::close);
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /**
     * A capture on a bridge that saw no packet for a while may sit in libpcap's read until the next one,
     * and would miss its stop; one datagram to each network's broadcast address (discard port) wakes it.
     */
    private void wakeCaptures() {
        try (DatagramSocket s = new DatagramSocket(null)) {
            s.setBroadcast(true);
            for (LabNetwork n : networks.values()) {
                byte[] broadcast = n.subnet().address().getAddress();
                broadcast[3] = (byte) 255;
                s.send(new DatagramPacket(new byte[0], 0, new InetSocketAddress(IpAddresses.fromBytes(broadcast), 9)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wake the lab's captures: " + e.getMessage(), e);
        }
        if (loopback == null) {
            return;
        }
        // The loopback capture's filter wants lab addresses at both ends: a gateway to itself.
        InetAddress gateway = networks.values().iterator().next().gateway();
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(gateway, 0))) {
            s.send(new DatagramPacket(new byte[0], 0, new InetSocketAddress(gateway, 9)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wake the lab's captures: " + e.getMessage(), e);
        }
    }

    private static void closeRelay(ImpairmentRelay relay) {
        try {
            relay.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    /** The networks' captures as one pcapng: an interface per network, the whole key log first, frames in time order. */
    private void writeCapture() {
        try {
            Path parent = capture.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            List<String> keys = new ArrayList<>();
            for (String line : Files.readAllLines(keyLog, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    keys.add(line);
                }
            }
            try (PcapngWriter out = PcapngWriter.create(capture)) {
                List<CapturedWire.Frame> frames = new ArrayList<>();
                for (Map.Entry<String, LiveCapture> e : captures.entrySet()) {
                    String bridge = networks.get(e.getKey()).bridge();
                    int id = out.addInterface(LinkType.ETHERNET, bridge + " (" + e.getKey() + ")");
                    addAs(id, CapturedWire.read(e.getValue().file()), frames);
                }
                List<CapturedWire.Frame> local = loopback == null ? List.of() : loopbackFrames();
                if (!local.isEmpty()) {
                    addAs(out.addInterface(LinkType.ETHERNET, LOOPBACK + " (JVM sockets on the gateways)"), local, frames);
                }
                if (!keys.isEmpty()) {
                    out.writeWireGuardKeyLog(keys);
                }
                frames.sort(Comparator.comparingLong(f -> f.record().timestampNanos()));
                for (CapturedWire.Frame f : frames) {
                    out.writePacket(f.record().interfaceId(), f.record().timestampNanos(), f.record().data());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scenario's capture " + capture + ": " + e.getMessage(), e);
        }
    }

    /** Adds {@code from} to {@code into} as frames of the merged capture's interface {@code id}. */
    private static void addAs(int id, List<CapturedWire.Frame> from, List<CapturedWire.Frame> into) {
        for (CapturedWire.Frame f : from) {
            CaptureRecord r = f.record();
            into.add(new CapturedWire.Frame(new CaptureRecord(id, r.linkType(), r.timestampNanos(),
                    r.originalLength(), r.data()), f.packet()));
        }
    }

    @Override public String toString() {
        return "DockerLab[" + engine + ", peers " + peerNames() + ", networks " + networks.keySet() + "]";
    }
}
