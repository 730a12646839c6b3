package io.wgsim.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields one kind of map in the file may have, and which of them it must have. The parser reads
 * fields only through these tables ({@link Fields} refuses a key its shape lacks, and checks that every
 * key present was read), and the schema test compares them with topologies/schema.json, so the format,
 * the parser and the schema cannot drift apart.
 *
 * @see Format
 */
final class Shape {
    private final String name;
    private final Set<String> fields;
    private final Set<String> required;

    private Shape(String name, Set<String> fields, Set<String> required) {
        this.name = name;
        this.fields = Collections.unmodifiableSet(fields);
        this.required = Collections.unmodifiableSet(required);
    }

    /** A shape from its field names in documentation order; a trailing '!' marks a required field. */
    static Shape of(String name, String... specs) {
        Set<String> fields = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        for (String spec : specs) {
            boolean must = spec.endsWith("!");
            String field = must ? spec.substring(0, spec.length() - 1) : spec;
            if (!fields.add(field)) {
                throw new IllegalArgumentException(name + ": field " + field + " twice");
            }
            if (must) {
                required.add(field);
            }
        }
        return new Shape(name, fields, required);
    }

    /** The name of this shape's definition in the JSON schema ({@code $defs}). */
    String name() {
        return name;
    }

    Set<String> fields() {
        return fields;
    }

    Set<String> required() {
        return required;
    }

    boolean has(String field) {
        return fields.contains(field);
    }

    List<String> fieldList() {
        return new ArrayList<>(fields);
    }

    @Override public String toString() {
        return name + fields;
    }
}
