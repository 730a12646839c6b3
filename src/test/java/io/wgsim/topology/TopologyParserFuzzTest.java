package io.wgsim.topology;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the parser: any text gives a topology or a TopologyException, never another
 * exception. Under plain {@code mvn test} Jazzer runs it in regression mode (the empty input and any
 * stored crash inputs); set JAZZER_FUZZ=1 to fuzz. {@link MutatedTopologiesTest} runs mutations of the
 * shipped files in every build.
 */
class TopologyParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parsesOrExplains(byte[] data) {
        try {
            TopologyParser.read(new String(data, StandardCharsets.UTF_8), "fuzz.yaml", ParseOptions.DEFAULT);
        } catch (TopologyException expected) {
            // A refusal with reasons is the other allowed outcome.
        }
    }
}
