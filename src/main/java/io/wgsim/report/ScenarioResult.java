package io.wgsim.report;

import java.util.List;
import java.util.Map;

/**
 * One scenario as one backend ran it, read from that backend's Cucumber JSON.
 *
 * @param backend the run it belongs to
 * @param featureUri the feature file as Cucumber names it (file:features/x.feature, classpath:...)
 * @param featureName the feature's title
 * @param name the scenario's title
 * @param line the scenario's line in the feature file
 * @param tags its tags with their '@', feature tags included
 * @param steps background steps, steps and hooks, in the order they ran
 * @param status the worst status of its steps and hooks
 * @param capture the repo-relative path of its capture, attached as text/uri-list, or null
 * @param peerNames outer address:port to peer name, from an optional "peers" attachment
 */
record ScenarioResult(Backend backend, String featureUri, String featureName, String name, int line,
        List<String> tags, List<StepResult> steps, Status status, String capture, Map<String, String> peerNames) {

    static final String CHECK_TAG = "@check.";

    ScenarioResult {
        tags = List.copyOf(tags);
        steps = List.copyOf(steps);
        peerNames = Map.copyOf(peerNames);
    }

    /** The checklist ids this scenario claims with @check.ID tags, in tag order. */
    List<String> checkIds() {
        return tags.stream().filter(t -> t.startsWith(CHECK_TAG)).map(t -> t.substring(CHECK_TAG.length()))
                .distinct().toList();
    }

    /** The feature file, without Cucumber's "file:" or "classpath:" scheme. */
    String featurePath() {
        return FeaturePaths.strip(featureUri);
    }

    /** The first failure message, or null. */
    String firstError() {
        for (StepResult s : steps) {
            if (s.errorMessage() != null) {
                return s.errorMessage();
            }
        }
        return null;
    }
}
