package io.wgsim.steps;

import io.wgsim.lab.DockerLab;
import io.wgsim.lab.Lab;
import io.wgsim.lab.SimLab;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Which backends run ({@code -Dwgsim.backend=sim|real|all}, default all) and which lab this JVM's
 * suite drives ({@code wgsim.lab}, set by surefire to sim and by failsafe to real).
 */
final class Backend {
    static final String SELECTION_PROPERTY = "wgsim.backend";
    static final String LAB_PROPERTY = "wgsim.lab";

    private Backend() {}

    /** The backends selected to run; a value other than sim, real or all is an error naming the property. */
    static Set<String> selected() {
        String value = System.getProperty(SELECTION_PROPERTY, "all").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "all", "" -> Set.of("sim", "real");
            case "sim" -> Set.of("sim");
            case "real" -> Set.of("real");
            default -> throw new IllegalArgumentException("-D" + SELECTION_PROPERTY + "=" + value
                    + " is not a backend selection: use sim, real or all");
        };
    }

    /** The lab this JVM runs scenarios on: sim unless failsafe's real suite set it. */
    static String current() {
        String lab = System.getProperty(LAB_PROPERTY, "sim").trim().toLowerCase(Locale.ROOT);
        if (!lab.equals("sim") && !lab.equals("real")) {
            throw new IllegalArgumentException("-D" + LAB_PROPERTY + "=" + lab + " names no lab: use sim or real");
        }
        return lab;
    }

    static Lab open(String backend, long seed, Path capture) {
        if (backend.equals("sim")) {
            return new SimLab(seed, capture);
        }
        if ("skip".equals(System.getProperty("wgsim.real"))) {
            throw new org.opentest4j.TestAbortedException("-Dwgsim.real=skip: the real-peer scenarios were skipped on request");
        }
        return new DockerLab(seed, capture);
    }
}
