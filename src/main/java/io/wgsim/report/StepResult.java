package io.wgsim.report;

/**
 * One step (or hook) of a scenario as it ran.
 *
 * @param keyword "Given ", "When ", ...; "Before" or "After" for a hook
 * @param text the step text; for a hook, where its code is
 * @param line the step's line in the feature file, or 0 for a hook
 * @param status what happened
 * @param durationNanos how long it took (0 when not given)
 * @param errorMessage the failure, or null
 */
record StepResult(String keyword, String text, int line, Status status, long durationNanos, String errorMessage) {

    boolean isHook() {
        return line == 0;
    }
}
