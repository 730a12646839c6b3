package io.wgsim.topology;

import io.wgsim.topology.Diagnostic.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the errors and warnings of one parse. Reading goes on after an error, so one run reports every
 * mistake it can; a generator that makes 10,000 nodes with the same mistake reports the first few of a
 * kind and a count of the rest rather than 10,000 lines.
 */
final class Diagnostics {
    /** After this many errors reading stops: the rest are likely consequences of the first. */
    static final int MAX_ERRORS = 50;
    /** Messages of one kind (the same check failing for many nodes) shown before the rest are counted. */
    static final int MAX_PER_KIND = 5;

    private final String source;
    private final List<Diagnostic> errors = new ArrayList<>();
    private final List<Diagnostic> warnings = new ArrayList<>();
    private final Map<String, int[]> perKind = new HashMap<>();
    private final Map<String, Diagnostic> lastOfKind = new HashMap<>();

    /** Thrown once the error limit is reached, to stop reading; {@link #check()} turns it into the exception. */
    static final class TooMany extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooMany() {
            super(null, null, false, false);
        }
    }

    Diagnostics(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void error(Pos pos, String message) {
        add(Severity.ERROR, pos, null, message);
    }

    /** An error that may repeat for many nodes: only {@value #MAX_PER_KIND} of each kind are shown. */
    void error(Pos pos, String kind, String message) {
        add(Severity.ERROR, pos, kind, message);
    }

    /** An error about the file as a whole (it cannot be read, it is empty). */
    void fileError(String message) {
        errors.add(new Diagnostic(Severity.ERROR, source, 0, "", message));
    }

    /** An error at a line without a field path (YAML syntax). */
    void lineError(int line, String message) {
        errors.add(new Diagnostic(Severity.ERROR, source, line, "", message));
    }

    void warn(Pos pos, String kind, String message) {
        add(Severity.WARNING, pos, kind, message);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    int errorCount() {
        return errors.size();
    }

    private void add(Severity severity, Pos pos, String kind, String message) {
        Diagnostic d = new Diagnostic(severity, source, pos.line(), pos.path(), message);
        if (kind != null) {
            String key = severity + "/" + kind;
            int[] count = perKind.computeIfAbsent(key, k -> new int[1]);
            count[0]++;
            lastOfKind.put(key, d);
            if (count[0] > MAX_PER_KIND) {
                return;
            }
        }
        List<Diagnostic> list = severity == Severity.ERROR ? errors : warnings;
        list.add(d);
        if (severity == Severity.ERROR && errors.size() >= MAX_ERRORS) {
            throw new TooMany();
        }
    }

    /** Throws the collected errors, if any. */
    void check() throws TopologyException {
        if (!errors.isEmpty()) {
            throw new TopologyException(finished(errors, Severity.ERROR));
        }
    }

    List<Diagnostic> warnings() {
        return finished(warnings, Severity.WARNING);
    }

    /** The list with a line per kind whose repeats were left out, and a note when reading stopped early. */
    private List<Diagnostic> finished(List<Diagnostic> list, Severity severity) {
        List<Diagnostic> out = new ArrayList<>(list);
        perKind.entrySet().stream()
                .filter(e -> e.getKey().startsWith(severity + "/") && e.getValue()[0] > MAX_PER_KIND)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    Diagnostic last = lastOfKind.get(e.getKey());
                    int more = e.getValue()[0] - MAX_PER_KIND;
                    out.add(new Diagnostic(severity, source, last.line(), last.path(),
                            "and " + more + " more like the above; the last: " + last.message()));
                });
        if (severity == Severity.ERROR && list.size() >= MAX_ERRORS) {
            out.add(new Diagnostic(severity, source, 0, "", "stopped after " + MAX_ERRORS + " errors"));
        }
        return out;
    }
}
