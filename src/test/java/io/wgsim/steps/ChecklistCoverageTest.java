package io.wgsim.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * features/checklist.yaml and the scenarios agree: every item a backend must run has a scenario tagged
 * for it on that backend, every @check tag names an item, and no scenario claims a backend its items
 * are not applicable to. (Whether the scenarios pass is the suites' business.)
 */
class ChecklistCoverageTest {
    private static final Path FEATURES = Path.of("features");
    private static final Map<String, JsonNode> ITEMS = new LinkedHashMap<>();
    private static List<FeatureTags.TaggedScenario> scenarios;

    @BeforeAll
    static void read() throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(FEATURES.resolve("checklist.yaml").toFile());
        for (JsonNode area : root.get("areas")) {
            for (JsonNode item : area.get("items")) {
                JsonNode previous = ITEMS.put(item.get("id").asText(), item);
                assertEquals(null, previous, "checklist.yaml: item id " + item.get("id").asText() + " appears twice");
            }
        }
        scenarios = FeatureTags.read(FEATURES);
        assertFalse(ITEMS.isEmpty(), "checklist.yaml lists no items");
        assertFalse(scenarios.isEmpty(), "features/ has no scenarios");
    }

    @Test
    void everyItemToRunOnTheSimulatorHasASimScenario() {
        assertEquals(List.of(), missing("sim"), "checklist items with sim: run and no @sim scenario tagged @check.<id>");
    }

    /**
     * Items the real lab should run but cannot yet, in checklist order, with why; the conformance report
     * shows them as "no scenario" on real peers.
     */
    private static final Map<String, String> REAL_GAPS = gaps();

    private static Map<String, String> gaps(String... idsAndReasons) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < idsAndReasons.length; i += 2) {
            out.put(idsAndReasons[i], idsAndReasons[i + 1]);
        }
        return out;
    }

    @Test
    void everyItemToRunOnRealPeersHasARealScenario() {
        assertEquals(List.copyOf(REAL_GAPS.keySet()), missing("real"), "checklist items with real: run and no @real scenario"
                + " tagged @check.<id>, beyond the known gaps (a closed gap comes off the list)");
    }

    private List<String> missing(String backend) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : ITEMS.entrySet()) {
            if (!e.getValue().path(backend).asText().equals("run")) {
                continue;
            }
            boolean covered = scenarios.stream().anyMatch(s -> s.tags().contains("@" + backend) && s.tags().contains("@check." + e.getKey()));
            if (!covered) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    @Test
    void everyCheckTagNamesAChecklistItem() {
        List<String> unknown = new ArrayList<>();
        for (FeatureTags.TaggedScenario s : scenarios) {
            for (String tag : s.tags()) {
                if (tag.startsWith("@check.") && !ITEMS.containsKey(tag.substring("@check.".length()))) {
                    unknown.add(s.where() + ": " + tag);
                }
            }
        }
        assertEquals(List.of(), unknown, "@check tags naming no item of features/checklist.yaml");
    }

    @Test
    void everyScenarioClaimsAnItemAndABackend() {
        List<String> bad = new ArrayList<>();
        for (FeatureTags.TaggedScenario s : scenarios) {
            boolean claims = s.tags().stream().anyMatch(t -> t.startsWith("@check."));
            boolean backend = s.tags().contains("@sim") || s.tags().contains("@real");
            if (!claims || !backend) {
                bad.add(s.where() + " " + s.tags());
            }
        }
        assertEquals(List.of(), bad, "scenarios need a @check.<id> tag and @sim and/or @real");
    }

    @Test
    void noScenarioRunsAnItemOnABackendTheChecklistRulesOut() {
        List<String> bad = new ArrayList<>();
        for (FeatureTags.TaggedScenario s : scenarios) {
            for (String backend : List.of("sim", "real")) {
                if (!s.tags().contains("@" + backend)) {
                    continue;
                }
                for (String tag : s.tags()) {
                    JsonNode item = tag.startsWith("@check.") ? ITEMS.get(tag.substring(7)) : null;
                    if (item != null && !item.path(backend).asText().equals("run")) {
                        bad.add(s.where() + ": @" + backend + " but " + tag.substring(7) + " says " + backend + ": "
                                + item.path(backend).asText());
                    }
                }
            }
        }
        assertEquals(List.of(), bad, "scenarios tagged for a backend their checklist item does not run on");
    }

    /**
     * Real scenarios wait in real time: one whose waits ("D pass", "within D", "during the next D") add
     * up to more than a minute is tagged @slow, and only a few are.
     */
    @Test
    void realScenariosWaitingOverAMinuteAreTaggedSlow() {
        java.util.regex.Pattern wait = java.util.regex.Pattern.compile(
                "(?:^|within |during the next )(" + Units.DURATION + ")(?: pass(?:es)?$|\\b)");
        List<String> untagged = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        for (FeatureTags.TaggedScenario s : scenarios) {
            if (!s.tags().contains("@real")) {
                continue;
            }
            java.time.Duration total = java.time.Duration.ZERO;
            for (String step : s.steps()) {
                java.util.regex.Matcher m = wait.matcher(step);
                while (m.find()) {
                    total = total.plus(Units.duration(m.group(1)));
                }
            }
            boolean tagged = s.tags().contains("@slow");
            if (tagged) {
                slow.add(s.where());
            }
            if (total.compareTo(java.time.Duration.ofMinutes(1)) > 0 && !tagged) {
                untagged.add(s.where() + " waits " + total.toSeconds() + " s");
            }
        }
        assertEquals(List.of(), untagged, "@real scenarios waiting over a minute of real time without @slow");
        assertTrue(slow.size() <= 3, "keep @slow real scenarios to a few, not dozens: " + slow);
    }

    @Test
    void itemsProvenByUnitTestsNameATestClassThatExists() {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : ITEMS.entrySet()) {
            for (String backend : List.of("sim", "real")) {
                String v = e.getValue().path(backend).asText();
                if (v.startsWith("unit:")) {
                    String cls = v.substring(5).trim();
                    try {
                        Class.forName(cls);
                    } catch (ClassNotFoundException notThere) {
                        bad.add(e.getKey() + ": " + cls);
                    }
                } else if (!v.equals("run") && !v.startsWith("n/a:")) {
                    bad.add(e.getKey() + ": " + backend + " is '" + v + "', not run, unit: CLASS or n/a: REASON");
                }
            }
        }
        assertEquals(List.of(), bad, "checklist.yaml entries whose backend value is not understood");
    }
}
