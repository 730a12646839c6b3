package io.wgsim.report;

/**
 * What checklist.yaml says about one item on one backend: a scenario must run there, it cannot (and
 * why), or the behaviour is pure computation proven by a unit test.
 */
sealed interface Applicability {

    record Run() implements Applicability {}

    record NotApplicable(String reason) implements Applicability {}

    record UnitTest(String testClass) implements Applicability {}

    /**
     * Reads {@code run}, {@code n/a: <reason>} or {@code unit: <test class>}; {@code where} names the
     * field in the error.
     */
    static Applicability parse(String text, String where) {
        String t = text == null ? "" : text.strip();
        if (t.equals("run")) {
            return new Run();
        }
        if (t.startsWith("n/a:") && !t.substring(4).isBlank()) {
            return new NotApplicable(t.substring(4).strip());
        }
        if (t.startsWith("unit:") && !t.substring(5).isBlank()) {
            return new UnitTest(t.substring(5).strip());
        }
        throw new ReportException(where + ": expected 'run', 'n/a: <reason>' or 'unit: <test class>', got "
                + (text == null ? "nothing" : "'" + text + "'"));
    }
}
