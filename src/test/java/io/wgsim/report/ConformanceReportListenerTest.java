package io.wgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.TestExecutionListener;

class ConformanceReportListenerTest {
    @TempDir
    Path root;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private ConformanceReportListener listener;

    @BeforeEach
    void project() throws Exception {
        Files.createDirectories(root.resolve("features"));
        Files.writeString(root.resolve("features/checklist.yaml"), ConformanceReportTest.CHECKLIST);
        listener = new ConformanceReportListener(root, new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutCucumberJsonItWritesNothingAndSaysNothing() {
        assertFalse(listener.regenerate());

        assertFalse(Files.exists(root.resolve("reports/conformance.html")));
        assertEquals("", log());
    }

    @Test
    void afterAFailingSuiteThePageIsWritten() throws Exception {
        CucumberJson json = new CucumberJson();
        json.feature("file:features/h.feature", "H").scenario("s", 3, "@check.hs-ok").failing("Then ", "x", 4, "boom");
        json.write(root.resolve("reports/cucumber-real.json"));

        listener.testPlanExecutionFinished(null);

        String page = Files.readString(root.resolve("reports/conformance.html"));
        assertTrue(page.contains("boom"));
        assertTrue(log().startsWith("wgsim conformance report: wrote " + root.resolve("reports/conformance.html")), log());
    }

    @Test
    void aBrokenInputIsOneLineNotAFailure() throws Exception {
        Files.createDirectories(root.resolve("reports"));
        Files.writeString(root.resolve("reports/cucumber-sim.json"), "{");

        assertFalse(listener.regenerate());

        assertTrue(log().startsWith("wgsim conformance report: NOT written"), log());
        assertTrue(log().contains("cucumber-sim.json: malformed JSON"), log());
        assertEquals(1, log().lines().count(), log());
    }

    @Test
    void theLauncherFindsIt() {
        boolean found = ServiceLoader.load(TestExecutionListener.class).stream()
                .anyMatch(p -> p.type() == ConformanceReportListener.class);

        assertTrue(found, "META-INF/services/org.junit.platform.launcher.TestExecutionListener names it");
    }
}
