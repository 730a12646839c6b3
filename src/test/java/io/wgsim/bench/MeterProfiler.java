package io.wgsim.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports what benchmarks measured through {@link Meter}, per operation and in the benchmark's time
 * unit: {@code cpu.time} for a benchmark with one channel; for a paired benchmark,
 * {@code subject.cpu}, {@code baseline.cpu}, {@code subject.wall}, {@code baseline.wall} and the
 * subject's cost beyond the baseline, {@code overhead.cpu} and {@code overhead.wall}, in percent of
 * the baseline (each computed per iteration, then averaged with JMH's error margin). Use with
 * {@code scripts/bench ... -prof io.wgsim.bench.MeterProfiler}.
 */
public final class MeterProfiler implements InternalProfiler {

    @Override public String getDescription() {
        return "per-operation CPU and wall time that benchmarks measure through io.wgsim.bench.Meter";
    }

    @Override public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        Meter.reset();
    }

    @Override public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                                 IterationParams iterationParams,
                                                                 IterationResult result) {
        TimeUnit unit = benchmarkParams.getTimeUnit();
        double nanosPerUnit = TimeUnit.NANOSECONDS.convert(1, unit);
        String perOp = unitName(unit) + "/op";
        List<Result> out = new ArrayList<>();
        Meter.Channel op = Meter.channels().get(Meter.OPERATION);
        if (op != null && op.operations.get() > 0) {
            out.add(new ScalarResult("cpu.time", perOp(op.cpuNanos.get(), op) / nanosPerUnit, perOp, AggregationPolicy.AVG));
        }
        Meter.Channel subject = Meter.channels().get(Meter.SUBJECT);
        Meter.Channel baseline = Meter.channels().get(Meter.BASELINE);
        if (subject != null && baseline != null && subject.operations.get() > 0 && baseline.operations.get() > 0) {
            double subjectCpu = perOp(subject.cpuNanos.get(), subject);
            double baselineCpu = perOp(baseline.cpuNanos.get(), baseline);
            double subjectWall = perOp(subject.wallNanos.get(), subject);
            double baselineWall = perOp(baseline.wallNanos.get(), baseline);
            out.add(new ScalarResult("subject.cpu", subjectCpu / nanosPerUnit, perOp, AggregationPolicy.AVG));
            out.add(new ScalarResult("baseline.cpu", baselineCpu / nanosPerUnit, perOp, AggregationPolicy.AVG));
            out.add(new ScalarResult("subject.wall", subjectWall / nanosPerUnit, perOp, AggregationPolicy.AVG));
            out.add(new ScalarResult("baseline.wall", baselineWall / nanosPerUnit, perOp, AggregationPolicy.AVG));
            out.add(new ScalarResult("overhead.cpu", 100 * (subjectCpu / baselineCpu - 1), "%", AggregationPolicy.AVG));
            out.add(new ScalarResult("overhead.wall", 100 * (subjectWall / baselineWall - 1), "%", AggregationPolicy.AVG));
        }
        return out;
    }

    private static double perOp(long nanos, Meter.Channel c) {
        return (double) nanos / c.operations.get();
    }

    private static String unitName(TimeUnit unit) {
        return switch (unit) {
            case NANOSECONDS -> "ns";
            case MICROSECONDS -> "us";
            case MILLISECONDS -> "ms";
            default -> unit.toString().toLowerCase();
        };
    }
}
