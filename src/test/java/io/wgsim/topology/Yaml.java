package io.wgsim.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/** Helpers for tests that parse topologies from text, named {@code t.yaml} in messages. */
final class Yaml {
    static final String SOURCE = "t.yaml";

    /** Two nodes on one network, each the other's peer; lines are numbered in the comments. */
    static final String TWO_NODES = """
            name: t
            duration: 5m
            networks:
              - name: internet
                subnet: 198.18.0.0/16
            nodes:
              - name: a
                network: internet
                wireguard:
                  address: 10.8.0.1/24
                  peers:
                    - node: b
              - name: b
                network: internet
                wireguard:
                  address: 10.8.0.2/24
                  peers:
                    - node: a
            """;

    private Yaml() {}

    static Topology parse(String yaml) {
        return read(yaml).topology();
    }

    static TopologyFile read(String yaml) {
        try {
            return TopologyParser.read(yaml, SOURCE, ParseOptions.DEFAULT);
        } catch (TopologyException e) {
            return fail("expected no errors, got:\n" + e.getMessage());
        }
    }

    static List<String> warnings(String yaml) {
        return read(yaml).warnings().stream().map(Diagnostic::toString).toList();
    }

    static List<String> errors(String yaml) {
        return errors(yaml, ParseOptions.DEFAULT);
    }

    static List<String> errors(String yaml, ParseOptions options) {
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyParser.read(yaml, SOURCE, options));
        return e.errors().stream().map(Diagnostic::toString).toList();
    }

    /** The only error a file has. */
    static String error(String yaml) {
        List<String> errors = errors(yaml);
        assertEquals(1, errors.size(), () -> "expected one error, got:\n" + String.join("\n", errors));
        return errors.get(0);
    }

    /** The 1-based line where the first occurrence of {@code marker} starts. */
    static int line(String yaml, String marker) {
        return line(yaml, marker, 1);
    }

    /** The 1-based line where the {@code nth} occurrence of {@code marker} starts. */
    static int line(String yaml, String marker, int nth) {
        int at = -1;
        for (int i = 0; i < nth; i++) {
            at = yaml.indexOf(marker, at + 1);
            if (at < 0) {
                throw new AssertionError("the text has fewer than " + nth + " of '" + marker + "'");
            }
        }
        return (int) yaml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** The text with the first occurrence of {@code from} replaced. */
    static String with(String yaml, String from, String to) {
        int at = yaml.indexOf(from);
        if (at < 0) {
            throw new AssertionError("no '" + from + "' in the text");
        }
        return yaml.substring(0, at) + to + yaml.substring(at + from.length());
    }
}
