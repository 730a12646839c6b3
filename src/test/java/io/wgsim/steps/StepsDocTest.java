package io.wgsim.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.cucumberexpressions.ExpressionFactory;
import io.cucumber.cucumberexpressions.ParameterType;
import io.cucumber.cucumberexpressions.ParameterTypeRegistry;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/steps.md lists exactly the step expressions of the glue, and each row's example is matched by
 * its own expression (with the real parameter types).
 */
class StepsDocTest {
    private static final Path DOC = Path.of("docs/steps.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\|\\s*$");

    @Test
    void theDocListsEveryStepAndNothingElse() throws Exception {
        TreeSet<String> inCode = new TreeSet<>(stepExpressions());
        TreeSet<String> inDoc = new TreeSet<>(documented().keySet());
        TreeSet<String> undocumented = new TreeSet<>(inCode);
        undocumented.removeAll(inDoc);
        TreeSet<String> stale = new TreeSet<>(inDoc);
        stale.removeAll(inCode);
        assertEquals(List.of(), List.copyOf(undocumented), "steps in io.wgsim.steps missing from " + DOC);
        assertEquals(List.of(), List.copyOf(stale), "rows of " + DOC + " naming no step in io.wgsim.steps");
    }

    @Test
    void everyExampleMatchesItsExpression() throws IOException {
        ExpressionFactory expressions = new ExpressionFactory(registry());
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, String> row : documented().entrySet()) {
            String example = row.getValue().replaceFirst("^(Given|When|Then|And|But) ", "");
            if (expressions.createExpression(row.getKey()).match(example) == null) {
                bad.add(row.getKey() + "  <-/-  " + row.getValue());
            }
        }
        assertEquals(List.of(), bad, "examples in " + DOC + " their expression does not match");
    }

    @Test
    void noRealScenarioUsesAStepOnlyTheSimulatorHas() throws Exception {
        ExpressionFactory expressions = new ExpressionFactory(registry());
        List<io.cucumber.cucumberexpressions.Expression> simOnly = new ArrayList<>();
        for (String e : simulatorOnly()) {
            simOnly.add(expressions.createExpression(e));
        }
        assertTrue(simOnly.size() >= 5, "found no (simulator only) sections in " + DOC);
        List<String> bad = new ArrayList<>();
        for (FeatureTags.TaggedScenario s : FeatureTags.read(Path.of("features"))) {
            if (!s.tags().contains("@real")) {
                continue;
            }
            for (String step : s.steps()) {
                if (simOnly.stream().anyMatch(e -> e.match(step.replaceAll("<[a-z]+>", "1")) != null)) {
                    bad.add(s.where() + ": " + step);
                }
            }
        }
        assertEquals(List.of(), bad, "@real scenarios using steps only the simulator has");
    }

    /** The expressions listed under headings that say "(simulator only)". */
    private static List<String> simulatorOnly() throws IOException {
        List<String> out = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("#")) {
                inside = line.contains("(simulator only)");
            }
            Matcher m = ROW.matcher(line);
            if (inside && m.matches()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void everyStepIsUsedBySomeScenario() throws Exception {
        ExpressionFactory expressions = new ExpressionFactory(registry());
        List<String> steps = scenarioSteps();
        List<String> unused = new ArrayList<>();
        for (String expression : new TreeSet<>(stepExpressions())) {
            var e = expressions.createExpression(expression);
            if (steps.stream().noneMatch(step -> e.match(step) != null)) {
                unused.add(expression);
            }
        }
        assertEquals(List.of(), unused, "steps no scenario in features/ uses: use them or remove them");
    }

    /** Every step line of features/*.feature without its keyword; outline steps filled from their first example row. */
    private static List<String> scenarioSteps() throws IOException {
        List<String> out = new ArrayList<>();
        Pattern keyword = Pattern.compile("^(Given|When|Then|And|But) (.*)$");
        try (Stream<Path> files = Files.list(Path.of("features"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".feature")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f).stream().map(String::trim).toList();
                List<String> outline = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = keyword.matcher(lines.get(i));
                    if (m.matches()) {
                        (m.group(2).contains("<") ? outline : out).add(m.group(2));
                    } else if (lines.get(i).startsWith("Examples:") && i + 2 < lines.size()) {
                        String[] names = cells(lines.get(i + 1));
                        String[] values = cells(lines.get(i + 2));
                        for (String step : outline) {
                            for (int c = 0; c < names.length && c < values.length; c++) {
                                step = step.replace("<" + names[c] + ">", values[c]);
                            }
                            out.add(step);
                        }
                        outline.clear();
                    }
                }
            }
        }
        return out;
    }

    private static String[] cells(String row) {
        String inner = row.substring(row.indexOf('|') + 1, row.lastIndexOf('|'));
        return java.util.Arrays.stream(inner.split("\\|")).map(String::trim).toArray(String[]::new);
    }

    /** The parameter types of {@link ParameterTypes}, by method name and regex, as strings. */
    private static ParameterTypeRegistry registry() {
        ParameterTypeRegistry registry = new ParameterTypeRegistry(Locale.ENGLISH);
        for (Method m : ParameterTypes.class.getDeclaredMethods()) {
            io.cucumber.java.ParameterType p = m.getAnnotation(io.cucumber.java.ParameterType.class);
            if (p != null) {
                registry.defineParameterType(new ParameterType<>(m.getName(), p.value(), String.class, (String s) -> s));
            }
        }
        return registry;
    }

    private static Map<String, String> documented() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                String previous = rows.put(m.group(1), m.group(2));
                assertEquals(null, previous, DOC + " lists `" + m.group(1) + "` twice");
            }
        }
        assertTrue(rows.size() > 10, DOC + " has no step table rows");
        return rows;
    }

    /** Every @Given/@When/@Then expression on the classes compiled into this package. */
    private static List<String> stepExpressions() throws IOException, URISyntaxException, ClassNotFoundException {
        List<String> out = new ArrayList<>();
        Path dir = Path.of(StepsDocTest.class.getResource("").toURI());
        List<Path> classes;
        try (Stream<Path> files = Files.list(dir)) {
            classes = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path c : classes) {
            String name = c.getFileName().toString().replace(".class", "");
            Class<?> type = Class.forName(StepsDocTest.class.getPackageName() + "." + name);
            for (Method m : type.getDeclaredMethods()) {
                Given g = m.getAnnotation(Given.class);
                When w = m.getAnnotation(When.class);
                Then t = m.getAnnotation(Then.class);
                if (g != null) {
                    out.add(g.value());
                }
                if (w != null) {
                    out.add(w.value());
                }
                if (t != null) {
                    out.add(t.value());
                }
            }
        }
        assertTrue(out.size() > 10, "found no step definitions in " + dir);
        return out;
    }
}
