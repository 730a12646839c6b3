package io.wgsim.real;

import io.wgsim.config.PeerConfig;
import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import io.wgsim.protocol.Device;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.DeviceSink;
import io.wgsim.protocol.DeviceStatus;
import io.wgsim.protocol.PeerStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One wgsim WireGuard peer on a real UDP socket: the protocol core's real-world driver. A single thread
 * runs {@link #run()}, an event loop that waits on the socket until the device's next deadline (or the
 * pinger's, the status file's, the end of the run), then feeds the device what arrived and what is due.
 * Packets the device delivers go to the pinger or the {@link IpLayer}; their answers go back into the
 * device once the call that delivered them has returned, so the device is never re-entered.
 *
 * <p>Person-readable progress goes to {@code err}, ping lines to {@code out}; secrets go to the key
 * log only. {@link #stop()} and {@link #awaitFinished} may be called from other threads (a shutdown
 * hook); everything else belongs to the loop's thread.
 */
public final class RealPeer implements AutoCloseable {
    private static final long STATUS_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long NONE = Long.MAX_VALUE;

    private final PeerOptions options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final DriverClock clock;
    /** Replaced by {@link #rebind}; volatile because {@link #stop()} wakes it from other threads. */
    private volatile UdpSocket socket;
    private volatile InetSocketAddress localAddress;
    /** Work other threads asked the loop to do ({@link #rebind}, {@link #status()}), run between events. */
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    /** Set once the loop has ended: requests are then answered at once, as a stopped peer would. */
    private volatile boolean ended;
    private final KeyLogFile keyLog;
    private final StatusFile statusFile;
    private final Device device;
    private final IpLayer ipLayer;
    private final Pinger pinger;
    private final EventLines eventLines = new EventLines();
    /** Packets the device delivered during its current call; handled when the call has returned. */
    private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
    private final Set<String> toldFailures = new HashSet<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    private volatile boolean stopRequested;
    private volatile DeviceStatus finalStatus;
    private volatile Watcher watcher;
    private long internalErrors;

    private RealPeer(PeerOptions options, PrintWriter out, PrintWriter err, DriverClock clock, UdpSocket socket,
                     KeyLogFile keyLog) throws IOException {
        this.options = options;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.socket = socket;
        this.localAddress = socket.localAddress();
        this.keyLog = keyLog;
        this.statusFile = options.statusFile() == null ? null : new StatusFile(options.statusFile());
        Entropy entropy = Entropy.secure();
        this.device = new Device(DeviceConfig.device(options.config().iface(), localAddress.getPort(),
                clock.epochNanos(), keyLog != null), entropy, new Sink());
        this.ipLayer = new IpLayer(DeviceConfig.addresses(options.config().iface()));
        PeerOptions.Ping ping = options.ping();
        this.pinger = ping == null ? null
                : new Pinger(PeerOptions.pingSource(options.config(), ping.target()), ping.target(),
                        (int) entropy.nextLong(0x10000), ping.count(), ping.interval().toNanos(),
                        ping.replyTimeout().toNanos());
    }

    /**
     * Binds the socket and opens the key log (mode 0600, before any secret exists). Nothing is sent
     * until {@link #run()}.
     */
    public static RealPeer open(PeerOptions options, PrintWriter out, PrintWriter err) throws IOException {
        DriverClock clock = DriverClock.system();
        UdpSocket socket;
        try {
            socket = UdpSocket.bind(options.bind());
        } catch (IOException e) {
            throw new IOException("cannot listen on " + EventLines.endpoint(options.bind()) + ": " + e.getMessage(), e);
        }
        KeyLogFile keyLog = null;
        try {
            if (options.statusFile() != null) {
                Path parent = options.statusFile().toAbsolutePath().getParent();
                if (!Files.isDirectory(parent)) {
                    throw new IOException("cannot write status file " + options.statusFile() + ": no directory " + parent);
                }
            }
            if (options.keyLog() != null) {
                try {
                    keyLog = KeyLogFile.open(options.keyLog());
                } catch (IOException e) {
                    throw new IOException("cannot open key log " + options.keyLog() + ": "
                            + (e instanceof NoSuchFileException ? "no such directory" : e.getMessage()), e);
                }
            }
            return new RealPeer(options, out, err, clock, socket, keyLog);
        } catch (IOException | RuntimeException e) {
            socket.close();
            if (keyLog != null) {
                keyLog.close();
            }
            throw e;
        }
    }

