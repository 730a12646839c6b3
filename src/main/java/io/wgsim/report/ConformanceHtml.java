package io.wgsim.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the conformance page: one self-contained HTML file (inline CSS, inline SVG, no script, no
 * external font or image), every piece of text escaped. The markup is also well-formed XML, which lets
 * a test check the escaping with an XML parser. Links are relative to the page, so the report,
 * features/ and captures/ can be moved together.
 */
final class ConformanceHtml {
    private static final int MAX_ERROR_CHARS = 6000;

    private final ConformanceMatrix matrix;
    private final Map<ScenarioResult, Diagram> diagrams;
    private final Path root;
    private final Path pageDir;
    private final Map<ScenarioResult, String> anchors = new IdentityHashMap<>();
    private final StringBuilder h = new StringBuilder(1 << 16);

    private ConformanceHtml(ConformanceMatrix matrix, Map<ScenarioResult, Diagram> diagrams, Path root, Path page) {
        this.matrix = matrix;
        this.diagrams = diagrams;
        this.root = root.toAbsolutePath().normalize();
        this.pageDir = page.toAbsolutePath().normalize().getParent();
        for (Backend b : Backend.values()) {
            ConformanceMatrix.BackendRun run = matrix.runs().get(b);
            if (run != null && run.ran()) {
                for (int i = 0; i < run.scenarios().size(); i++) {
                    anchors.put(run.scenarios().get(i), "scenario-" + b.key() + "-" + (i + 1));
                }
            }
        }
    }

    /**
     * The page for a matrix; {@code diagrams} holds what to draw for each scenario (looked up by identity),
     * {@code root} is where repo-relative paths start, {@code page} where the page will be written.
     */
    static String render(ConformanceMatrix matrix, Map<ScenarioResult, Diagram> diagrams, Path root, Path page) {
        return new ConformanceHtml(matrix, diagrams, root, page).page();
    }

