package io.wgsim.real;

import io.wgsim.config.WgDump;
import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.IpAddresses;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wireguard-go peer in a network namespace of its own, joined to the root namespace by a veth pair:
 *
 * <pre>
 *   root namespace                         namespace wgsim-PID-N
 *   +----------------------------------+   +--------------------------------------+
 *   | wgsim peer (java -jar ... peer)  |   | wireguard-go -f wgPIDxN              |
 *   |   UDP 198.18.X.1:51820           |   |   UDP 198.18.X.2:51820               |
 *   |   tunnel 198.19.X.1 (userspace)  |   |   tunnel 198.19.X.2/24 on wgPIDxN    |
 *   |          fd00:198:19:X::1        |   |          fd00:198:19:X::2/64         |
 *   | veth wgsPIDhN 198.18.X.1/30 -----+---+---- veth wgsPIDnN 198.18.X.2/30      |
 *   +----------------------------------+   +--------------------------------------+
 * </pre>
 *
 * Names carry this JVM's PID, so runs in other worktrees never collide, and a run that was killed can
 * be recognised later: {@link #sweepStale()} removes namespaces whose PID is no longer alive. The
 * wireguard-go interface has a unique name too, because its control socket
 * ({@code /var/run/wireguard/NAME.sock}) lives in the file system, which namespaces share. X is a /24 in
 * 198.18.0.0/15 that no address in the root namespace uses. Everything is removed by {@link #close()},
 * and by a shutdown hook if the JVM is stopped first.
 */
final class WireGuardGoNamespace implements AutoCloseable {
    static final String PREFIX = "wgsim-";
    static final int WG_PORT = 51820;
    private static final long PID = ProcessHandle.current().pid();
    private static final Pattern OURS = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Set<WireGuardGoNamespace> OPEN = ConcurrentHashMap.newKeySet();
    private static final Path SOCKET_DIR = Path.of("/var/run/wireguard");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(WireGuardGoNamespace::closeQuietly),
                "wgsim-it-namespace-cleanup"));
    }

    final String name;
    final String hostVeth;
    final String nsVeth;
    final String wgInterface;
    final int subnet;
    final PrivateKey privateKey = PrivateKey.generate(Entropy.secure());
    private final Path logDir;
    private final List<String> problems = new ArrayList<>();
    private Process wireguardGo;

    private WireGuardGoNamespace(int sequence, int subnet, Path logDir) {
        this.name = PREFIX + PID + "-" + sequence;
        this.hostVeth = "wgs" + PID + "h" + sequence;
        this.nsVeth = "wgs" + PID + "n" + sequence;
        this.wgInterface = "wg" + PID + "x" + sequence;
        this.subnet = subnet;
        this.logDir = logDir;
    }

    /** Creates the namespace and veth pair and starts wireguard-go (not yet configured: see {@link #setConf}). */
    static WireGuardGoNamespace start(Path logRoot) throws IOException, InterruptedException {
        int sequence = SEQUENCE.incrementAndGet();
        WireGuardGoNamespace ns = new WireGuardGoNamespace(sequence, freeSubnet(),
                Files.createDirectories(logRoot.resolve(PREFIX + PID + "-" + sequence)));
        OPEN.add(ns);
        try {
            ns.build();
        } catch (IOException | InterruptedException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    private void build() throws IOException, InterruptedException {
        ip("netns", "add", name);
        ip("link", "add", hostVeth, "type", "veth", "peer", "name", nsVeth, "netns", name);
        ip("addr", "add", hostAddress().getHostAddress() + "/30", "dev", hostVeth);
        ip("link", "set", hostVeth, "up");
        ip("-n", name, "addr", "add", nsAddress().getHostAddress() + "/30", "dev", nsVeth);
        ip("-n", name, "link", "set", nsVeth, "up");
        ip("-n", name, "link", "set", "lo", "up");

        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", name, "wireguard-go", "-f", wgInterface)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("wireguard-go.log").toFile());
        pb.environment().put("WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD", "1");
        pb.environment().put("LOG_LEVEL", "verbose");
        wireguardGo = pb.start(); // ip netns exec execs wireguard-go: this PID is wireguard-go's
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(SOCKET_DIR.resolve(wgInterface + ".sock"))
                || !HostCommand.run(COMMAND_TIMEOUT, "ip", "-n", name, "link", "show", wgInterface).ok()) {
            if (!wireguardGo.isAlive()) {
                throw new IllegalStateException("wireguard-go exited with " + wireguardGo.exitValue() + "; its log:\n"
                        + Files.readString(logDir.resolve("wireguard-go.log")));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("wireguard-go made no interface " + wgInterface + " in 10 s");
            }
            Thread.sleep(20);
        }
        ip("-n", name, "addr", "add", tunnelAddress().getHostAddress() + "/24", "dev", wgInterface);
        // nodad: a tunnel has no neighbours to ask, and duplicate address detection would hold the
        // address back (tentative) for a second or two.
        ip("-n", name, "addr", "add", IpAddresses.format(tunnelAddress6()) + "/64", "dev", wgInterface, "nodad");
        ip("-n", name, "link", "set", wgInterface, "up");
    }

    // ---- addresses ----

    /** The root side of the veth pair: where the wgsim peer binds. */
    InetAddress hostAddress() {
        return address("198.18." + subnet + ".1");
    }

    /** The namespace side of the veth pair: wireguard-go's UDP address. */
    InetAddress nsAddress() {
        return address("198.18." + subnet + ".2");
    }

    /** wireguard-go's address inside the tunnel. */
    InetAddress tunnelAddress() {
        return address("198.19." + subnet + ".2");
    }

    /** The wgsim peer's address inside the tunnel (answered by its userspace IP layer). */
    InetAddress wgsimTunnelAddress() {
        return address("198.19." + subnet + ".1");
    }

    /** wireguard-go's IPv6 address inside the tunnel: a ULA, which exists only inside the tunnel. */
    InetAddress tunnelAddress6() {
        return address("fd00:198:19:" + Integer.toHexString(subnet) + "::2");
    }

    /** The wgsim peer's IPv6 address inside the tunnel. */
    InetAddress wgsimTunnelAddress6() {
        return address("fd00:198:19:" + Integer.toHexString(subnet) + "::1");
    }

    InetSocketAddress wgEndpoint() {
        return new InetSocketAddress(nsAddress(), WG_PORT);
    }

    PublicKey publicKey() {
        return privateKey.publicKey();
    }

    Path logDir() {
        return logDir;
    }

    // ---- wireguard-go ----

    /** {@code wg setconf}: wireguard-go listens on {@link #WG_PORT} and has the wgsim peer as its only peer. */
    void setConf(PublicKey wgsimKey, PresharedKey psk, InetSocketAddress wgsimEndpoint) throws IOException {
        String conf = "[Interface]\nPrivateKey = " + privateKey.toBase64() + "\nListenPort = " + WG_PORT + "\n\n"
                + "[Peer]\nPublicKey = " + wgsimKey + "\n"
                + (psk == null || psk.isNone() ? "" : "PresharedKey = " + psk.toBase64() + "\n")
                + "AllowedIPs = " + wgsimTunnelAddress().getHostAddress() + "/32, "
                + IpAddresses.format(wgsimTunnelAddress6()) + "/128\n"
                + "Endpoint = " + wgsimEndpoint.getAddress().getHostAddress() + ":" + wgsimEndpoint.getPort() + "\n";
        Path file = logDir.resolve("wireguard-go.setconf");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, conf);
        try {
            exec("wg", "setconf", wgInterface, file.toString()).orThrow();
        } finally {
            Files.delete(file); // it holds wireguard-go's private key and the PSK
        }
    }

    /** {@code wg show IF dump}, parsed. */
    WgDump dump() {
        return WgDump.parse(exec("wg", "show", wgInterface, "dump").orThrow().out());
    }

    /** Runs a command inside the namespace. */
    HostCommand.Result exec(String... command) {
        return exec(COMMAND_TIMEOUT, command);
    }

    HostCommand.Result exec(Duration timeout, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return HostCommand.run(timeout, full);
    }

    // ---- cleanup ----

    /**
     * Stops wireguard-go (SIGTERM, then SIGKILL) and removes the namespace, the veth pair and the control
     * socket. Safe to call twice. Throws if something could not be removed, naming it.
     */
    @Override
    public void close() {
        if (!OPEN.remove(this)) {
            return;
        }
        if (wireguardGo != null) {
            stop(wireguardGo.toHandle());
        }
        removeNamespace(name, hostVeth, SOCKET_DIR.resolve(wgInterface + ".sock"), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("cleaning up " + name + ": " + String.join("; ", problems));
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("wgsim IT cleanup: " + e.getMessage());
        }
    }

    /**
     * Removes the namespaces an earlier, interrupted run of this test left: those named
     * {@code wgsim-PID-N} whose PID is no longer alive. Processes still inside them (that run's
     * wireguard-go) are stopped first. Namespaces of live runs, and names not in our pattern, are left alone.
     * Returns the names removed.
     */
    static List<String> sweepStale() {
        List<String> removed = new ArrayList<>();
        for (String ns : namespaces()) {
            Matcher m = OURS.matcher(ns);
            if (!m.matches()) {
                continue;
            }
            long owner = Long.parseLong(m.group(1));
            if (owner == PID || ProcessHandle.of(owner).isPresent()) {
                continue;
            }
            HostCommand.Result pids = HostCommand.run(COMMAND_TIMEOUT, "ip", "netns", "pids", ns);
            for (String pid : pids.out().split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(WireGuardGoNamespace::stop);
                }
            }
            List<String> problems = new ArrayList<>();
            removeNamespace(ns, "wgs" + owner + "h" + m.group(2),
                    SOCKET_DIR.resolve("wg" + owner + "x" + m.group(2) + ".sock"), problems);
            if (problems.isEmpty()) {
                removed.add(ns);
            } else {
                System.err.println("wgsim IT: could not sweep " + ns + ": " + problems);
            }
        }
        return removed;
    }

    /** The namespaces this JVM made that still exist. */
    static List<String> namespacesOfThisJvm() {
        return namespaces().stream().filter(ns -> ns.startsWith(PREFIX + PID + "-")).toList();
    }

    /** The root namespace's links whose names this JVM's fixtures use. */
    static List<String> vethsOfThisJvm() {
        return HostCommand.run(COMMAND_TIMEOUT, "ip", "-o", "link", "show").out().lines()
                .map(l -> l.split(":\\s+")[1].split("@")[0])
                .filter(n -> n.startsWith("wgs" + PID + "h"))
                .toList();
    }

    static List<String> namespaces() {
        return HostCommand.run(COMMAND_TIMEOUT, "ip", "netns", "list").orThrow().out().lines()
                .map(l -> l.split("\\s+")[0])
                .filter(n -> n.startsWith(PREFIX))
                .toList();
    }

    private static void removeNamespace(String ns, String hostVeth, Path socket, List<String> problems) {
        if (namespaces().contains(ns)) {
            HostCommand.Result del = HostCommand.run(COMMAND_TIMEOUT, "ip", "netns", "del", ns);
            if (!del.ok()) {
                problems.add(del.toString());
            }
        }
        // Deleting the namespace destroys its veth end and, a moment later, ours. Wait for that; delete
        // ours by hand only if it stays (a pair whose other end never made it into the namespace).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (linkExists(hostVeth) && System.nanoTime() < deadline) {
            sleep(20);
        }
        if (linkExists(hostVeth)) {
            HostCommand.Result del = HostCommand.run(COMMAND_TIMEOUT, "ip", "link", "del", hostVeth);
            if (!del.ok() && linkExists(hostVeth)) {
                problems.add(del.toString());
            }
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            problems.add("cannot remove " + socket + ": " + e);
        }
    }

    private static boolean linkExists(String name) {
        return HostCommand.run(COMMAND_TIMEOUT, "ip", "link", "show", name).ok();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the namespace check in the test's @AfterAll
            }
        }
    }

    // ---- helpers ----

    /** A /24 in 198.18.64.0 - 198.18.254.0 that no root-namespace address or route touches. */
    private static int freeSubnet() {
        String used = HostCommand.run(COMMAND_TIMEOUT, "ip", "-o", "-4", "addr", "show").out()
                + HostCommand.run(COMMAND_TIMEOUT, "ip", "-4", "route", "show", "table", "all").out();
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 100; attempt++) {
            int x = 64 + random.nextInt(191);
            if (!used.contains("198.18." + x + ".") && !used.contains("198.19." + x + ".")) {
                return x;
            }
        }
        throw new IllegalStateException("no free /24 in 198.18.64.0/18 .. 198.18.254.0/24 after 100 tries");
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        HostCommand.run(COMMAND_TIMEOUT, command).orThrow();
    }

    private static InetAddress address(String text) {
        return IpAddresses.parse(text);
    }

    @Override public String toString() {
        return name + " (wireguard-go " + wgInterface + " at " + nsAddress().getHostAddress() + ")";
    }
}
