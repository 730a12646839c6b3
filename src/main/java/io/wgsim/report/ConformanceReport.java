package io.wgsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regenerates reports/conformance.html from what is there: features/checklist.yaml, and the Cucumber
 * JSON of each backend (reports/cucumber-sim.json, reports/cucumber-real.json; an absent one is a column
 * "not run"), and the capture each scenario attached. The page is written to a temporary file and moved
 * into place, so a reader never sees half a page.
 */
public final class ConformanceReport {
    public static final String CHECKLIST = "checklist.yaml";
    public static final String PAGE = "conformance.html";

    private ConformanceReport() {}

    /**
     * Where to read and write.
     *
     * @param root where repo-relative paths (captures, feature files) start: the project folder
     * @param reports the folder holding cucumber-sim.json and cucumber-real.json
     * @param features the folder holding checklist.yaml
     * @param out the page to write
     */
    public record Inputs(Path root, Path reports, Path features, Path out) {

        /** The project's layout under {@code root}: reports/, features/, reports/conformance.html. */
        public static Inputs under(Path root) {
            return new Inputs(root, root.resolve("reports"), root.resolve("features"), root.resolve("reports").resolve(PAGE));
        }
    }

    /** What was written: the page, how many scenarios it shows, and the cells by word. */
    public record Written(Path page, int scenarios, Map<String, Integer> cells) {
        /** A one-line account, e.g. for a log. */
        public String describe() {
            StringBuilder b = new StringBuilder("wrote " + page + ": " + scenarios + (scenarios == 1 ? " scenario;" : " scenarios;"));
            cells.forEach((word, n) -> {
                if (n > 0) {
                    b.append(' ').append(word).append(' ').append(n).append(',');
                }
            });
            b.setLength(b.length() - 1);
            return b.toString();
        }
    }

    /** Whether {@code reports} holds the Cucumber JSON of at least one backend. */
    public static boolean hasCucumberJson(Path reports) {
        for (Backend b : Backend.values()) {
            if (Files.isRegularFile(reports.resolve(b.cucumberJsonName()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the inputs and writes the page. Throws {@link ReportException} naming the file for input it
     * cannot use (no checklist, malformed JSON) and IOException when the page cannot be written. A
     * capture that is missing or unreadable is not an error: its scenario's section says so.
     */
    public static Written write(Inputs in) throws IOException {
        Checklist checklist = ChecklistReader.read(in.features().resolve(CHECKLIST));
        Map<Backend, ConformanceMatrix.BackendRun> runs = new EnumMap<>(Backend.class);
        for (Backend b : Backend.values()) {
            Path json = in.reports().resolve(b.cucumberJsonName());
            List<ScenarioResult> scenarios = Files.exists(json) ? CucumberJsonReader.read(json, b) : null;
            runs.put(b, new ConformanceMatrix.BackendRun(b, json.toString(), scenarios));
        }
        ConformanceMatrix matrix = ConformanceMatrix.build(checklist, runs);
        Map<ScenarioResult, Diagram> diagrams = new IdentityHashMap<>();
        for (ScenarioResult s : matrix.allScenarios()) {
            diagrams.put(s, diagram(in.root(), s));
        }
        String html = ConformanceHtml.render(matrix, diagrams, in.root(), in.out());
        writeAtomically(in.out(), html);
        return new Written(in.out(), matrix.allScenarios().size(), matrix.tally());
    }

    static Diagram diagram(Path root, ScenarioResult s) {
        if (s.capture() == null) {
            return Diagram.none("no capture attached to this scenario (an attachment of type text/uri-list)");
        }
        Path file = root.resolve(s.capture());
        if (!Files.isRegularFile(file)) {
            return Diagram.none("capture " + s.capture() + " not found");
        }
        try {
            return Diagram.of(SequenceReader.read(file, s.peerNames()));
        } catch (IOException | RuntimeException e) {
            // A broken capture is worth a line on the page, not a missing report.
            return Diagram.none("capture " + s.capture() + " cannot be read: " + e.getMessage());
        }
    }

    private static void writeAtomically(Path out, String html) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".conformance", ".tmp");
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // A temporary file is owner-only; the page holds no secret and is meant to be shared.
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
