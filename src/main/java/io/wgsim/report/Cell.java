package io.wgsim.report;

import java.util.List;

/** One square of the conformance matrix: an item of the checklist on one backend. */
sealed interface Cell {

    /** The word shown, and the CSS class that colours it. */
    String word();

    /** Scenarios claimed the item on this backend and ran; the cell shows the worst status. */
    record Ran(List<ScenarioResult> scenarios) implements Cell {
        public Ran {
            scenarios = List.copyOf(scenarios);
        }

        Status status() {
            Status worst = Status.PASSED;
            for (ScenarioResult s : scenarios) {
                worst = worst.worse(s.status());
            }
            return worst;
        }

        @Override public String word() {
            return status().word();
        }
    }

    /** The backend's Cucumber JSON is absent: the suite did not run there. */
    record NotRun(String file) implements Cell {
        @Override public String word() {
            return "not run";
        }
    }

    /** The backend ran, but no scenario claims the item: a hole in the suite. */
    record Missing() implements Cell {
        @Override public String word() {
            return "no scenario";
        }
    }

    /**
     * The checklist says the item cannot run on this backend. Scenarios that ran anyway are kept, so the
     * page shows them rather than hiding a result.
     */
    record NotApplicable(String reason, List<ScenarioResult> scenarios) implements Cell {
        public NotApplicable {
            scenarios = List.copyOf(scenarios);
        }

        @Override public String word() {
            return "n/a";
        }
    }

    /** Proven by a unit or vector test rather than a scenario. */
    record UnitTest(String testClass) implements Cell {
        @Override public String word() {
            return "unit test";
        }
    }
}
