package io.wgsim.steps;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.wgsim.check.CheckInputException;
import io.wgsim.check.CheckOptions;
import io.wgsim.check.CheckReport;
import io.wgsim.check.Checker;
import io.wgsim.check.Violation;
import io.wgsim.lab.Lab;
import io.wgsim.lab.WireMessage;
import io.wgsim.report.PeersAttachment;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Opens a lab per scenario and leaves its capture at captures/<feature>/<scenario>.<backend>.pcapng. */
public class Hooks {
    /** The tag of a scenario that puts protocol violations on the wire on purpose. */
    static final String ADVERSARIAL = "@adversarial";
    /** Capture paths handed out in this JVM: outline rows share a name and get their line appended. */
    private static final Set<String> USED = new HashSet<>();

    @Before(order = 0)
    public void openLab(Scenario scenario) {
        Backend.selected(); // a bad -Dwgsim.backend fails every scenario with its explanation
        String backend = Backend.current();
        if (!scenario.getSourceTagNames().contains("@" + backend)) {
            throw new IllegalStateException("scenario '" + scenario.getName() + "' is not tagged @" + backend
                    + " but runs in the " + backend + " suite");
        }
        String feature = featureName(scenario);
        String slug = slug(scenario.getName());
        String relative;
        synchronized (USED) {
            relative = "captures/" + feature + "/" + slug + "." + backend + ".pcapng";
            if (!USED.add(relative)) {
                relative = "captures/" + feature + "/" + slug + "-line" + scenario.getLine() + "." + backend + ".pcapng";
                USED.add(relative);
            }
        }
        long seed = (feature + "/" + scenario.getName() + "/" + scenario.getLine()).hashCode();
        ScenarioState.begin(new ScenarioState(scenario, backend, seed, Path.of(relative), relative));
    }

    @After(order = 0)
    public void closeLab(Scenario scenario) {
        ScenarioState s = ScenarioState.end();
        if (s == null) {
            return;
        }
        attachPeerNames(scenario, s.lab()); // opens the lab first if no step did, so every scenario leaves a capture
        s.lab().close();
        scenario.attach(s.repoRelativeCapture, "text/uri-list", "capture");
        scenario.log("seed " + s.seed + "; capture " + s.repoRelativeCapture);
        if (s.backend.equals("real")) {
            RealCaptureCheck.decrypts(s.capture, s.hasAttackers());
        }
        if (!scenario.isFailed()) {
            checkCapture(scenario, s.backend, s.capture, s.repoRelativeCapture);
        }
    }

    /**
     * Names the capture's endpoints after the lab's nodes, for the report's sequence diagram. Only
     * cosmetic: a lab that cannot list its wire here costs the diagram its names, not the scenario.
     */
    private static void attachPeerNames(Scenario scenario, Lab lab) {
        List<WireMessage> wire;
        try {
            wire = lab.wire();
        } catch (RuntimeException e) {
            scenario.log("no peer names for the sequence diagram: " + e);
            return;
        }
        Map<InetSocketAddress, String> names = new LinkedHashMap<>();
        for (WireMessage m : wire) {
            if (!m.from().equals("?")) {
                names.putIfAbsent(m.source(), m.from());
            }
            if (!m.to().equals("?")) {
                names.putIfAbsent(m.destination(), m.to());
            }
        }
        if (!names.isEmpty()) {
            scenario.attach(PeersAttachment.text(names), PeersAttachment.MEDIA_TYPE, PeersAttachment.NAME);
        }
    }

    /**
     * Holds every scenario's capture to `wgsim check`: what the peers put on the wire must break no
     * protocol rule. A scenario tagged {@value #ADVERSARIAL} puts violations there on purpose (forged
     * or flooded handshakes); in the simulator its capture must then show at least one, so the tag
     * cannot hide a capture that is merely dirty. (Not on real peers: the checker judges mac1 only for a
     * recipient whose key it can place at an address, and a real capture of a lone forged initiation to
     * wireguard-go may not tell it where that key lives.)
     */
    static void checkCapture(Scenario scenario, String backend, Path capture, String shownAs) {
        CheckReport report;
        try {
            report = Checker.check(capture, List.of(), List.of(), CheckOptions.defaults());
        } catch (CheckInputException e) {
            throw new AssertionError("wgsim check cannot read the scenario's capture " + shownAs + ": " + e.getMessage(), e);
        }
        boolean adversarial = scenario.getSourceTagNames().contains(ADVERSARIAL);
        if (!adversarial && !report.clean()) {
            throw new AssertionError("wgsim check finds protocol violations in " + shownAs + " (run ./wgsim check "
                    + shownAs + "):\n" + report.violations().stream().limit(10).map(Violation::line)
                            .collect(Collectors.joining("\n")));
        }
        if (adversarial && report.clean() && backend.equals("sim")) {
            throw new AssertionError("scenario is tagged " + ADVERSARIAL + " but wgsim check finds nothing wrong in "
                    + shownAs + "; remove the tag");
        }
    }

    static String featureName(Scenario scenario) {
        String path = scenario.getUri().getPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.endsWith(".feature") ? file.substring(0, file.length() - ".feature".length()) : file;
    }

    /** "Rekey after 120 s (initiator)" -> "rekey-after-120-s-initiator". */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.length() > 80) {
            s = s.substring(0, 80).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "scenario" : s;
    }
}
