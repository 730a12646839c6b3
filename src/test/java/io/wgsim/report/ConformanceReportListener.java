package io.wgsim.report;

import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Regenerates reports/conformance.html when a test run ends, whatever its outcome, so the page is there
 * after the suite even when scenarios fail. Registered through META-INF/services, so surefire and
 * failsafe pick it up; Cucumber's json plugin has written its file by then (at the end of the Cucumber
 * engine's run, before the launcher reports the plan finished).
 *
 * <p>It costs two file checks when no reports/cucumber-*.json exists, which is every run that has no
 * scenarios. It never fails the run: a problem with the report is one line on standard error.
 * {@code -Dwgsim.report.root=DIR} changes the project folder it works in (default: the current folder).
 */
public final class ConformanceReportListener implements TestExecutionListener {
    static final String ROOT_PROPERTY = "wgsim.report.root";

    private final Path root;
    private final PrintStream log;

    public ConformanceReportListener() {
        this(Path.of(System.getProperty(ROOT_PROPERTY, "")).toAbsolutePath(), System.err);
    }

    ConformanceReportListener(Path root, PrintStream log) {
        this.root = root;
        this.log = log;
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        regenerate();
    }

    /** Writes the page if there is Cucumber JSON to write it from; returns whether it did. */
    boolean regenerate() {
        ConformanceReport.Inputs in = ConformanceReport.Inputs.under(root);
        try {
            if (!ConformanceReport.hasCucumberJson(in.reports())) {
                return false;
            }
            log.println("wgsim conformance report: " + ConformanceReport.write(in).describe());
            return true;
        } catch (Exception | LinkageError e) {
            // The tests' own results stand; a broken report must not turn them into a failed build.
            log.println("wgsim conformance report: NOT written (" + in.out() + "): " + e);
            return false;
        }
    }
}
