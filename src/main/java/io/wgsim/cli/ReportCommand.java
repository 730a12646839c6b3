package io.wgsim.cli;

import io.wgsim.report.ConformanceReport;
import io.wgsim.report.ReportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wgsim report}: regenerate the conformance page from the checklist, Cucumber's JSON and the captures. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Write the conformance report: the checklist as a matrix (behaviour x backend) and, for each",
                "scenario, its steps, result and a message sequence diagram drawn from its capture.",
                "",
                "Reads FEATURES/checklist.yaml and REPORTS/cucumber-sim.json and REPORTS/cucumber-real.json",
                "(either may be absent: that backend shows as not run). Capture paths attached to scenarios",
                "are resolved against --root.",
                "",
        },
        footer = {
                "",
                "Exit status: 0 written; 1 an input cannot be used (the message names the file); 2 usage error.",
                "",
                "Example:",
                "  wgsim report && chromium reports/conformance.html",
        })
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--reports", paramLabel = "DIR", description = "Where Cucumber's JSON is. Default: reports.")
    private Path reports = Path.of("reports");

    @Option(names = "--features", paramLabel = "DIR", description = "Where checklist.yaml is. Default: features.")
    private Path features = Path.of("features");

    @Option(names = "--root", paramLabel = "DIR",
            description = "Where repo-relative capture and feature paths start. Default: the current folder.")
    private Path root = Path.of("");

    @Option(names = "--out", paramLabel = "FILE", description = "The page to write. Default: REPORTS/conformance.html.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(features)) {
            throw new CommandFailure(features + ": no such folder (--features, where checklist.yaml is)");
        }
        if (!Files.isDirectory(reports)) {
            throw new CommandFailure(reports + ": no such folder (--reports, where cucumber-sim.json and cucumber-real.json are)");
        }
        if (out != null && Files.isDirectory(out)) {
            throw new CommandFailure(out + ": is a folder; --out names the page to write");
        }
        Path page = out != null ? out : reports.resolve(ConformanceReport.PAGE);
        ConformanceReport.Written written;
        try {
            written = ConformanceReport.write(new ConformanceReport.Inputs(root.toAbsolutePath(), reports, features, page));
        } catch (ReportException e) {
            throw new CommandFailure(e.getMessage());
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + page + ": " + e.getMessage());
        }
        if (!ConformanceReport.hasCucumberJson(reports)) {
            spec.commandLine().getErr().println("wgsim: no cucumber-sim.json or cucumber-real.json in " + reports
                    + "; every backend shows as not run");
        }
        spec.commandLine().getOut().println(written.describe());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
