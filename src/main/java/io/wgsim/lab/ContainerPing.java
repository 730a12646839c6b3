package io.wgsim.lab;

import io.wgsim.docker.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ping(8) inside the container under test (iputils), run in the background. A long run is several
 * pings one after the other, each short enough for one {@code docker exec}. The statistics of a part
 * are known when it ends: it ends as soon as every reply is in, or half a second after the last request
 * when none came back ({@code -W 0.5}); until then the part counts nothing sent and nothing answered.
 */
final class ContainerPing implements PingRun {
    /** Requests a part may take, in time: well within WireGuardContainer's limit of 60 s for an exec. */
    private static final Duration PART = Duration.ofSeconds(45);
    private static final Pattern TRANSMITTED = Pattern.compile("(\\d+) packets transmitted");

    private final String describeTarget;
    private final int count;
    private final List<ExecResult> done = new ArrayList<>();
    private final CompletableFuture<Void> run;

    ContainerPing(LabContainerPeer peer, String target, String source, int count, Duration interval, int size,
                  ExecutorService executor) {
        this.describeTarget = peer.name() + " -> " + target;
        this.count = count;
        int perPart = (int) Math.max(1, Math.min(count, PART.toNanos() / Math.max(1, interval.toNanos())));
        this.run = CompletableFuture.runAsync(() -> {
            for (int left = count; left > 0; left -= perPart) {
                ExecResult r = peer.container().exec(command(Math.min(left, perPart), interval, size, source, target));
                synchronized (done) {
                    done.add(r);
                }
            }
        }, executor);
    }

    private static List<String> command(int count, Duration interval, int size, String source, String target) {
        List<String> command = new ArrayList<>(List.of("ping", "-n", "-c", Integer.toString(count),
                "-i", String.format(Locale.ROOT, "%.3f", interval.toNanos() / 1e9), "-s", Integer.toString(size),
                "-W", "0.5"));
        if (source != null) {
            command.add("-I");
            command.add(source);
        }
        command.add(target);
        return command;
    }

    private List<ExecResult> parts() {
        synchronized (done) {
            return List.copyOf(done);
        }
    }

    @Override public long requested() {
        return count;
    }

    @Override public long sent() {
        long n = 0;
        for (ExecResult r : parts()) {
            Matcher m = TRANSMITTED.matcher(r.stdout());
            n += m.find() ? Long.parseLong(m.group(1)) : 0;
        }
        return n;
    }

    @Override public long answered() {
        long n = 0;
        for (ExecResult r : parts()) {
            n += r.stdout().lines().filter(l -> l.contains(" bytes from ")).count();
        }
        return n;
    }

    @Override public String describe() {
        if (run.isCompletedExceptionally()) {
            return "ping " + describeTarget + ": could not run: " + run.handle((r, e) -> e).join();
        }
        List<ExecResult> parts = parts();
        String last = parts.isEmpty() ? "" : "; " + parts.get(parts.size() - 1).stdout().strip()
                .lines().filter(l -> l.contains("transmitted")).findFirst().orElse("");
        return "ping " + describeTarget + ": " + (run.isDone() ? "" : "running, ") + sent() + " sent, " + answered()
                + " of " + count + " answered" + last;
    }
}
