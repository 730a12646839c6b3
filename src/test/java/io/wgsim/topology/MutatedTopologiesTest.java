package io.wgsim.topology;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The shipped quickstart, mutated a few thousand ways (lines dropped, doubled, swapped, cut short,
 * characters changed): each result parses or is refused with located errors, and nothing else escapes
 * the parser. Seeded, so a failure repeats.
 */
class MutatedTopologiesTest {
    private static final String[] SNIPPETS = {"", " ", "-", ":", "{", "}", "[", "]", "*a", "&a", "<<", "0", "%d",
            "10.8.0.1/24", "1m", "none", "auto", "x", "\t", "'", "\"", "#", "---", "?", "!!str", "~", "node: phone1",
            "count: 0", "count: 9999999", "at: 99h"};

    @Test
    void everyMutationParsesOrIsRefused() throws IOException {
        String original = Files.readString(Path.of("topologies", "quickstart.yaml"));
        List<String> lines = Arrays.asList(original.split("\n", -1));
        SplittableRandom random = new SplittableRandom(20240601);
        int refused = 0;
        int accepted = 0;
        for (int round = 0; round < 3000; round++) {
            List<String> mutated = new ArrayList<>(lines);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                mutate(mutated, random);
            }
            String text = String.join("\n", mutated);
            try {
                TopologyParser.read(text, "m.yaml", ParseOptions.DEFAULT);
                accepted++;
            } catch (TopologyException ex) {
                refused++;
                for (Diagnostic d : ex.errors()) {
                    assertFalse(d.message().isBlank(), d.toString());
                    assertTrue(d.toString().startsWith("m.yaml"), d.toString());
                }
            } catch (RuntimeException ex) {
                fail("round " + round + ": " + ex + " for\n" + text, ex);
            }
        }
        assertTrue(refused > 100 && accepted > 100, refused + " refused, " + accepted + " accepted");
    }

    private static void mutate(List<String> lines, SplittableRandom random) {
        int i = random.nextInt(lines.size());
        String line = lines.get(i);
        switch (random.nextInt(6)) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(i, line);
            case 2 -> {
                int k = random.nextInt(lines.size());
                lines.set(i, lines.get(k));
                lines.set(k, line);
            }
            case 3 -> lines.set(i, line.substring(0, random.nextInt(line.length() + 1)));
            case 4 -> {
                int at = random.nextInt(line.length() + 1);
                lines.set(i, line.substring(0, at) + SNIPPETS[random.nextInt(SNIPPETS.length)] + line.substring(at));
            }
            default -> {
                // Replace a value: the text after the first ": " on the line.
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    lines.set(i, line.substring(0, colon + 2) + SNIPPETS[random.nextInt(SNIPPETS.length)]);
                }
            }
        }
    }
}
