package io.wgsim.sim.run;

import io.wgsim.crypto.X25519;
import io.wgsim.sim.Simulator;
import io.wgsim.topology.Topology;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One simulation run of a topology: builds the world, runs it for the duration in virtual time, writes
 * captures, key log, events and the summary. The wall clock is read here, around the run, and only for
 * the summary's speed figures: nothing the simulation does depends on it.
 */
public final class SimulationRun {
    /** Unix time of virtual time 0 (2026-01-01T00:00:00Z), so captures and timestamps look real and stay fixed. */
    public static final long EPOCH_NANOS = 1_767_225_600L * 1_000_000_000L;

    /** Where a run writes: captures and key log in one folder, events and summary in another (may be the same). */
    public record Output(Path captureDir, Path reportDir, boolean capture) {}

    private SimulationRun() {}

    public static RunSummary run(Topology topology, long seed, Duration duration, Output out,
                                 Consumer<Simulator.Statistics> progress) throws IOException {
        Simulator sim = new Simulator(seed);
        long wallStart = System.nanoTime();
        long cpuStart = ThreadCpu.nanos();
        long[] x25519Before = X25519.operationsOnThisThread();
        RunSummary summary;
        try (RunRecorder recorder = new RunRecorder(out.captureDir(), out.reportDir(), out.capture(), EPOCH_NANOS)) {
            TopologyWorld tw = TopologyWorld.build(topology, sim, recorder, EPOCH_NANOS, true,
                    host -> recorder.announceStaticKey(host, "LOCAL_STATIC_PRIVATE_KEY = " + host.device().settings().privateKey().toBase64()));
            if (progress != null) {
                sim.progressEveryVirtualNanos(Duration.ofSeconds(1).toNanos(), progress::accept);
            }
            sim.runUntil(duration.toNanos());
            double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
            double cpuSeconds = ThreadCpu.secondsBetween(cpuStart, ThreadCpu.nanos());
            long[] x25519After = X25519.operationsOnThisThread();
            long[] x25519 = {x25519After[0] - x25519Before[0], x25519After[1] - x25519Before[1]};
            summary = RunSummary.of(topology, seed, duration, sim.statistics(), wallSeconds, cpuSeconds, x25519, tw, recorder);
        }
        summary.write(out.reportDir().resolve("summary.json"));
        return summary;
    }

    /** The default output folders for a topology and seed: captures/NAME-seedN and reports/NAME-seedN. */
    public static Output defaultOutput(Path root, Topology topology, long seed, boolean capture) {
        String dir = topology.name() + "-seed" + seed;
        return new Output(root.resolve("captures").resolve(dir), root.resolve("reports").resolve(dir), capture);
    }
}
