package io.wgsim.check;

/**
 * One rule of the checker: it sees every observation in capture order and reports what breaks it.
 * A rule that needs to see the rest of the capture before it can judge keeps candidates and reports
 * them in {@link #finish}.
 */
interface Rule {
    RuleId id();

    void observe(Observation o, Findings findings);

    default void finish(Findings findings) {}

    /** Why the rule could not be applied to this capture (e.g. no configuration given), or null. */
    default String notApplied() {
        return null;
    }
}
