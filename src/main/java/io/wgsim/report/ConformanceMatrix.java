package io.wgsim.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checklist crossed with the results: a row per item, a {@link Cell} per backend. Scenarios with no
 * @check tag, and tags naming no item, are kept aside so the page can show them.
 */
record ConformanceMatrix(Checklist checklist, Map<Backend, BackendRun> runs, Map<String, Map<Backend, Cell>> cells,
        List<ScenarioResult> unclaimed, Map<String, List<ScenarioResult>> unknownIds) {

    /** What one backend's JSON gave: its scenarios, or null when the file was absent. */
    record BackendRun(Backend backend, String file, List<ScenarioResult> scenarios) {
        boolean ran() {
            return scenarios != null;
        }
    }

    static ConformanceMatrix build(Checklist checklist, Map<Backend, BackendRun> runs) {
        Map<String, Map<Backend, Cell>> cells = new LinkedHashMap<>();
        for (Checklist.Area area : checklist.areas()) {
            for (Checklist.Item item : area.items()) {
                Map<Backend, Cell> row = new EnumMap<>(Backend.class);
                for (Backend b : Backend.values()) {
                    row.put(b, cell(item, b, runs.get(b)));
                }
                cells.put(item.id(), row);
            }
        }
        List<ScenarioResult> unclaimed = new ArrayList<>();
        Map<String, List<ScenarioResult>> unknown = new LinkedHashMap<>();
        for (Backend b : Backend.values()) {
            BackendRun run = runs.get(b);
            if (run == null || !run.ran()) {
                continue;
            }
            for (ScenarioResult s : run.scenarios()) {
                if (s.checkIds().isEmpty()) {
                    unclaimed.add(s);
                }
                for (String id : s.checkIds()) {
                    if (checklist.item(id) == null) {
                        unknown.computeIfAbsent(id, k -> new ArrayList<>()).add(s);
                    }
                }
            }
        }
        return new ConformanceMatrix(checklist, runs, cells, unclaimed, unknown);
    }

    private static Cell cell(Checklist.Item item, Backend backend, BackendRun run) {
        List<ScenarioResult> claiming = new ArrayList<>();
        if (run != null && run.ran()) {
            for (ScenarioResult s : run.scenarios()) {
                if (s.checkIds().contains(item.id())) {
                    claiming.add(s);
                }
            }
        }
        Applicability applicability = item.on(backend);
        if (applicability instanceof Applicability.NotApplicable na) {
            return new Cell.NotApplicable(na.reason(), claiming);
        }
        if (applicability instanceof Applicability.UnitTest u) {
            return new Cell.UnitTest(u.testClass());
        }
        if (run == null || !run.ran()) {
            return new Cell.NotRun(run == null ? backend.cucumberJsonName() : run.file());
        }
        return claiming.isEmpty() ? new Cell.Missing() : new Cell.Ran(claiming);
    }

    Cell cell(String itemId, Backend backend) {
        return cells.get(itemId).get(backend);
    }

    /** Every scenario that ran, in file order per backend: the page has a section for each. */
    List<ScenarioResult> allScenarios() {
        List<ScenarioResult> all = new ArrayList<>();
        for (Backend b : Backend.values()) {
            BackendRun run = runs.get(b);
            if (run != null && run.ran()) {
                all.addAll(run.scenarios());
            }
        }
        return all;
    }

    /** How many cells show each word, for the summary line. */
    Map<String, Integer> tally() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Set<String> order = new LinkedHashSet<>(List.of("passed", "failed", "ambiguous", "undefined", "pending",
                "skipped", "no scenario", "not run", "n/a", "unit test"));
        for (String w : order) {
            counts.put(w, 0);
        }
        for (Map<Backend, Cell> row : cells.values()) {
            for (Cell c : row.values()) {
                counts.merge(c.word(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