    /** The address the socket is bound to (with the port the system chose, if it chose). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public PublicKey publicKey() {
        return device.publicKey();
    }

    /**
     * Runs until {@link #stop()}, the end of {@code runFor}, or, with a ping, until every reply is in or
     * the reply timeout passed. Then writes the status file a last time and prints the summaries.
     * Returns the exit code: with a ping, 0 only if every request was answered; else 0.
     */
    public int run() throws IOException {
        try {
            loop();
        } finally {
            finish();
        }
        return pinger == null || pinger.summary().complete() ? 0 : 1;
    }

    /** Asks the loop to end soon; safe from any thread. */
    public void stop() {
        stopRequested = true;
        socket.wakeup();
    }

    /**
     * Asks the loop to move to a new UDP address (a port change, as {@code wg set listen-port} makes):
     * binds the new socket, then closes the old one. Sessions are kept; a peer learns the new endpoint
     * from our next authenticated packet. Completes with the address bound, or exceptionally when the
     * bind failed (the old socket is then kept) or the peer has stopped. Safe from any thread.
     */
    public CompletableFuture<InetSocketAddress> rebind(InetSocketAddress address) {
        CompletableFuture<InetSocketAddress> done = new CompletableFuture<>();
        submit(running -> {
            if (!running) {
                done.completeExceptionally(new IllegalStateException("the peer has stopped: nothing to rebind"));
                return;
            }
            try {
                UdpSocket fresh = UdpSocket.bind(address);
                UdpSocket old = socket;
                socket = fresh;
                localAddress = fresh.localAddress();
                say("listening on UDP " + EventLines.endpoint(localAddress) + " (moved from "
                        + EventLines.endpoint(old.localAddress()) + ")");
                old.close();
                done.complete(localAddress);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /**
     * The device's status now, as the loop sees it (listen port as bound); once the peer has stopped, its
     * final status. Safe from any thread.
     */
    public CompletableFuture<DeviceStatus> status() {
        CompletableFuture<DeviceStatus> done = new CompletableFuture<>();
        submit(running -> done.complete(running ? currentStatus() : finalStatus));
        return done;
    }

    /**
     * Sees what the loop sees, on the loop's thread (so it must be quick and must not call back into the
     * peer): the device's events, secrets excepted, and every inner packet the device delivers.
     */
    public interface Watcher {
        void event(DeviceEvent event);

        void delivered(PublicKey from, byte[] packet);
    }

    /** Sets the one watcher (a lab driving this peer); before {@link #run()}. */
    public void watch(Watcher value) {
        this.watcher = value;
    }

    /**
     * Runs {@code action} on the loop's thread with the device and the driver clock's now, as wg(8) and
     * the kernel's IP stack do to an interface (a peer added, an inner packet sent), then handles what
     * the device delivered meanwhile. Completes exceptionally when the peer has stopped or the action
     * threw. Safe from any thread.
     */
    public CompletableFuture<Void> onDevice(DeviceAction action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(running -> {
            if (!running) {
                done.completeExceptionally(new IllegalStateException("the peer has stopped"));
                return;
            }
            long now = clock.now();
            try {
                action.run(device, now);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
            handleInbox(now);
        });
        return done;
    }

    /** Work on the device, on the loop's thread. */
    public interface DeviceAction {
        void run(Device device, long now);
    }

    /** A request from another thread; {@code running} is false when the loop has ended. */
    private interface Request {
        void run(boolean running);
    }

    private void submit(Request request) {
        requests.add(request);
        if (ended) {
            answerEnded(); // the loop is gone: whoever sees that answers (finish() may have drained already)
        } else {
            socket.wakeup();
        }
    }

    private void answerEnded() {
        Request request;
        while ((request = requests.poll()) != null) {
            request.run(false);
        }
    }

    private DeviceStatus currentStatus() {
        DeviceStatus status = device.status();
        return new DeviceStatus(status.publicKey(), localAddress.getPort(), status.peers(), status.drops());
    }

    /** Waits until {@link #run()} has written its last status and summaries; true if it has. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The device's status when the run ended, or null before. */
    public DeviceStatus finalStatus() {
        return finalStatus;
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            if (keyLog != null) {
                keyLog.close();
            }
        }
    }

    // ---- the loop ----

    private void loop() throws IOException {
        announce();
        long now = clock.now();
        for (PeerConfig peer : options.config().peers()) {
            device.addPeer(now, DeviceConfig.peer(peer));
        }
        long endAt = options.runFor() == null ? NONE : now + options.runFor().toNanos();
        long statusAt = statusFile == null ? NONE : now;
        while (!stopRequested) {
            Request request;
            while ((request = requests.poll()) != null) {
                request.run(true);
            }
            socket.receiveAll(this::onDatagram);
            now = clock.now();
            if (device.nextDeadline() <= now) {
                device.tick(now);
                handleInbox(now);
            }
            if (pinger != null) {
                if (pinger.nextSendAt() <= now) {
                    device.sendPacket(now, pinger.nextRequest(now));
                    handleInbox(now);
                }
                if (pinger.done(now)) {
                    return;
                }
            }
            if (now >= statusAt) {
                writeStatus();
                statusAt = now + STATUS_PERIOD_NANOS;
            }
            if (now >= endAt) {
                return;
            }
            long wakeAt = Math.min(Math.min(device.nextDeadline(), statusAt), endAt);
            if (pinger != null) {
                wakeAt = Math.min(wakeAt, pinger.wakeAt());
            }
            socket.await(wakeAt == NONE ? UdpSocket.FOREVER : wakeAt <= now ? 0 : wakeAt - clock.now());
        }
    }

    private void onDatagram(InetSocketAddress from, byte[] datagram, int length) {
        long now = clock.now();
        try {
            // The socket reads every datagram into one buffer it owns, so the device may decrypt in it.
            device.receiveDatagramInPlace(now, from, datagram, length);
        } catch (RuntimeException e) {
            // The core promises to drop bad input with a reason; if it throws instead, that is a bug in
            // wgsim. Say so loudly once, and keep serving: one datagram must not end the peer.
            if (internalErrors++ == 0) {
                say("internal error on a datagram from " + EventLines.endpoint(from)
                        + " (a bug in wgsim; further ones are only counted):");
                e.printStackTrace(err);
                err.flush();
            }
        }
        handleInbox(now);
    }

    /** Hands each delivered packet to the pinger, else to the IP layer, and sends the answers back in. */
    private void handleInbox(long now) {
        byte[] packet;
        while ((packet = inbox.pollFirst()) != null) {
            Pinger.Reply reply = pinger == null ? null : pinger.accept(now, packet);
            if (reply != null) {
                out.println(reply.line());
                out.flush();
                continue;
            }
            byte[] answer = ipLayer.answer(packet);
            if (answer != null) {
                device.sendPacket(now, answer); // the send path delivers nothing: no new inbox entries
            }
        }
    }

    // ---- what a person sees ----

    private void announce() {
        String where = localAddress.getAddress().isAnyLocalAddress()
                ? "*:" + localAddress.getPort() + " (all addresses)" : EventLines.endpoint(localAddress);
        say("listening on UDP " + where + ", public key " + device.publicKey());
        List<Cidr> addresses = options.config().iface().addresses();
        if (!addresses.isEmpty()) {
            say("tunnel addresses " + addresses.stream().map(c -> IpAddresses.format(c.address()))
                    .collect(Collectors.joining(", ")) + " answer ping and UDP echo (port " + IpLayer.UDP_ECHO_PORT + ")");
        }
        for (PeerConfig peer : options.config().peers()) {
            say("peer " + peer.publicKey() + " endpoint "
                    + (peer.endpoint() == null ? "(none until it sends)" : peer.endpoint().toString())
                    + ", allowed ips " + (peer.allowedIps().isEmpty() ? "(none)"
                    : peer.allowedIps().stream().map(Cidr::toString).collect(Collectors.joining(", ")))
                    + (peer.presharedKey().isNone() ? "" : ", with a preshared key"));
        }
        if (keyLog != null) {
            say("appending session keys to " + keyLog.path() + " (mode 0600)");
        }
        if (statusFile != null) {
            say("writing status to " + statusFile.path() + " every second");
        }
        if (options.ping() != null) {
            PeerOptions.Ping ping = options.ping();
            out.println("PING " + IpAddresses.format(ping.target()) + " from "
                    + IpAddresses.format(PeerOptions.pingSource(options.config(), ping.target())) + ": "
                    + Pinger.PAYLOAD_BYTES + " data bytes, " + ping.count() + " requests every "
                    + ping.interval().toMillis() + "ms");
            out.flush();
        }
    }

    private void finish() {
        try {
            DeviceStatus status = currentStatus();
            finalStatus = status;
            writeStatus();
            if (pinger != null) {
                for (String line : pinger.summary().lines()) {
                    out.println(line);
                }
                out.flush();
            }
            summarize(status);
        } finally {
            ended = true;
            answerEnded();
            finished.countDown();
        }
    }

    private void summarize(DeviceStatus status) {
        for (PeerStatus p : status.peers()) {
            say("peer " + p.publicKey() + ": " + p.txBytes() + " bytes sent, " + p.rxBytes() + " received"
                    + (p.latestHandshakeEpochSeconds() == 0 ? ", no handshake" : ""));
        }
        IpLayer.Counts counts = ipLayer.counts();
        if (counts.echoRequestsAnswered() + counts.udpEchoed() + counts.ignored() > 0) {
            say("tunnel: answered " + counts.echoRequestsAnswered() + " echo requests, echoed " + counts.udpEchoed()
                    + " UDP datagrams, ignored " + counts.ignored() + " packets");
        }
        if (!status.drops().isEmpty()) {
            say("dropped: " + status.drops().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        if (socket.sendFailures() + socket.receiveFailures() + internalErrors > 0) {
            say("socket: " + socket.sendFailures() + " send failures, " + socket.receiveFailures()
                    + " receive errors; " + internalErrors + " internal errors");
        }
    }

    private void writeStatus() {
        if (statusFile == null) {
            return;
        }
        try {
            statusFile.write(currentStatus());
        } catch (IOException e) {
            tellOnce("cannot write status file " + statusFile.path() + ": " + e);
        }
    }

    private void say(String line) {
        long millis = clock.now() / 1_000_000;
        err.println(String.format(Locale.ROOT, "wgsim: [%d.%03d] %s", millis / 1000, millis % 1000, line));
        err.flush();
    }

    /** Says a failure the first time it happens; the same failure again is only counted elsewhere. */
    private void tellOnce(String line) {
        if (toldFailures.add(line)) {
            say(line + " (told once)");
        }
    }

    /** What the device produces: datagrams go out at once, packets wait for the loop, events are told. */
    private final class Sink implements DeviceSink {
        @Override
        public void sendDatagram(InetSocketAddress to, byte[] datagram) {
            IOException failure = socket.send(to, datagram);
            if (failure != null) {
                tellOnce("cannot send to " + EventLines.endpoint(to) + ": " + failure.getMessage());
            }
        }

        /** Each datagram is written to the socket before sendDatagram returns. */
        @Override
        public boolean keepsDatagrams() {
            return false;
        }

        @Override
        public void deliverPacket(PublicKey peer, byte[] buffer, int offset, int length) {
            // The bytes are the device's only during this call; the inbox is handled after it returns.
            byte[] packet = Arrays.copyOfRange(buffer, offset, offset + length);
            Watcher w = watcher;
            if (w != null) {
                w.delivered(peer, packet.clone());
            }
            inbox.addLast(packet);
        }

        @Override
        public void event(DeviceEvent event) {
            if (event instanceof DeviceEvent.SessionSecrets secrets) {
                writeSecrets(secrets);
                return;
            }
            Watcher w = watcher;
            if (w != null) {
                w.event(event);
            }
            String line = eventLines.describe(event);
            if (line != null) {
                say(line);
            }
        }

        private void writeSecrets(DeviceEvent.SessionSecrets secrets) {
            if (keyLog == null) {
                return; // the device logs keys only when asked to, and it was asked only with a file
            }
            try {
                keyLog.append(secrets.lines());
            } catch (IOException e) {
                tellOnce("cannot append to key log " + keyLog.path() + ": " + e.getClass().getSimpleName());
            }
        }
    }
}
