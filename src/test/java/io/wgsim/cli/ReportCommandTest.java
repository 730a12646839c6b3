package io.wgsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    private static final String CHECKLIST = """
            areas:
              - id: handshake
                title: Handshake
                items:
                  - {id: hs, behaviour: B, sim: run, real: run}
            """;
    private static final String JSON = """
            [{"uri": "file:features/h.feature", "name": "H", "elements": [
              {"type": "scenario", "name": "S", "line": 3, "tags": [{"name": "@check.hs"}],
               "steps": [{"keyword": "Given ", "name": "x", "line": 4, "result": {"status": "passed"}}]}]}]
            """;

    @TempDir
    Path root;
    private Path features;
    private Path reports;

    @BeforeEach
    void project() throws Exception {
        features = Files.createDirectories(root.resolve("features"));
        reports = Files.createDirectories(root.resolve("reports"));
        Files.writeString(features.resolve("checklist.yaml"), CHECKLIST);
    }

    private Cli.Result report(String... more) {
        String[] args = new String[more.length + 7];
        args[0] = "report";
        args[1] = "--features";
        args[2] = features.toString();
        args[3] = "--reports";
        args[4] = reports.toString();
        args[5] = "--root";
        args[6] = root.toString();
        System.arraycopy(more, 0, args, 7, more.length);
        return Cli.run("", args);
    }

    @Test
    void writesThePageAndSaysWhatIsInIt() throws Exception {
        Files.writeString(reports.resolve("cucumber-sim.json"), JSON);

        Cli.Result r = report();

        assertEquals(0, r.exitCode(), r.err());
        Path page = reports.resolve("conformance.html");
        assertEquals("wrote " + page + ": 1 scenario; passed 1, not run 1\n", r.out());
        assertTrue(Files.readString(page).contains("id=\"scenario-sim-1\""));
        assertEquals("", r.err());
    }

    @Test
    void outChoosesThePage() throws Exception {
        Path page = root.resolve("elsewhere/page.html");

        Cli.Result r = report("--out", page.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(page));
        assertEquals("wgsim: no cucumber-sim.json or cucumber-real.json in " + reports + "; every backend shows as not run\n",
                r.err());
    }

    @Test
    void malformedJsonIsAnErrorNamingTheFile() throws Exception {
        Path json = reports.resolve("cucumber-real.json");
        Files.writeString(json, "[{\"uri\": ");

        Cli.Result r = report();

        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("wgsim: " + json + ": malformed JSON"), r.err());
        assertTrue(!r.err().contains("\tat "), "a user's mistake, no stack trace: " + r.err());
    }

    @Test
    void aMissingChecklistOrFolderIsAnError() throws Exception {
        Files.delete(features.resolve("checklist.yaml"));
        Cli.Result noChecklist = report();
        assertEquals(1, noChecklist.exitCode());
        assertEquals("wgsim: " + features.resolve("checklist.yaml") + ": no such file (the conformance checklist)\n",
                noChecklist.err());

        Cli.Result noReports = Cli.run("", "report", "--reports", root.resolve("nope").toString(),
                "--features", features.toString());
        assertEquals(1, noReports.exitCode());
        assertTrue(noReports.err().startsWith("wgsim: " + root.resolve("nope") + ": no such folder"), noReports.err());
    }

    @Test
    void outBeingAFolderIsAnError() {
        Cli.Result r = report("--out", reports.toString());

        assertEquals(1, r.exitCode());
        assertEquals("wgsim: " + reports + ": is a folder; --out names the page to write\n", r.err());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli.Result r = Cli.run("", "report", "--colour");

        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("Unknown option: '--colour'"), r.err());
    }
}
