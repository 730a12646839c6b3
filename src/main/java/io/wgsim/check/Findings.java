package io.wgsim.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The violations rules report, sorted by frame (then rule) when taken. */
final class Findings {
    private final List<Violation> violations = new ArrayList<>();

    void add(RuleId rule, Packet p, String message) {
        violations.add(new Violation(p.frame(), p.time() / 1e9, rule, message));
    }

    List<Violation> sorted() {
        List<Violation> all = new ArrayList<>(violations);
        all.sort(Comparator.comparingLong(Violation::frame).thenComparing(Violation::rule));
        return all;
    }
}
