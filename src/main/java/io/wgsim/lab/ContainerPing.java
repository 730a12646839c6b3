package io.wgsim.lab;

import io.wgsim.docker.ExecResult;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * ping(8) inside the container under test (iputils), run in the background. Its statistics are known
 * when it ends: it ends as soon as every reply is in, or half a second after the last request when
 * none came back ({@code -W 0.5}); before that it reports nothing sent and nothing answered.
 */
final class ContainerPing implements PingRun {
    private final String describeTarget;
    private final int count;
    private final CompletableFuture<ExecResult> run;

    ContainerPing(LabContainerPeer peer, String target, String source, int count, Duration interval, int size,
                  ExecutorService executor) {
        this.describeTarget = peer.name() + " -> " + target;
        this.count = count;
        List<String> command = new java.util.ArrayList<>(List.of("ping", "-n", "-c", Integer.toString(count),
                "-i", String.format(Locale.ROOT, "%.3f", interval.toNanos() / 1e9), "-s", Integer.toString(size),
                "-W", "0.5"));
        if (source != null) {
            command.add("-I");
            command.add(source);
        }
        command.add(target);
        this.run = CompletableFuture.supplyAsync(() -> peer.container().exec(command), executor);
    }

    private ExecResult result() {
        return run.isDone() && !run.isCompletedExceptionally() ? run.join() : null;
    }

    @Override public long requested() {
        return count;
    }

    @Override public long sent() {
        ExecResult r = result();
        if (r == null) {
            return 0;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) packets transmitted").matcher(r.stdout());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Override public long answered() {
        ExecResult r = result();
        return r == null ? 0 : count(r, " bytes from ");
    }

    private static long count(ExecResult r, String marker) {
        return r.stdout().lines().filter(l -> l.contains(marker)).count();
    }

    @Override public String describe() {
        if (run.isCompletedExceptionally()) {
            return "ping " + describeTarget + ": could not run: " + run.handle((r, e) -> e).join();
        }
        ExecResult r = result();
        return "ping " + describeTarget + ": " + (r == null ? "still running"
                : answered() + " of " + count + " answered; " + r.stdout().strip().replace('\n', '|'));
    }
}
