package io.wgsim.real;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the tests against real wireguard-go need, checked before any of them runs. Missing pieces fail the
 * run with a message saying what to install: a conformance suite that silently skips its real peers
 * would report success having checked nothing. The one way to skip is to ask: {@code -Dwgsim.real=skip}.
 */
final class InteropPrerequisites {
    static final String OPT_OUT_PROPERTY = "wgsim.real";
    private static final List<String> COMMANDS = List.of("ip", "wg", "wireguard-go", "ping");

    private InteropPrerequisites() {}

    /** Whether the run asked to skip these tests ({@code -Dwgsim.real=skip}). */
    static boolean optedOut() {
        return "skip".equals(System.getProperty(OPT_OUT_PROPERTY));
    }

    /** Everything missing, each with a hint; empty when the tests can run. */
    static List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (String command : COMMANDS) {
            if (onPath(command) == null) {
                missing.add("'" + command + "' (not on PATH)");
            }
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            missing.add("/dev/net/tun (wireguard-go needs a TUN device; in a container, pass --device /dev/net/tun)");
        }
        if (!isRoot()) {
            missing.add("root (network namespaces, veths and TUN devices need it)");
        }
        if (!Files.isRegularFile(jar())) {
            missing.add(jar() + " (run 'mvn package' first; 'mvn verify' does)");
        }
        return missing;
    }

    /**
     * For each test: skips it when opted out, fails it naming everything missing, else returns the wgsim
     * jar. Per test rather than once per class, because surefire drops a class-level skip from its
     * report without a trace (see io.wgsim.testing.Vectors).
     */
    static Path check() {
        Assumptions.assumeFalse(optedOut(),
                "-D" + OPT_OUT_PROPERTY + "=skip: the tests against real wireguard-go were skipped on request");
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            Assertions.fail("cannot run the tests against real wireguard-go; missing: " + String.join(", ", missing)
                    + ". Install the packages with scripts/install-deps (wireguard-go, wireguard-tools, iproute2,"
                    + " iputils-ping) and run as root, or opt out explicitly with -D" + OPT_OUT_PROPERTY + "=skip.");
        }
        return jar();
    }

    /** Whether the host can run the tests at all (for class-level setup and teardown that must not fail twice). */
    static boolean ready() {
        return !optedOut() && missing().isEmpty();
    }

    private static Path jar() {
        return Path.of(System.getProperty("wgsim.jar", "target/wgsim.jar")).toAbsolutePath();
    }

    private static Path onPath(String command) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")); // ip lives in sbin, often off a user's PATH
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Path.of(dir, command);
            }
        }
        return null;
    }

    private static boolean isRoot() {
        try {
            // /proc/self belongs to the process's effective user.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
