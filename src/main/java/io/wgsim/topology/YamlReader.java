package io.wgsim.topology;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.wgsim.topology.YNode.Kind;
import io.wgsim.topology.YNode.Mapping;
import io.wgsim.topology.YNode.Scalar;
import io.wgsim.topology.YNode.Sequence;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into a {@link YNode} tree through Jackson's streaming YAML parser, keeping the
 * line of every key and value. Anchors and aliases on maps and lists ({@code &defaults}, {@code *defaults})
 * work, an alias sharing the anchored node rather than copying it, and so do merge keys
 * ({@code <<: *defaults}, keys written beside the merge win). Anchors on single values do not: Jackson's
 * parser drops them. A key given twice in one map is an error, not "the last one wins".
 */
final class YamlReader {
    /** Deeper than any topology needs; a guard against a stack overflow on hostile input. */
    static final int MAX_DEPTH = 64;
    /** SnakeYAML's default is 3 MB; a written-out topology of 100,000 nodes is larger. */
    private static final int MAX_CODE_POINTS = 256 * 1024 * 1024;
    private static final String MERGE_KEY = "<<";

    private static final YAMLFactory FACTORY;

    static {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        FACTORY = YAMLFactory.builder().loaderOptions(options).build();
    }

    private final YAMLParser parser;
    private final Diagnostics diagnostics;
    private final Map<String, YNode> anchors = new HashMap<>();
    private final Map<String, Boolean> open = new HashMap<>();

    private YamlReader(YAMLParser parser, Diagnostics diagnostics) {
        this.parser = parser;
        this.diagnostics = diagnostics;
    }

    /** The document's tree, or null when it could not be read (the reason is in {@code diagnostics}). */
    static YNode read(String text, Diagnostics diagnostics) {
        try (YAMLParser parser = FACTORY.createParser(text)) {
            YamlReader reader = new YamlReader(parser, diagnostics);
            JsonToken first = parser.nextToken();
            if (first == null) {
                diagnostics.fileError("is empty: a topology needs at least a name, networks and nodes");
                return null;
            }
            YNode root = reader.value(first, 0);
            if (root != null && parser.nextToken() != null) {
                diagnostics.lineError(line(parser.currentTokenLocation()),
                        "a second YAML document: a topology file holds one document");
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            syntaxError(e, diagnostics);
            return null;
        } catch (IOException e) {
            diagnostics.fileError("cannot be read (" + e.getClass().getSimpleName() + ")");
            return null;
        } catch (Abort e) {
            return null;
        }
    }

    /** Raised after a structural error has been recorded, to stop reading the document. */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super(null, null, false, false);
        }
    }

    private YNode value(JsonToken token, int depth) throws IOException {
        int line = line(parser.currentTokenLocation());
        if (depth > MAX_DEPTH) {
            diagnostics.lineError(line, "nested more than " + MAX_DEPTH + " levels deep");
            throw new Abort();
        }
        String anchor = parser.getObjectId();
        if (token == JsonToken.START_OBJECT) {
            return anchored(anchor, () -> mapping(line, depth));
        }
        if (token == JsonToken.START_ARRAY) {
            return anchored(anchor, () -> sequence(line, depth));
        }
        if (parser.isCurrentAlias()) {
            return alias(parser.getText(), line);
        }
        Kind kind = switch (token) {
            case VALUE_NULL -> Kind.NULL;
            case VALUE_TRUE, VALUE_FALSE -> Kind.BOOLEAN;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Kind.NUMBER;
            default -> Kind.STRING;
        };
        Scalar scalar = new Scalar(kind == Kind.NULL ? "" : parser.getText(), kind, line);
        if (anchor != null) {
            anchors.put(anchor, scalar);
        }
        return scalar;
    }

    private interface Body {
        YNode read() throws IOException;
    }

    private YNode anchored(String anchor, Body body) throws IOException {
        if (anchor == null) {
            return body.read();
        }
        open.put(anchor, Boolean.TRUE);
        YNode node = body.read();
        open.remove(anchor);
        anchors.put(anchor, node);
        return node;
    }

    private YNode alias(String name, int line) {
        if (open.containsKey(name)) {
            diagnostics.lineError(line, "alias *" + name + " refers to the node that contains it");
            throw new Abort();
        }
        YNode node = anchors.get(name);
        if (node == null) {
            // Jackson 2.18 does not report anchors on single values (jackson-dataformats-text#6), so an alias
            // to one lands here too.
            diagnostics.lineError(line, "alias *" + name + " has no anchor &" + name
                    + " before it (anchors work on maps and lists, not on single values)");
            throw new Abort();
        }
        return node;
    }

    private Mapping mapping(int line, int depth) throws IOException {
        Mapping map = new Mapping(line);
        List<YNode> merges = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            // The YAML parser reports every key as a field name, whatever its YAML type.
            String key = parser.currentName();
            int keyLine = line(parser.currentTokenLocation());
            YNode value = value(parser.nextToken(), depth + 1);
            if (key.equals(MERGE_KEY)) {
                merges.add(value);
                continue;
            }
            Mapping.Entry earlier = map.put(new Mapping.Entry(key, keyLine, value));
            if (earlier != null) {
                diagnostics.lineError(keyLine, "'" + key + "' is given twice in one map (first on line "
                        + earlier.keyLine() + ")");
            }
        }
        for (YNode merge : merges) {
            merge(map, merge);
        }
        return map;
    }

    /** YAML merge keys: the merged map's keys are added unless the map already has them. */
    private void merge(Mapping into, YNode from) {
        if (from instanceof Mapping source) {
            for (Mapping.Entry e : source.entries()) {
                into.put(e);
            }
        } else if (from instanceof Sequence list && list.items().stream().allMatch(i -> i instanceof Mapping)) {
            for (YNode item : list.items()) {
                merge(into, item);
            }
        } else {
            diagnostics.lineError(from.line(), "a merge key '<<' takes a map or a list of maps, not "
                    + from.describe());
        }
    }

    private Sequence sequence(int line, int depth) throws IOException {
        List<YNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(value(token, depth + 1));
        }
        return new Sequence(List.copyOf(items), line);
    }

    private static int line(JsonLocation location) {
        return Math.max(0, location.getLineNr());
    }

    /**
     * Reports a syntax error at the line SnakeYAML blames, with its problem and context but without the
     * snippet and caret lines it appends to its message.
     */
    private static void syntaxError(JsonProcessingException e, Diagnostics diagnostics) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            int line = marked.getProblemMark() == null ? 0 : marked.getProblemMark().getLine() + 1;
            String context = marked.getContext() == null ? "" : ", " + marked.getContext()
                    + (marked.getContextMark() == null ? "" : " from line " + (marked.getContextMark().getLine() + 1));
            diagnostics.lineError(line, "YAML syntax: " + marked.getProblem() + context + hint(marked.getProblem()));
            return;
        }
        diagnostics.lineError(e.getLocation() == null ? 0 : line(e.getLocation()), "YAML syntax: " + firstLine(e));
    }

    /** Advice for SnakeYAML's most common complaints, which name the parser's states, not the mistake. */
    private static String hint(String problem) {
        if (problem.contains("<block end>") || problem.contains("mapping values are not allowed")) {
            return " (is this line indented like the ones above it?)";
        }
        if (problem.contains("found character '\\t'")) {
            return " (YAML indents with spaces, not tabs)";
        }
        return "";
    }

    private static String firstLine(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        String first = message.strip().lines().findFirst().orElse(message).strip();
        return first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
    }
}
