package io.wgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CucumberJsonReaderTest {
    @TempDir
    Path dir;

    /** What Cucumber-JVM 7.20.1 itself wrote (see the README beside the resource). */
    private static Path realReport() throws Exception {
        return Path.of(CucumberJsonReaderTest.class.getResource("cucumber-7.20.1.json").toURI());
    }

    @Test
    void readsWhatCucumber7sJsonPluginWrites() throws Exception {
        List<ScenarioResult> scenarios = CucumberJsonReader.read(realReport(), Backend.SIM);

        assertEquals(List.of("First packet <triggers> & \"quotes\"", "outline 1", "outline 2", "undefined one"),
                scenarios.stream().map(ScenarioResult::name).toList(), "backgrounds are not scenarios");
        ScenarioResult first = scenarios.get(0);
        assertEquals(8, first.line());
        assertEquals("features/demo.feature", first.featurePath());
        assertEquals("Handshake demo", first.featureName());
        assertEquals(List.of("@sim", "@check.handshake-first-packet", "@slow"), first.tags());
        assertEquals(List.of("handshake-first-packet"), first.checkIds());
        assertEquals(Status.FAILED, first.status());
        assertEquals("captures/handshake/first-packet.sim.pcapng", first.capture());
        assertTrue(first.firstError().startsWith("java.lang.AssertionError: expected 1 initiation\nobserved <0>"),
                first.firstError());
        List<String> texts = first.steps().stream().filter(s -> !s.isHook()).map(StepResult::text).toList();
        assertEquals(List.of("a peer", "it sends", "it fails"), texts, "the background's step runs first");
        assertEquals(Status.PASSED, first.steps().stream().filter(s -> s.text().equals("a peer")).findFirst().orElseThrow().status());

        assertEquals(Status.PASSED, scenarios.get(1).status());
        assertEquals(16, scenarios.get(1).line(), "an example row's line");
        assertEquals(Status.UNDEFINED, scenarios.get(3).status());
        assertNull(scenarios.get(3).capture());
    }

    @Test
    void aScenarioIsAsBadAsItsWorstStepOrHook() throws Exception {
        CucumberJson json = new CucumberJson();
        CucumberJson.Feature f = json.feature("file:features/a.feature", "A");
        f.scenario("skipped after a failure", 3).failing("Given ", "x", 4, "boom").step("Then ", "y", 5, "skipped");
        f.scenario("all skipped", 7).step("Given ", "x", 8, "skipped");
        f.scenario("pending", 10).step("Given ", "x", 11, "passed").step("Then ", "y", 12, "pending");
        f.scenario("no steps", 14);
        Path file = dir.resolve("cucumber-sim.json");
        json.write(file);

        List<Status> statuses = CucumberJsonReader.read(file, Backend.SIM).stream().map(ScenarioResult::status).toList();

        assertEquals(List.of(Status.FAILED, Status.SKIPPED, Status.PENDING, Status.UNDEFINED), statuses);
    }

    @Test
    void peerNamesComeFromAPeersAttachment() throws Exception {
        CucumberJson json = new CucumberJson();
        json.feature("file:features/a.feature", "A").scenario("s", 3, "@check.x").step("Given ", "x", 4, "passed")
                .capture("# the capture\ncaptures/a/s.sim.pcapng\n")
                .attach("text/plain", "peers", "alice=198.18.0.1:51820\nbob = 198.18.0.2:51821\n");
        Path file = dir.resolve("cucumber-sim.json");
        json.write(file);

        ScenarioResult s = CucumberJsonReader.read(file, Backend.SIM).get(0);

        assertEquals("captures/a/s.sim.pcapng", s.capture(), "comment lines of text/uri-list are skipped");
        assertEquals(Map.of("198.18.0.1:51820", "alice", "198.18.0.2:51821", "bob"), s.peerNames());
    }

    @Test
    void malformedJsonIsAnErrorNamingTheFileAndLine() throws Exception {
        Path file = dir.resolve("cucumber-real.json");
        Files.writeString(file, "[{\"uri\": \"file:a.feature\",\n \"elements\": [ }");

        ReportException e = assertThrows(ReportException.class, () -> CucumberJsonReader.read(file, Backend.REAL));

        assertTrue(e.getMessage().startsWith(file + ": malformed JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void jsonOfAnotherShapeNamesTheField() throws Exception {
        Path notArray = dir.resolve("a.json");
        Files.writeString(notArray, "{\"features\": []}");
        Path badStatus = dir.resolve("b.json");
        Files.writeString(badStatus, "[{\"uri\":\"file:a.feature\",\"elements\":[{\"name\":\"s\",\"line\":3,\"steps\":"
                + "[{\"name\":\"x\",\"line\":4,\"keyword\":\"Given \",\"result\":{\"status\":\"exploded\"}}]}]}]");
        Path noUri = dir.resolve("c.json");
        Files.writeString(noUri, "[{\"elements\":[]}]");
        Path empty = dir.resolve("d.json");
        Files.writeString(empty, "");

        assertEquals(notArray + ": expected an array of features (Cucumber's json plugin), got OBJECT",
                assertThrows(ReportException.class, () -> CucumberJsonReader.read(notArray, Backend.SIM)).getMessage());
        assertEquals(badStatus + ": [0].elements[0].steps[0].result.status: unknown status 'exploded'",
                assertThrows(ReportException.class, () -> CucumberJsonReader.read(badStatus, Backend.SIM)).getMessage());
        assertEquals(noUri + ": [0].uri: missing",
                assertThrows(ReportException.class, () -> CucumberJsonReader.read(noUri, Backend.SIM)).getMessage());
        assertTrue(assertThrows(ReportException.class, () -> CucumberJsonReader.read(empty, Backend.SIM)).getMessage()
                .startsWith(empty + ": "));
    }
}
