package io.wgsim.real;

import io.wgsim.sim.link.Delivery;
import io.wgsim.sim.link.LinkCounters;
import io.wgsim.sim.link.LinkModel;
import io.wgsim.sim.link.LinkOutput;
import io.wgsim.sim.link.NetemSyntax;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A UDP relay between two real peers that applies the simulator's link model in real time, since the
 * lab machines have no netem. The same netem options and seed mean the same thing here as in a
 * simulation: each direction is a {@link io.wgsim.sim.link.LinkChannel} drawing from
 * {@code RandomStream.derive(seed, "relay:<name>:forward")} (or {@code :backward}), so which datagrams
 * are lost, duplicated or corrupted depends only on the seed and the order the datagrams arrive in, not
 * on timing (a rate or a queue limit, being about time, is the exception).
 *
 * <p>Side A faces peer 1 and side B faces peer 2. Peer 2's endpoint is configured; peer 1's is learnt
 * from the latest datagram arriving on A, so a roaming peer 1 is followed, as a NAT would. What peer 1
 * sends goes {@link Direction#FORWARD} out of B to peer 2; what peer 2 sends to B goes
 * {@link Direction#BACKWARD} out of A to peer 1's latest endpoint. Nothing is ever sent anywhere else:
 * a datagram on B from anyone but peer 2, or on B before peer 1 has spoken, is refused (counted).
 *
 * <p>One thread, started by {@link #start()}, runs a selector loop over both sockets. Accepted copies
 * wait in a priority queue ordered by (delivery time, acceptance order), and the selector sleeps until
 * the first is due. Time is {@link System#nanoTime()} since the relay was opened, so a model's own
 * partitions ({@code partition 10s-20s}) are times since then. {@link #replaceModel},
 * {@link #setPartitioned}, {@link #counters} and {@link #close()} are safe from any thread.
 */
public final class ImpairmentRelay implements AutoCloseable {
    /** The largest UDP payload over IPv4 or IPv6 without jumbograms. */
    private static final int MAX_DATAGRAM = 65535;
    /** Datagrams read from one socket per wakeup, so a flood on one side cannot starve the other or the queue. */
    private static final int RECEIVE_BATCH = 256;
    /** Socket buffers large enough that a burst on loopback is not lost before the relay reads it. */
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    /** Which way a datagram travels. */
    public enum Direction {
        /** From peer 1 (side A) to peer 2 (out of side B). */
        FORWARD,
        /** From peer 2 (side B) to peer 1 (out of side A). */
        BACKWARD
    }

    /**
     * How to set up a relay. Both sides bind a specific address (a wildcard is refused, so a relay only
     * listens where it was told to); port 0 lets the system choose.
     *
     * @param name     names the relay's random streams, {@code relay:<name>:forward} and {@code :backward}
     * @param seed     the seed those streams derive from
     * @param sideA    where peer 1 sends
     * @param sideB    where datagrams to peer 2 leave from, and where peer 2 answers
     * @param peer2    peer 2's real endpoint
     * @param forward  the link model from peer 1 to peer 2
     * @param backward the link model from peer 2 to peer 1
     */
    public record Settings(String name, long seed, InetSocketAddress sideA, InetSocketAddress sideB,
                           InetSocketAddress peer2, LinkModel forward, LinkModel backward) {
        public Settings {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a relay needs a non-empty name (it names its random streams)");
            }
            checkSpecific("sideA", sideA);
            checkSpecific("sideB", sideB);
            Objects.requireNonNull(peer2, "peer2");
            if (peer2.isUnresolved() || peer2.getPort() == 0) {
                throw new IllegalArgumentException("peer2 " + peer2 + " must be an IP address and a port");
            }
            Objects.requireNonNull(forward, "forward");
            Objects.requireNonNull(backward, "backward");
        }

        /** A relay on 127.0.0.1 (ports chosen by the system) to {@code peer2}, ideal both ways. */
        public static Settings loopback(String name, long seed, InetSocketAddress peer2) {
            InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            return new Settings(name, seed, any, any, peer2, LinkModel.IDEAL, LinkModel.IDEAL);
        }

        /** The same, with {@code model} in both directions. */
        public Settings withModel(LinkModel model) {
            return new Settings(name, seed, sideA, sideB, peer2, model, model);
        }

        /** The same, with netem {@code options} in both directions. */
        public Settings withNetem(String options) {
            return withModel(NetemSyntax.parse(options));
        }

        public Settings withModels(LinkModel forwardModel, LinkModel backwardModel) {
            return new Settings(name, seed, sideA, sideB, peer2, forwardModel, backwardModel);
        }

        private static void checkSpecific(String field, InetSocketAddress address) {
            Objects.requireNonNull(address, field);
            if (address.isUnresolved()) {
                throw new IllegalArgumentException(field + " " + address + " must be an IP address");
            }
            if (address.getAddress().isAnyLocalAddress()) {
                throw new IllegalArgumentException(field + " " + EventLines.endpoint(address)
                        + " is a wildcard: a relay binds only the address it is given, such as 127.0.0.1");
            }
        }
    }

    /**
     * What one direction has done so far.
     *
     * @param link         the link's view: offered, delivered (accepted for sending), duplicated,
     *                     corrupted, reordered and dropped by reason; drops by the partition switch count
     *                     as {@link io.wgsim.sim.link.LinkDropReason#PARTITION}
     * @param sent         copies written to the outgoing socket
     * @param sendFailures copies the outgoing socket refused
     * @param refused      datagrams never offered to the link: from a stranger on side B, or from peer 2
     *                     before peer 1's endpoint was known
     */
    public record Counters(Direction direction, LinkCounters link, long sent, long sendFailures, long refused) {
        public Counters {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(link, "link");
        }
    }

    private final Settings settings;
    private final DriverClock clock = new DriverClock(System::nanoTime, 0);
    private final Selector selector;
    private final DatagramChannel sideA;
    private final DatagramChannel sideB;
    private final InetSocketAddress localA;
    private final InetSocketAddress localB;
    private final RelayDirection forward;
    private final RelayDirection backward;
    private final PriorityQueue<PendingDelivery> pending = new PriorityQueue<>(PendingDelivery.ORDER);
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    private final Thread thread;

    private long nextSeq;
    private volatile InetSocketAddress peer1;
    private volatile boolean partitioned;
    private volatile boolean stopRequested;
    private volatile Throwable failure;
    private boolean started;
    private boolean closed;

    private ImpairmentRelay(Settings settings, Selector selector, DatagramChannel sideA, DatagramChannel sideB)
            throws IOException {
        this.settings = settings;
        this.selector = selector;
        this.sideA = sideA;
        this.sideB = sideB;
        this.localA = (InetSocketAddress) sideA.getLocalAddress();
        this.localB = (InetSocketAddress) sideB.getLocalAddress();
        this.forward = new RelayDirection(Direction.FORWARD, settings.name(), settings.seed(), settings.forward());
        this.backward = new RelayDirection(Direction.BACKWARD, settings.name(), settings.seed(), settings.backward());
        this.thread = new Thread(this::run, "wgsim-relay-" + settings.name());
        this.thread.setDaemon(true);
    }

    /** Binds both sides. Nothing is read or sent until {@link #start()}. */
    public static ImpairmentRelay open(Settings settings) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Selector selector = Selector.open();
        DatagramChannel a = null;
        DatagramChannel b = null;
        try {
            a = bind("side A", settings.sideA());
            b = bind("side B", settings.sideB());
            a.register(selector, SelectionKey.OP_READ, Direction.FORWARD);
            b.register(selector, SelectionKey.OP_READ, Direction.BACKWARD);
            return new ImpairmentRelay(settings, selector, a, b);
        } catch (IOException | RuntimeException e) {
            selector.close();
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
            throw e;
        }
    }

    private static DatagramChannel bind(String side, InetSocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open(address.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.bind(address);
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw new IOException("relay cannot listen on " + side + " " + EventLines.endpoint(address) + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Starts the relay's thread. */
    public synchronized void start() {
        if (closed || started) {
            throw new IllegalStateException(closed ? "the relay is closed" : "the relay is already started");
        }
        started = true;
        thread.start();
    }

    /** Where peer 1 should send: side A's bound address (with the port the system chose). */
    public InetSocketAddress sideA() {
        return localA;
    }

    /** Where datagrams to peer 2 come from, and where peer 2 answers. */
    public InetSocketAddress sideB() {
        return localB;
    }

    /** Peer 1's endpoint as last seen on side A, or null before it has sent anything. */
    public InetSocketAddress peer1() {
        return peer1;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Switches one direction to {@code model} from now on, as {@code tc qdisc change} would: copies already
     * accepted keep their times, and the impairments' memories restart (see
     * {@link io.wgsim.sim.link.LinkChannel#replaceModel}). Safe from any thread; in force when this returns.
     */
    public void replaceModel(Direction direction, LinkModel model) {
        Objects.requireNonNull(model, "model");
        side(direction).replaceModel(model);
    }

    /** The model in force in {@code direction}. */
    public LinkModel model(Direction direction) {
        return side(direction).model();
    }

    /**
     * Turns the partition switch on or off. While on, every datagram arriving in either direction is
     * dropped (counted as a partition drop) without reaching the link, so it draws no randomness; copies
     * accepted before still arrive, as with a model's own partitions. Safe from any thread; a datagram
     * that arrives after this returns sees the new setting.
     */
    public void setPartitioned(boolean value) {
        partitioned = value;
    }

    public boolean partitioned() {
        return partitioned;
    }

    /** What {@code direction} has done so far; safe from any thread. */
    public Counters counters(Direction direction) {
        return side(direction).counters();
    }

    /** Why the loop ended before {@link #close()}, or null. */
    public Throwable failure() {
        return failure;
    }

    /** Stops the loop, waits for its thread, and closes both sockets. Copies still pending are discarded. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stopRequested = true;
        selector.wakeup();
        try {
            if (thread.isAlive()) {
                thread.join(JOIN_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                selector.close();
            } finally {
                try {
                    sideA.close();
                } finally {
                    sideB.close();
                }
            }
        }
    }

    private RelayDirection side(Direction direction) {
        return Objects.requireNonNull(direction, "direction") == Direction.FORWARD ? forward : backward;
    }

    // ---- the loop: only the relay's thread runs below ----

    private void run() {
        try {
            while (!stopRequested) {
                await();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isReadable()) {
                        receiveBatch((Direction) key.attachment());
                    }
                }
                selector.selectedKeys().clear();
                sendDue(clock.now());
            }
        } catch (Throwable e) {
            if (!stopRequested) {
                failure = e;
            }
        }
    }

    /** Sleeps until a socket is readable, the first pending copy is due, or {@link #close()}. */
    private void await() throws IOException {
        PendingDelivery first = pending.peek();
        if (first == null) {
            selector.select();
            return;
        }
        long wait = first.atNanos() - clock.now();
        if (wait <= 0) {
            selector.selectNow();
        } else {
            // Rounded up, so the wait never ends before the copy is due (and select(0) would mean forever).
            selector.select(TimeUnit.NANOSECONDS.toMillis(wait + 999_999));
        }
    }

    private void receiveBatch(Direction direction) throws IOException {
        DatagramChannel channel = direction == Direction.FORWARD ? sideA : sideB;
        for (int i = 0; i < RECEIVE_BATCH; i++) {
            buffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    throw e;
                }
                return; // e.g. an ICMP port unreachable reported on the socket; the next read goes on
            }
            if (from == null) {
                return;
            }
            arrived(direction, from, Arrays.copyOf(buffer.array(), buffer.position()));
        }
    }

    private void arrived(Direction direction, InetSocketAddress from, byte[] datagram) {
        RelayDirection link = side(direction);
        if (direction == Direction.FORWARD) {
            peer1 = from; // the latest source on side A is where peer 1 now is
        } else if (!from.equals(settings.peer2()) || peer1 == null) {
            link.refuse();
            return;
        }
        if (partitioned) {
            link.dropForPartition();
            return;
        }
        long now = clock.now();
        for (LinkOutput output : link.offer(now, datagram)) {
            if (output instanceof Delivery delivery) {
                pending.add(new PendingDelivery(delivery.atNanos(), nextSeq++, direction, delivery.datagram()));
            }
        }
        sendDue(now);
    }

    private void sendDue(long now) {
        while (!pending.isEmpty() && pending.peek().atNanos() <= now) {
            PendingDelivery copy = pending.poll();
            boolean ok;
            if (copy.direction() == Direction.FORWARD) {
                ok = send(sideB, settings.peer2(), copy.datagram());
            } else {
                ok = send(sideA, peer1, copy.datagram());
            }
            side(copy.direction()).sent(ok);
        }
    }

    private static boolean send(DatagramChannel channel, InetSocketAddress to, byte[] datagram) {
        try {
            return channel.send(ByteBuffer.wrap(datagram), to) != 0;
        } catch (IOException e) {
            return false; // counted by the caller; a UDP send failing is news, not a reason to stop
        }
    }
}
