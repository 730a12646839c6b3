package io.wgsim.cli;

import io.wgsim.sim.Simulator;
import io.wgsim.sim.run.RunSummary;
import io.wgsim.sim.run.SimulationRun;
import io.wgsim.sim.link.NetemSyntax;
import io.wgsim.topology.ParseOptions;
import io.wgsim.topology.Topology;
import io.wgsim.topology.TopologyFile;
import io.wgsim.topology.TopologyException;
import io.wgsim.topology.TopologyParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wgsim run}: simulate a topology in virtual time and write captures, events and a summary. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Simulate a WireGuard network described by a topology file, in virtual time.",
                "",
                "Writes, by default under captures/NAME-seedN/ and reports/NAME-seedN/ (or all into --out DIR):",
                "  HOST.pcapng   what crossed each host's access link; Wireshark decrypts it with no settings",
                "  keylog.txt    Wireshark WireGuard key log (mode 0600)",
                "  events.jsonl  one event per line with its virtual time",
                "  summary.json  seed, simulated and wall seconds, events, per-peer handshakes, rekeys, bytes, drops",
                "The same topology and seed give byte-identical captures, events and summary (but for wall-clock fields).",
                "",
        },
        footer = {
                "",
                "Durations are a whole number with a unit: 500ms, 10s, 2m, 1h.",
                "Exit status: 0 ok; 1 the topology or a run failed; 2 usage error.",
                "",
                "Examples:",
                "  wgsim run                                   (topologies/quickstart.yaml, its seed)",
                "  wgsim run topologies/scale-10k.yaml --no-capture",
                "  wgsim run my.yaml --seed 7 --duration 30m --out /tmp/run7",
        })
final class RunCommand implements Callable<Integer> {
    static final String DEFAULT_TOPOLOGY = "topologies/quickstart.yaml";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TOPOLOGY",
            description = "The topology file. Default: " + DEFAULT_TOPOLOGY + ".")
    private Path topologyFile;

    @Option(names = "--seed", paramLabel = "N", description = "The run seed. Default: the topology's seed.")
    private Long seed;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationText.class,
            description = "Simulated time. Default: the topology's duration.")
    private Duration duration;

    @Option(names = "--out", paramLabel = "DIR", description = "Write everything into DIR.")
    private Path out;

    @Option(names = "--no-capture", description = "Write no pcapng files (large runs).")
    private boolean noCapture;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Path file = topologyFile != null ? topologyFile : defaultTopology();
        Topology topology;
        try {
            ParseOptions options = ParseOptions.DEFAULT.withLinkCheck(text -> NetemSyntax.parse(text));
            if (seed != null) {
                options = options.withSeed(seed);
            }
            TopologyFile parsed = TopologyParser.read(file, options);
            for (var warning : parsed.warnings()) {
                err.println("wgsim: " + warning);
            }
            topology = parsed.topology();
        } catch (TopologyException e) {
            throw new CommandFailure(e.getMessage());
        }
        long runSeed = seed != null ? seed : topology.seed();
        Duration runFor = duration != null ? duration : topology.duration();
        SimulationRun.Output output = out != null ? new SimulationRun.Output(out, out, !noCapture)
                : SimulationRun.defaultOutput(Path.of("").toAbsolutePath(), topology, runSeed, !noCapture);
        err.printf(Locale.ROOT, "wgsim: running %s (%d nodes) for %s of virtual time, seed %d%n", topology.name(),
                topology.nodes().size(), DurationText.format(runFor), runSeed);
        err.flush();
        ProgressBar bar = new ProgressBar(err, runFor.toNanos());
        RunSummary summary = SimulationRun.run(topology, runSeed, runFor, output, bar::update);
        bar.finish();
        SummaryTable.print(stdout, summary);
        stdout.printf(Locale.ROOT, "%nwrote %s%n", output.reportDir().resolve("summary.json"));
        if (output.capture()) {
            stdout.printf(Locale.ROOT, "captures and keylog.txt in %s%n", output.captureDir());
        }
        stdout.flush();
        return 0;
    }

    /** The default topology, from the current directory or, failing that, from the wgsim installation. */
    private static Path defaultTopology() {
        Path here = Path.of(DEFAULT_TOPOLOGY);
        if (Files.exists(here)) {
            return here;
        }
        String home = System.getenv("WGSIM_HOME");
        if (home != null && Files.exists(Path.of(home, DEFAULT_TOPOLOGY))) {
            return Path.of(home, DEFAULT_TOPOLOGY);
        }
        throw new CommandFailure("no topology given and " + DEFAULT_TOPOLOGY + " is not in the current directory; "
                + "run from the wgsim folder or name a topology file");
    }

    /** A one-line progress bar on stderr, shown only when the run takes more than a couple of seconds. */
    static final class ProgressBar {
        private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
        private final PrintWriter err;
        private final long total;
        private static final long REDRAW_NANOS = 250_000_000L;
        private final long wallStart = System.nanoTime();
        private long lastDrawn;
        private boolean shown;

        ProgressBar(PrintWriter err, long totalVirtualNanos) {
            this.err = err;
            this.total = totalVirtualNanos;
        }

        void update(Simulator.Statistics s) {
            long wall = System.nanoTime() - wallStart;
            if (wall < SHOW_AFTER_NANOS || (shown && wall - lastDrawn < REDRAW_NANOS)) {
                return;
            }
            shown = true;
            lastDrawn = wall;
            double fraction = Math.min(1.0, s.nowNanos() / (double) total);
            int filled = (int) Math.round(fraction * 30);
            err.printf(Locale.ROOT, "\r[%s%s] %5.1f%%  virtual %s  %,.0f events/s ", "#".repeat(filled),
                    " ".repeat(30 - filled), fraction * 100, DurationText.format(Duration.ofNanos(s.nowNanos() / 1_000_000_000L * 1_000_000_000L)),
                    s.executed() / (wall / 1e9));
            err.flush();
        }

        void finish() {
            if (shown) {
                err.println();
                err.flush();
            }
        }
    }
}
