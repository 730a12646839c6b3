package io.wgsim.report;

import java.util.Locale;

/**
 * The outcome of a step or a scenario, as Cucumber's JSON names it. Declared from worst to best, so
 * that a scenario's status is the worst of its steps and hooks.
 */
enum Status {
    FAILED,
    AMBIGUOUS,
    UNDEFINED,
    PENDING,
    SKIPPED,
    PASSED;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for a JSON value, or null when Cucumber has no such status. */
    static Status of(String text) {
        for (Status s : values()) {
            if (s.word().equals(text)) {
                return s;
            }
        }
        return null;
    }

    Status worse(Status other) {
        return other.ordinal() < ordinal() ? other : this;
    }
}
