package io.wgsim.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.wgsim.testing.Vectors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads a Wycheproof test-vector file (schema v1) into flat cases. */
final class Wycheproof {
    private Wycheproof() {}

    /** One test case; {@code group} carries the group's parameters (ivSize and the like). */
    record Case(int tcId, String comment, String result, Set<String> flags, JsonNode test, JsonNode group) {
        boolean isValid() {
            return result.equals("valid");
        }

        boolean isAcceptable() {
            return result.equals("acceptable");
        }

        boolean isInvalid() {
            return result.equals("invalid");
        }

        boolean hasFlag(String flag) {
            return flags.contains(flag);
        }

        byte[] hex(String field) {
            return Vectors.hex(test, field);
        }

        @Override public String toString() {
            return "tcId " + tcId + " (" + result + ", " + comment + ", flags " + flags + ")";
        }
    }

    /**
     * Every case of the file, in file order. Fails when the cases found differ from the file's own
     * numberOfTests, so a file that lost cases cannot pass as complete.
     */
    static List<Case> cases(String file) {
        JsonNode root = Vectors.json(file);
        List<Case> cases = new ArrayList<>();
        for (JsonNode group : root.path("testGroups")) {
            for (JsonNode test : group.path("tests")) {
                Set<String> flags = new LinkedHashSet<>();
                test.path("flags").forEach(f -> flags.add(f.asText()));
                cases.add(new Case(test.path("tcId").asInt(), test.path("comment").asText(),
                        test.path("result").asText(), Set.copyOf(flags), test, group));
            }
        }
        assertEquals(root.path("numberOfTests").asInt(-1), cases.size(),
                file + ": numberOfTests in the header vs test cases present");
        return cases;
    }
}
