package io.wgsim.topology;

import io.wgsim.topology.YNode.Mapping;
import io.wgsim.topology.YNode.Scalar;
import io.wgsim.topology.YNode.Sequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of one map of the file against its {@link Shape}. Opening it reports the keys the
 * shape lacks (with a suggestion) and the required keys that are missing; each getter converts one
 * field, reports a bad value at the value's line and path, and returns null so reading goes on.
 * {@link #done()} checks that the parser read every key present, which keeps the shapes honest.
 */
final class Fields {
    private final Mapping map;
    private final Shape shape;
    private final Pos pos;
    private final Diagnostics diagnostics;
    private final Set<String> read = new HashSet<>();

    private Fields(Mapping map, Shape shape, Pos pos, Diagnostics diagnostics) {
        this.map = map;
        this.shape = shape;
        this.pos = pos;
        this.diagnostics = diagnostics;
    }

    /**
     * The fields of {@code node} read as {@code shape}, or null (with an error) when it is not a map.
     * {@code what} names the thing in messages ("a node").
     */
    static Fields open(YNode node, Shape shape, Pos pos, Diagnostics diagnostics, String what) {
        if (!(node instanceof Mapping map)) {
            diagnostics.error(pos, what + " is a map with the fields " + String.join(", ", shape.fields())
                    + "; this is " + node.describe());
            return null;
        }
        Fields fields = new Fields(map, shape, pos, diagnostics);
        fields.checkKeys(what);
        return fields;
    }

    /** Reports unknown keys; {@code unknownHint} may add advice for a key ("rekey" -> "rotate-key"). */
    private void checkKeys(String what) {
        for (Mapping.Entry e : map.entries()) {
            if (!shape.has(e.key())) {
                diagnostics.error(pos.atLine(e.keyLine()), "unknown-field/" + shape.name(),
                        "unknown field '" + e.key() + "'" + hint(e.key()));
            }
        }
        for (String field : shape.required()) {
            if (!map.has(field)) {
                diagnostics.error(pos, "missing-field/" + shape.name() + "/" + field,
                        what + " needs '" + field + "'");
            }
        }
    }

    private String hint(String key) {
        String special = Hints.forField(shape, key);
        return special != null ? special : Suggest.hint(key, shape.fields());
    }

    Pos pos() {
        return pos;
    }

    int line() {
        return map.line();
    }

    Shape shape() {
        return shape;
    }

    boolean has(String key) {
        check(key);
        return map.has(key);
    }

    /** The position of a field's value (its line, this map's path plus the key). */
    Pos at(String key) {
        check(key);
        Mapping.Entry e = map.get(key);
        return pos.field(key, e == null ? map.line() : e.value().line());
    }

    /** The raw value of a field, or null when absent; marks it read. */
    YNode node(String key) {
        check(key);
        read.add(key);
        Mapping.Entry e = map.get(key);
        return e == null ? null : e.value();
    }

    /** A single-valued field converted by {@code parse}; null when absent or bad (and then reported). */
    <T> Val<T> scalar(String key, Function<String, T> parse) {
        YNode node = node(key);
        if (node == null) {
            return null;
        }
        return convert(node, at(key), parse);
    }

    /** A field's text, unconverted. */
    Val<String> text(String key) {
        return scalar(key, Function.identity());
    }

    /**
     * A list field: a YAML list, or a single value meaning a list of one. Each bad item is reported at its
     * own path ({@code allowed-ips[1]}); the result is null if any item was bad.
     */
    <T> Val<List<T>> list(String key, Function<String, T> parse) {
        YNode node = node(key);
        if (node == null) {
            return null;
        }
        Pos at = at(key);
        if (node instanceof Scalar) {
            Val<T> one = convert(node, at, parse);
            return one == null ? null : new Val<>(List.of(one.value()), at);
        }
        if (!(node instanceof Sequence seq)) {
            diagnostics.error(at, "expected a list, not " + node.describe());
            return null;
        }
        List<T> out = new ArrayList<>(seq.items().size());
        boolean ok = true;
        for (int i = 0; i < seq.items().size(); i++) {
            YNode item = seq.items().get(i);
            Val<T> v = convert(item, at.item(i, item.line()), parse);
            if (v == null) {
                ok = false;
            } else {
                out.add(v.value());
            }
        }
        return ok ? new Val<>(List.copyOf(out), at) : null;
    }

    /** The items of a list field with their positions; null when absent or not a list. */
    List<Val<YNode>> items(String key) {
        YNode node = node(key);
        if (node == null) {
            return null;
        }
        Pos at = at(key);
        if (!(node instanceof Sequence seq)) {
            diagnostics.error(at, "expected a list, not " + node.describe());
            return null;
        }
        List<Val<YNode>> out = new ArrayList<>(seq.items().size());
        for (int i = 0; i < seq.items().size(); i++) {
            YNode item = seq.items().get(i);
            out.add(new Val<>(item, at.item(i, item.line())));
        }
        return out;
    }

    /** Converts one scalar value, reporting what is wrong with it. */
    <T> Val<T> convert(YNode node, Pos at, Function<String, T> parse) {
        if (!(node instanceof Scalar scalar)) {
            diagnostics.error(at, "expected a single value, not " + node.describe());
            return null;
        }
        if (scalar.isEmpty()) {
            diagnostics.error(at, "has no value");
            return null;
        }
        try {
            return new Val<>(parse.apply(scalar.text()), at);
        } catch (IllegalArgumentException e) {
            diagnostics.error(at, e.getMessage());
            return null;
        }
    }

    /** How many keys the map has, known or not. */
    int size() {
        return map.size();
    }

    /** The keys present that the shape knows, in file order. */
    List<String> present() {
        return map.entries().stream().map(Mapping.Entry::key).filter(shape::has).toList();
    }

    /** Confirms the parser read every key present, so no field is accepted and then ignored. */
    void done() {
        for (Mapping.Entry e : map.entries()) {
            if (shape.has(e.key()) && !read.contains(e.key())) {
                throw new IllegalStateException("the parser never read field '" + e.key() + "' of " + shape.name());
            }
        }
    }

    private void check(String key) {
        if (!shape.has(key)) {
            throw new IllegalStateException("field '" + key + "' is not in shape " + shape);
        }
    }
}
