package io.wgsim.cli;

import io.wgsim.config.Endpoint;
import io.wgsim.real.ImpairmentRelay;
import io.wgsim.real.ImpairmentRelay.Direction;
import io.wgsim.sim.link.LinkCounters;
import io.wgsim.sim.link.LinkModel;
import io.wgsim.sim.link.NetemSyntax;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wgsim relay}: an {@link ImpairmentRelay} between two real peers, run until SIGINT / SIGTERM or
 * {@code --for}, then its counters. The work is the relay's; this class reads the options.
 */
@Command(name = "relay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Relay UDP between two peers, impairing it with the simulator's link model (netem options), "
                        + "since the lab has no netem.",
                "",
                "Peer 1 sends to --side-a; the relay forwards out of --side-b to --peer2 and sends peer 2's "
                        + "answers back to wherever peer 1 last sent from. Nothing is sent anywhere else.",
                "Each direction runs the simulator's link model from --seed and --name, so what it drops depends "
                        + "only on the seed and the order datagrams arrive in.",
                "",
        },
        footer = {
                "",
                "Examples:",
                "  wgsim relay --side-a 127.0.0.1:51000 --side-b 127.0.0.1:51001 \\",
                "      --peer2 127.0.0.1:51820 \\",
                "      --netem 'delay 50ms 10ms loss 30%%' --seed 7",
        })
final class RelayCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--side-a", required = true, paramLabel = "IP:PORT",
            description = "Listen here for peer 1 (a specific address, not a wildcard).")
    private String sideA;

    @Option(names = "--side-b", required = true, paramLabel = "IP:PORT",
            description = "Send to peer 2 from here, and listen here for its answers.")
    private String sideB;

    @Option(names = "--peer2", required = true, paramLabel = "IP:PORT", description = "Peer 2's endpoint.")
    private String peer2;

    @Option(names = "--netem", paramLabel = "OPTIONS", defaultValue = "",
            description = "The link model both ways, as netem options. Default: none (an ideal link).")
    private String netem;

    @Option(names = "--forward", paramLabel = "OPTIONS",
            description = "The model from peer 1 to peer 2 only, instead of --netem.")
    private String forward;

    @Option(names = "--backward", paramLabel = "OPTIONS",
            description = "The model from peer 2 to peer 1 only, instead of --netem.")
    private String backward;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "relay",
            description = "Names the random streams, relay:NAME:forward and :backward. Default: ${DEFAULT-VALUE}.")
    private String name;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationText.class,
            description = "Stop after this long. Default: run until SIGINT or SIGTERM.")
    private Duration runFor;

    @Override
    public Integer call() throws InterruptedException {
        ImpairmentRelay.Settings settings;
        try {
            LinkModel both = NetemSyntax.parse(netem);
            settings = new ImpairmentRelay.Settings(name, seed, endpoint("--side-a", sideA),
                    endpoint("--side-b", sideB), endpoint("--peer2", peer2),
                    forward == null ? both : NetemSyntax.parse(forward),
                    backward == null ? both : NetemSyntax.parse(backward));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "wgsim-relay-shutdown");
        try (ImpairmentRelay relay = ImpairmentRelay.open(settings)) {
            relay.start();
            err.println("wgsim: relay " + Endpoint.of(relay.sideA()) + " <-> " + Endpoint.of(relay.sideB()) + " -> "
                    + Endpoint.of(settings.peer2()) + ", forward '" + NetemSyntax.print(settings.forward())
                    + "', backward '" + NetemSyntax.print(settings.backward()) + "', seed " + seed);
            err.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            if (runFor == null) {
                stop.await();
            } else {
                stop.await(runFor.toNanos(), TimeUnit.NANOSECONDS);
            }
            for (Direction d : Direction.values()) {
                err.println("wgsim: " + describe(relay.counters(d)));
            }
            err.flush();
            return relay.failure() == null ? 0 : 1;
        } catch (IOException e) {
            throw new CommandFailure(e.getMessage());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down, or never added
            }
        }
    }

    static String describe(ImpairmentRelay.Counters c) {
        LinkCounters link = c.link();
        StringBuilder line = new StringBuilder(c.direction().name().toLowerCase(Locale.ROOT))
                .append(": ").append(link.offered()).append(" offered, ").append(c.sent()).append(" sent");
        link.dropped().forEach((reason, n) -> {
            if (n > 0) {
                line.append(", ").append(n).append(" dropped (").append(reason.name().toLowerCase(Locale.ROOT))
                        .append(')');
            }
        });
        if (link.duplicated() > 0) {
            line.append(", ").append(link.duplicated()).append(" duplicated");
        }
        if (link.corrupted() > 0) {
            line.append(", ").append(link.corrupted()).append(" corrupted");
        }
        if (c.refused() > 0) {
            line.append(", ").append(c.refused()).append(" refused");
        }
        if (c.sendFailures() > 0) {
            line.append(", ").append(c.sendFailures()).append(" send failures");
        }
        return line.toString();
    }

    private static InetSocketAddress endpoint(String option, String text) {
        try {
            return Endpoint.parse(text.strip()).toSocketAddress();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(option + ": " + e.getMessage());
        }
    }
}
