package io.wgsim.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar wgsim.jar peer ...} as a child process: the real command line, as a user runs it.
 * stdout and stderr go to files beside each other (kept for a failure's post-mortem). Every process
 * started here is stopped by {@link #close()}, or by a JVM shutdown hook if the test run is cut short.
 */
final class WgsimPeerProcess implements AutoCloseable {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "wgsim-it-peer-cleanup"));
    }

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private WgsimPeerProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static WgsimPeerProcess start(Path jar, Path logDir, String name, List<String> peerArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "peer"));
        command.addAll(peerArguments);
        Path out = logDir.resolve(name + ".stdout");
        Path err = logDir.resolve(name + ".stderr");
        Files.writeString(logDir.resolve(name + ".command"), String.join(" ", command) + "\n");
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        RUNNING.add(process);
        return new WgsimPeerProcess(process, out, err);
    }

    /** Waits until the peer says it is listening (its socket is bound); fails if it exits or takes too long. */
    void awaitListening(Duration timeout) throws InterruptedException {
        awaitStderr("listening on UDP ", timeout);
    }

    /** Waits until the peer has printed {@code text} on stderr; fails if it exits first or takes too long. */
    void awaitStderr(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stderr().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("wgsim peer exited with " + process.exitValue() + " before printing '" + text
                        + "':\n" + output());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("wgsim peer did not print '" + text + "' within " + timeout + ":\n" + output());
    }

    /** Waits for the process to exit and returns its exit code; kills it and fails after the timeout. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            RUNNING.remove(process);
            throw new AssertionError("wgsim peer still running after " + timeout + "; killed it:\n" + output());
        }
        RUNNING.remove(process);
        return process.exitValue();
    }

    /** SIGTERM, as a person's kill or a service manager would send. */
    void terminate() {
        process.destroy();
    }

    long pid() {
        return process.pid();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both streams, for failure messages. */
    String output() {
        return "--- stdout ---\n" + stdout() + "--- stderr ---\n" + stderr();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            RUNNING.remove(process);
        }
    }
}
