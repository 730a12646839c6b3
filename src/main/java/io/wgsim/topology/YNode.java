package io.wgsim.topology;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers lines. Jackson's own tree forgets where a value was written,
 * and every message here must name its line. Scalars keep the text as written ({@code off} stays
 * {@code "off"}, not YAML 1.1's false), so each field decides for itself what its text means.
 */
sealed interface YNode permits YNode.Scalar, YNode.Sequence, YNode.Mapping {

    int line();

    /** How a message names this node when it is not what the field wants. */
    String describe();

    /** What a plain scalar resolved to in YAML; used only to describe values in messages. */
    enum Kind { STRING, NUMBER, BOOLEAN, NULL }

    record Scalar(String text, Kind kind, int line) implements YNode {
        boolean isEmpty() {
            return kind == Kind.NULL || text.isBlank();
        }

        @Override public String describe() {
            return isEmpty() ? "nothing" : "'" + text + "'";
        }
    }

    record Sequence(List<YNode> items, int line) implements YNode {
        @Override public String describe() {
            return "a list";
        }
    }

    /** A mapping in file order. Keys are unique: the reader refuses a key given twice. */
    final class Mapping implements YNode {
        /** One key and its value; {@code keyLine} is where the key was written. */
        record Entry(String key, int keyLine, YNode value) {}

        private final Map<String, Entry> entries = new LinkedHashMap<>();
        private final int line;

        Mapping(int line) {
            this.line = line;
        }

        /** Adds an entry; returns the earlier one with the same key (and keeps it) if there is one. */
        Entry put(Entry entry) {
            return entries.putIfAbsent(entry.key(), entry);
        }

        Entry get(String key) {
            return entries.get(key);
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }

        Collection<Entry> entries() {
            return entries.values();
        }

        int size() {
            return entries.size();
        }

        @Override public int line() {
            return line;
        }

        @Override public String describe() {
            return "a map";
        }
    }
}