    private String page() {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>wgsim conformance report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        header();
        table();
        problems();
        scenarios();
        legend();
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private void header() {
        h.append("<header>\n<h1>WireGuard conformance</h1>\n<p class=\"sources\">");
        for (Backend b : Backend.values()) {
            ConformanceMatrix.BackendRun run = matrix.runs().get(b);
            h.append("<span><b>").append(esc(b.title())).append(":</b> ");
            if (run != null && run.ran()) {
                h.append(run.scenarios().size()).append(run.scenarios().size() == 1 ? " scenario" : " scenarios");
                Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
                for (ScenarioResult sc : run.scenarios()) {
                    byStatus.merge(sc.status(), 1, Integer::sum);
                }
                String sep = " (";
                for (Map.Entry<Status, Integer> e : byStatus.entrySet()) {
                    h.append(sep).append(e.getValue()).append(' ').append(esc(e.getKey().word()));
                    sep = ", ";
                }
                h.append(byStatus.isEmpty() ? "" : ")").append(" from ").append(fileLink(Path.of(run.file())));
            } else {
                h.append("not run (").append(esc(run == null ? b.cucumberJsonName() : displayPath(Path.of(run.file()))))
                        .append(" absent)");
            }
            h.append("</span> ");
        }
        h.append("</p>\n<p class=\"tally\">");
        for (Map.Entry<String, Integer> e : matrix.tally().entrySet()) {
            if (e.getValue() > 0) {
                h.append("<span class=\"badge ").append(css(e.getKey())).append("\">").append(esc(e.getKey())).append(" ")
                        .append(e.getValue()).append("</span> ");
            }
        }
        h.append("</p>\n</header>\n");
    }

    private void table() {
        h.append("<section id=\"matrix\">\n<h2>Checklist</h2>\n<table class=\"matrix\">\n<thead><tr><th>Behaviour</th>");
        for (Backend b : Backend.values()) {
            h.append("<th>").append(esc(b.title())).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (Checklist.Area area : matrix.checklist().areas()) {
            h.append("<tr class=\"area\" id=\"area-").append(esc(area.id())).append("\"><th colspan=\"")
                    .append(1 + Backend.values().length).append("\">").append(esc(area.title())).append("</th></tr>\n");
            for (Checklist.Item item : area.items()) {
                h.append("<tr id=\"item-").append(esc(item.id())).append("\"><td class=\"behaviour\"><code>")
                        .append(esc(item.id())).append("</code><br/>").append(esc(item.behaviour())).append("</td>");
                for (Backend b : Backend.values()) {
                    cell(item, matrix.cell(item.id(), b));
                }
                h.append("</tr>\n");
            }
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private void cell(Checklist.Item item, Cell cell) {
        h.append("<td class=\"cell ").append(css(cell.word())).append("\">");
        if (cell instanceof Cell.Ran ran) {
            h.append("<a class=\"badge ").append(css(ran.word())).append("\" href=\"#").append(anchors.get(ran.scenarios().get(0)))
                    .append("\">").append(esc(ran.word())).append("</a>");
            scenarioLinks(ran.scenarios());
        } else if (cell instanceof Cell.NotApplicable na) {
            h.append("<span class=\"badge ").append(css(na.word())).append("\">n/a</span> <span class=\"reason\">")
                    .append(esc(na.reason())).append("</span>");
            if (!na.scenarios().isEmpty()) {
                h.append("<div class=\"note\">ran anyway:</div>");
                scenarioLinks(na.scenarios());
            }
        } else if (cell instanceof Cell.UnitTest u) {
            h.append("<span class=\"badge ").append(css(u.word())).append("\">unit test</span> <code>");
            Path source = root.resolve("src/test/java").resolve(u.testClass().replace('.', '/') + ".java");
            h.append(Files.isRegularFile(source) ? link(source, u.testClass()) : esc(u.testClass()))
                    .append("</code>");
        } else if (cell instanceof Cell.NotRun nr) {
            h.append("<span class=\"badge ").append(css(nr.word())).append("\">not run</span> <span class=\"reason\">")
                    .append(esc(displayPath(Path.of(nr.file())))).append(" absent</span>");
        } else {
            h.append("<span class=\"badge ").append(css(cell.word())).append("\">no scenario</span> <span class=\"reason\">"
                    + "nothing tagged <code>@check.").append(esc(item.id())).append("</code></span>");
        }
        h.append("</td>");
    }

    private void scenarioLinks(List<ScenarioResult> scenarios) {
        h.append("<ul class=\"runs\">");
        for (ScenarioResult s : scenarios) {
            h.append("<li><a class=\"st ").append(css(s.status().word())).append("\" href=\"#").append(anchors.get(s))
                    .append("\">").append(esc(s.name())).append("</a> <span class=\"links\">");
            h.append(featureLink(s));
            if (s.capture() != null) {
                h.append(" \u00b7 ").append(link(root.resolve(s.capture()), "capture"));
            }
            h.append("</span></li>");
        }
        h.append("</ul>");
    }

    private void problems() {
        if (matrix.unknownIds().isEmpty() && matrix.unclaimed().isEmpty()) {
            return;
        }
        h.append("<section id=\"problems\">\n<h2>Not in the checklist</h2>\n");
        if (!matrix.unknownIds().isEmpty()) {
            h.append("<p>Tags naming no checklist item (a typo, or an item missing from features/checklist.yaml):</p>\n<ul>\n");
            for (Map.Entry<String, List<ScenarioResult>> e : matrix.unknownIds().entrySet()) {
                h.append("<li><code>@check.").append(esc(e.getKey())).append("</code> on ");
                listScenarios(e.getValue());
                h.append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (!matrix.unclaimed().isEmpty()) {
            h.append("<p>Scenarios with no <code>@check.</code> tag:</p>\n<ul>\n<li>");
            listScenarios(matrix.unclaimed());
            h.append("</li>\n</ul>\n");
        }
        h.append("</section>\n");
    }

    private void listScenarios(List<ScenarioResult> list) {
        for (int i = 0; i < list.size(); i++) {
            ScenarioResult s = list.get(i);
            h.append(i == 0 ? "" : ", ").append("<a href=\"#").append(anchors.get(s)).append("\">").append(esc(s.name()))
                    .append("</a> (").append(esc(s.backend().key())).append(')');
        }
    }

    private void scenarios() {
        List<ScenarioResult> all = matrix.allScenarios();
        h.append("<section id=\"scenarios\">\n<h2>Scenarios</h2>\n");
        if (all.isEmpty()) {
            h.append("<p class=\"note\">No scenario ran: no Cucumber JSON report was found.</p>\n");
        }
        for (ScenarioResult s : all) {
            scenario(s);
        }
        h.append("</section>\n");
    }

    private void scenario(ScenarioResult s) {
        String anchor = anchors.get(s);
        h.append("<article class=\"scenario\" id=\"").append(anchor).append("\">\n<h3><span class=\"badge ")
                .append(css(s.status().word())).append("\">").append(esc(s.status().word())).append("</span> ")
                .append(esc(s.name())).append(" <span class=\"backend\">").append(esc(s.backend().title()))
                .append("</span></h3>\n<p class=\"meta\">").append(esc(s.featureName())).append(" \u00b7 ")
                .append(featureLink(s));
        if (s.capture() != null) {
            h.append(" \u00b7 capture ").append(link(root.resolve(s.capture()), s.capture()));
        }
        h.append("<br/>");
        for (String id : s.checkIds()) {
            boolean known = matrix.checklist().item(id) != null;
            h.append(known ? "<a class=\"check\" href=\"#item-" + esc(id) + "\">" : "<span class=\"check unknown\">")
                    .append("check ").append(esc(id)).append(known ? "</a> " : "</span> ");
        }
        for (String tag : s.tags()) {
            if (!tag.startsWith(ScenarioResult.CHECK_TAG)) {
                h.append("<span class=\"tag\">").append(esc(tag)).append("</span> ");
            }
        }
        h.append("</p>\n<ol class=\"steps\">\n");
        for (StepResult step : s.steps()) {
            if (step.isHook() && step.status() == Status.PASSED) {
                continue; // passing hooks are plumbing; a failing one is shown where it broke the scenario
            }
            h.append("<li class=\"").append(css(step.status().word())).append("\"><span class=\"mark\">")
                    .append(esc(step.status().word())).append("</span> <b>").append(esc(step.keyword().strip()))
                    .append("</b> ").append(esc(step.text()));
            if (step.durationNanos() > 0) {
                h.append(" <span class=\"dur\">").append(esc(duration(step.durationNanos()))).append("</span>");
            }
            if (step.errorMessage() != null) {
                String error = step.errorMessage();
                if (error.length() > MAX_ERROR_CHARS) {
                    error = error.substring(0, MAX_ERROR_CHARS) + "\n... (" + (error.length() - MAX_ERROR_CHARS)
                            + " more characters in the Cucumber JSON)";
                }
                h.append("<pre class=\"error\">").append(esc(error)).append("</pre>");
            }
            h.append("</li>\n");
        }
        h.append("</ol>\n");
        diagram(s, anchor);
        h.append("</article>\n");
    }

    private void diagram(ScenarioResult s, String anchor) {
        Diagram d = diagrams.get(s);
        h.append("<figure class=\"diagram\">\n");
        if (d == null || d.sequence() == null) {
            h.append("<figcaption class=\"note\">No diagram: ")
                    .append(esc(d == null ? "no capture attached to this scenario" : d.note())).append("</figcaption>\n");
        } else if (d.sequence().exchanges().isEmpty()) {
            h.append("<figcaption class=\"note\">No diagram: the capture holds no UDP datagram")
                    .append(d.sequence().ignoredFrames() > 0 ? " (" + d.sequence().ignoredFrames() + " other frames)" : "")
                    .append(".</figcaption>\n");
        } else {
            MessageSequence seq = d.sequence();
            h.append("<div class=\"scroll\">").append(SequenceDiagramSvg.render(seq, anchor)).append("</div>\n");
            h.append("<figcaption>").append(seq.messages()).append(" UDP datagrams between ")
                    .append(seq.lifelines().size()).append(" endpoints");
            if (seq.ignoredFrames() > 0) {
                h.append("; ").append(seq.ignoredFrames()).append(" frames that are not UDP not drawn");
            }
            h.append(". Runs of ").append(SequenceReader.COLLAPSE_AT)
                    .append(" or more data messages or keepalives between two endpoints are drawn as one arrow per direction."
                            + "</figcaption>\n");
        }
        h.append("</figure>\n");
    }

    private void legend() {
        h.append("<footer>\n<h2>Reading the diagrams</h2>\n<p>");
        for (MessageKind k : MessageKind.values()) {
            h.append("<span class=\"key\" style=\"border-color:").append(k.colour()).append(";color:").append(k.colour())
                    .append("\">").append(esc(k.word())).append("</span> ");
        }
        h.append("</p>\n<p>Time runs down; rows are evenly spaced and labelled with their time since the capture's first"
                + " datagram, and a shaded band marks a pause of more than a second. Lifelines are outer address:port."
                + " s: and r: are the sender and receiver indices, n= the transport counter; +mac2 marks a handshake"
                + " message carrying a cookie MAC. A keepalive is a transport message with an empty payload.</p>\n</footer>\n");
    }

    private String featureLink(ScenarioResult s) {
        Path file = FeaturePaths.resolve(root, s.featureUri());
        return link(file, displayPath(file) + ":" + s.line());
    }

    private String fileLink(Path file) {
        return link(file, displayPath(file));
    }

    private String link(Path target, String text) {
        return "<a href=\"" + esc(Html.href(relative(target))) + "\">" + esc(text) + "</a>";
    }

    private String relative(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        try {
            return pageDir.relativize(abs).toString().replace('\\', '/');
        } catch (IllegalArgumentException differentRoots) {
            return abs.toUri().toString();
        }
    }

    /** A path as the reader knows it: relative to the project root when it is inside it. */
    private String displayPath(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    private static String duration(long nanos) {
        if (nanos < 1_000_000L) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        if (nanos < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%d ms", nanos / 1_000_000L);
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String css(String word) {
        return "s-" + word.replace("n/a", "na").replace(' ', '-');
    }

    private static String esc(String text) {
        return Html.escape(text);
    }

    private static final String CSS = """
            body { font: 14px/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1f2328; margin: 0 24px 40px; }
            h1 { margin: 18px 0 4px; font-size: 24px; }
            h2 { margin: 28px 0 10px; font-size: 19px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
            h3 { margin: 0 0 6px; font-size: 16px; }
            code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
            a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
            .sources span { margin-right: 18px; }
            .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
                     border: 1px solid transparent; white-space: nowrap; }
            a.badge { color: inherit; }
            .s-passed { background: #dafbe1; color: #116329; }
            .s-failed, .s-ambiguous { background: #ffebe9; color: #a40e26; }
            .s-undefined, .s-pending, .s-skipped { background: #fff8c5; color: #7d4e00; }
            .s-no-scenario { background: #fff1e5; color: #953800; }
            .s-not-run { background: #eaeef2; color: #57606a; }
            .s-na { background: #ddf4ff; color: #0a3069; }
            .s-unit-test { background: #fbefff; color: #6e40c9; }
            td.cell { background: none; color: inherit; }
            td.s-failed, td.s-ambiguous { background: #fff5f5; }
            td.s-no-scenario { background: #fffaf5; }
            table.matrix { border-collapse: collapse; width: 100%; table-layout: fixed; }
            table.matrix th, table.matrix td { border: 1px solid #d0d7de; padding: 6px 8px; vertical-align: top; text-align: left; }
            table.matrix thead th { background: #f6f8fa; position: sticky; top: 0; }
            table.matrix th:first-child { width: 40%; }
            tr.area th { background: #f6f8fa; font-size: 15px; }
            td.behaviour code { color: #57606a; }
            .reason { color: #57606a; font-size: 12px; }
            ul.runs { margin: 4px 0 0; padding-left: 16px; font-size: 12px; }
            ul.runs a.st { padding: 0 4px; border-radius: 4px; }
            .links { color: #57606a; }
            .note { color: #57606a; font-style: italic; }
            article.scenario { border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 16px; margin: 14px 0; }
            article.scenario:target { border-color: #0969da; box-shadow: 0 0 0 3px #ddf4ff; }
            .backend { font-weight: normal; color: #57606a; font-size: 13px; }
            .meta { color: #57606a; margin: 0 0 8px; font-size: 13px; }
            .tag, .check { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 4px; background: #f6f8fa;
                           border: 1px solid #d0d7de; margin: 2px 2px 0 0; }
            .check.unknown { border-color: #cf222e; color: #a40e26; }
            ol.steps { margin: 6px 0; padding-left: 22px; }
            ol.steps li { margin: 2px 0; }
            ol.steps li.s-passed, ol.steps li.s-failed, ol.steps li.s-skipped, ol.steps li.s-undefined,
            ol.steps li.s-pending, ol.steps li.s-ambiguous { background: none; color: inherit; }
            .mark { display: inline-block; min-width: 64px; font-size: 11px; font-weight: 600; }
            li.s-passed .mark { color: #116329; } li.s-failed .mark, li.s-ambiguous .mark { color: #a40e26; }
            li.s-skipped .mark, li.s-undefined .mark, li.s-pending .mark { color: #7d4e00; }
            .dur { color: #8c959f; font-size: 12px; }
            pre.error { background: #fff5f5; border: 1px solid #ffcecb; padding: 8px; max-height: 260px; overflow: auto;
                        white-space: pre-wrap; margin: 4px 0; }
            figure.diagram { margin: 10px 0 0; }
            figure.diagram .scroll { overflow-x: auto; border: 1px solid #eaeef2; border-radius: 6px; }
            figcaption { color: #57606a; font-size: 12px; margin-top: 4px; }
            footer { margin-top: 30px; color: #57606a; }
            .key { display: inline-block; border: 2px solid; border-radius: 4px; padding: 0 6px; margin-right: 6px; font-size: 12px; }
            """;
}
