package io.wgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model behind the page, from a checklist and synthetic Cucumber JSON. */
class ConformanceMatrixTest {
    @TempDir
    Path dir;
    private Checklist checklist;

    @BeforeEach
    void checklist() throws Exception {
        Path file = dir.resolve("checklist.yaml");
        Files.writeString(file, ConformanceReportTest.CHECKLIST);
        checklist = ChecklistReader.read(file);
    }

    private ConformanceMatrix.BackendRun run(Backend backend, CucumberJson json) throws Exception {
        Path file = dir.resolve(backend.cucumberJsonName());
        json.write(file);
        return new ConformanceMatrix.BackendRun(backend, file.toString(), CucumberJsonReader.read(file, backend));
    }

    private static ConformanceMatrix.BackendRun absent(Backend backend) {
        return new ConformanceMatrix.BackendRun(backend, "reports/" + backend.cucumberJsonName(), null);
    }

    private static ConformanceMatrix build(Checklist c, ConformanceMatrix.BackendRun sim, ConformanceMatrix.BackendRun real) {
        Map<Backend, ConformanceMatrix.BackendRun> runs = new EnumMap<>(Backend.class);
        runs.put(Backend.SIM, sim);
        runs.put(Backend.REAL, real);
        return ConformanceMatrix.build(c, runs);
    }

    @Test
    void aCellIsTheWorstOfTheScenariosClaimingIt() throws Exception {
        CucumberJson json = new CucumberJson();
        CucumberJson.Feature f = json.feature("file:features/h.feature", "H");
        f.scenario("one", 3, "@check.hs-ok").step("Given ", "x", 4, "passed");
        f.scenario("two", 6, "@check.hs-ok", "@check.hs-bad").step("Given ", "x", 7, "passed").step("Then ", "y", 8, "undefined");
        f.scenario("three", 10, "@check.hs-bad").failing("Given ", "x", 11, "boom");

        ConformanceMatrix m = build(checklist, run(Backend.SIM, json), absent(Backend.REAL));

        Cell.Ran ok = assertInstanceOf(Cell.Ran.class, m.cell("hs-ok", Backend.SIM));
        assertEquals(Status.UNDEFINED, ok.status());
        assertEquals(List.of("one", "two"), ok.scenarios().stream().map(ScenarioResult::name).toList());
        assertEquals(Status.FAILED, assertInstanceOf(Cell.Ran.class, m.cell("hs-bad", Backend.SIM)).status());
        assertInstanceOf(Cell.Missing.class, m.cell("hs-none", Backend.SIM));
        assertEquals(new Cell.UnitTest("io.wgsim.SomeTest"), m.cell("replay-unit", Backend.SIM));
    }

    @Test
    void aMissingBackendIsNotRunButItsNotApplicableCellsKeepTheirReason() throws Exception {
        ConformanceMatrix m = build(checklist, absent(Backend.SIM), absent(Backend.REAL));

        assertEquals(new Cell.NotRun("reports/cucumber-real.json"), m.cell("hs-ok", Backend.REAL));
        assertEquals(new Cell.NotApplicable("needs <a peer> we control", List.of()), m.cell("hs-bad", Backend.REAL));
        assertEquals(new Cell.NotApplicable("pure computation", List.of()), m.cell("replay-unit", Backend.REAL));
        assertEquals(List.of(), m.allScenarios());
    }

    @Test
    void aScenarioOnANotApplicableBackendIsKeptAndTagsOutsideTheChecklistAreListed() throws Exception {
        CucumberJson json = new CucumberJson();
        CucumberJson.Feature f = json.feature("file:features/h.feature", "H");
        f.scenario("anyway", 3, "@real", "@check.hs-bad").step("Given ", "x", 4, "passed");
        f.scenario("typo", 6, "@real", "@check.hs-okk").step("Given ", "x", 7, "passed");
        f.scenario("plain", 9, "@real").step("Given ", "x", 10, "passed");

        ConformanceMatrix m = build(checklist, absent(Backend.SIM), run(Backend.REAL, json));

        Cell.NotApplicable na = assertInstanceOf(Cell.NotApplicable.class, m.cell("hs-bad", Backend.REAL));
        assertEquals(List.of("anyway"), na.scenarios().stream().map(ScenarioResult::name).toList());
        assertEquals(List.of("hs-okk"), List.copyOf(m.unknownIds().keySet()));
        assertEquals(List.of("plain"), m.unclaimed().stream().map(ScenarioResult::name).toList());
        assertInstanceOf(Cell.Missing.class, m.cell("hs-ok", Backend.REAL));
        assertEquals(Map.of("passed", 0, "failed", 0, "ambiguous", 0, "undefined", 0, "pending", 0, "skipped", 0,
                "no scenario", 2, "not run", 3, "n/a", 2, "unit test", 1), m.tally());
    }
}
