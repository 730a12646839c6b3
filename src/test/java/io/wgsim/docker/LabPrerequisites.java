package io.wgsim.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the Docker lab's tests need. Missing pieces fail the test saying what to install: a conformance
 * suite that silently skipped its real peers would report success having checked nothing. The one way to
 * skip is to ask: {@code -Dwgsim.real=skip}.
 */
final class LabPrerequisites {
    static final String OPT_OUT_PROPERTY = "wgsim.real";

    private LabPrerequisites() {}

    static boolean optedOut() {
        return "skip".equals(System.getProperty(OPT_OUT_PROPERTY));
    }

    /** Skips when opted out; fails naming what is missing; else connects to the engine. */
    static DockerEngine connect() {
        // (LabExtension checks the opt-out per test before calling this; LabCleanupIT calls it in a test.)
        Assumptions.assumeFalse(optedOut(),
                "-D" + OPT_OUT_PROPERTY + "=skip: the Docker lab's tests were skipped on request");
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("root (the wgsim peer binds on the lab's bridges and captures on them)");
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            missing.add("/dev/net/tun (the containers' wireguard-go needs a TUN device)");
        }
        if (!missing.isEmpty()) {
            Assertions.fail("cannot run the Docker lab's tests; missing: " + String.join(", ", missing)
                    + ". Run them through scripts/test as root, or opt out with -D" + OPT_OUT_PROPERTY + "=skip.");
        }
        try {
            return DockerEngine.connect();
        } catch (LabException e) {
            return Assertions.fail("cannot run the Docker lab's tests: " + e.getMessage()
                    + ". scripts/test installs docker.io, wireguard-go, wireguard-tools and busybox-static"
                    + " (scripts/install-deps) and starts an engine (scripts/docker-engine).", e);
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
