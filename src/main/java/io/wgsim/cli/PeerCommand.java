package io.wgsim.cli;

import io.wgsim.config.ConfigException;
import io.wgsim.config.Endpoint;
import io.wgsim.config.IgnoredKey;
import io.wgsim.config.WgQuickFile;
import io.wgsim.config.WgQuickParser;
import io.wgsim.net.IpAddresses;
import io.wgsim.real.PeerOptions;
import io.wgsim.real.RealPeer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code wgsim peer}: one wgsim WireGuard peer on a real UDP socket, configured by a wg-quick file. The
 * work is {@link RealPeer}'s; this class reads the options, turns mistakes into one-line messages, and
 * makes SIGINT / SIGTERM end the run cleanly (final status written) through a shutdown hook.
 */
@Command(name = "peer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Run a wgsim WireGuard peer on a real UDP socket, configured by a wg-quick file.",
                "",
                "Its tunnel side is a tiny host: on the [Interface] Address(es) it answers ICMP and ICMPv6 echo "
                        + "requests and echoes UDP sent to port 7; other packets are counted and ignored.",
                "Used keys: [Interface] PrivateKey, ListenPort, Address, MTU; [Peer] PublicKey, PresharedKey, "
                        + "AllowedIPs, Endpoint (a literal IP:port), PersistentKeepalive. wg-quick's host keys "
                        + "(DNS, PostUp, ...) are ignored with a warning.",
                "Progress (listening, handshakes, endpoint changes, drops) goes to stderr, ping lines to stdout. "
                        + "Secrets are never printed: only --keylog receives them.",
                "",
        },
        footer = {
                "",
                "Durations are a whole number with a unit: 500ms, 10s, 2m, 1h.",
                "Exit status: 0 ok (with --ping: every request answered); 1 error, or a request unanswered; "
                        + "2 usage error.",
                "",
                "Examples:",
                "  wgsim peer --config alice.conf",
                "  wgsim peer --config alice.conf --listen 198.18.0.1:51820 \\",
                "      --ping 198.19.0.2 --count 100 --interval 20ms",
                "  wgsim peer --config alice.conf --for 2m --status-file alice.dump \\",
                "      --keylog alice.keys",
        })
final class PeerCommand implements Callable<Integer> {
    /** How long the shutdown hook waits for the loop to write its last status. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The wg-quick configuration file.")
    private Path config;

    @Option(names = "--listen", paramLabel = "ADDR[:PORT]",
            description = "Bind the UDP socket to this local address (and port). Without a port, the [Interface] "
                    + "ListenPort is used. Default: all addresses, on ListenPort (a random port if it is unset).")
    private String listen;

    @Option(names = "--ping", paramLabel = "ADDR",
            description = "Send ICMP (or ICMPv6) echo requests to ADDR through the tunnel, from the first "
                    + "Address of the same family; print a line per reply and a summary, then exit.")
    private String ping;

    @Option(names = "--count", paramLabel = "N", defaultValue = "5",
            description = "With --ping: how many requests (1..65535). Default: ${DEFAULT-VALUE}.")
    private int count;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationText.class,
            description = "With --ping: time between requests. Default: ${DEFAULT-VALUE}. Replies are awaited "
                    + "2s after the last request.")
    private Duration interval;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationText.class,
            description = "Stop after this long (with --ping, sooner if the ping is done). "
                    + "Default: run until SIGINT or SIGTERM.")
    private Duration runFor;

    @Option(names = "--status-file", paramLabel = "FILE",
            description = "Keep the status in FILE as 'wg show <if> dump' text (keys hidden), replaced "
                    + "atomically every second and at exit.")
    private Path statusFile;

    @Option(names = "--keylog", paramLabel = "FILE",
            description = "Append each handshake's secrets to FILE in Wireshark's WireGuard key-log format; "
                    + "the file is made mode 0600 before anything is written.")
    private Path keyLog;

    @Override
    public Integer call() throws ConfigException {
        ParseResult parsed = spec.commandLine().getParseResult();
        if (ping == null && (parsed.hasMatchedOption("--count") || parsed.hasMatchedOption("--interval"))) {
            throw new ParameterException(spec.commandLine(), "--count and --interval go with --ping");
        }
        PrintWriter err = spec.commandLine().getErr();
        WgQuickFile file = WgQuickParser.read(config);
        for (IgnoredKey ignored : file.ignoredKeys()) {
            err.println("wgsim: warning: " + ignored.warning());
        }
        err.flush();

        PeerOptions options;
        try {
            options = new PeerOptions(file.config(), bindAddress(file.config().iface().listenPort()),
                    ping == null ? null : new PeerOptions.Ping(address("--ping", ping), count, interval),
                    runFor, statusFile, keyLog);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }

        try (RealPeer peer = RealPeer.open(options, spec.commandLine().getOut(), err)) {
            Thread hook = new Thread(() -> stopAndWait(peer), "wgsim-peer-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return peer.run();
            } finally {
                removeHook(hook);
            }
        } catch (IOException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private InetSocketAddress bindAddress(Integer listenPort) {
        int configured = listenPort == null ? 0 : listenPort;
        if (listen == null) {
            return new InetSocketAddress(configured);
        }
        String s = listen.strip();
        boolean hasPort = s.startsWith("[") || s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':');
        if (hasPort) {
            try {
                return Endpoint.parse(s).toSocketAddress();
            } catch (IllegalArgumentException e) {
                throw new CommandFailure("--listen: " + e.getMessage());
            }
        }
        return new InetSocketAddress(address("--listen", s), configured);
    }

    private static InetAddress address(String option, String text) {
        try {
            return IpAddresses.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(option + ": '" + text + "' is not an IP address");
        }
    }

    /** SIGINT / SIGTERM: end the loop and give it time to write the final status before the JVM halts. */
    private static void stopAndWait(RealPeer peer) {
        peer.stop();
        try {
            peer.awaitFinished(SHUTDOWN_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is running and waits for us. Nothing to undo.
        }
    }
}
