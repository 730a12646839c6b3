package io.wgsim.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * topologies/schema.json against the parser's own tables ({@link Format}): every shape the parser reads
 * has a definition of the same name with the same properties, the same required ones and no others, so
 * an editor never offers a field the parser refuses or flags one it accepts. (No JSON Schema validator
 * is a dependency; the shipped topologies are checked by parsing them, in ShippedTopologiesTest.)
 */
class SchemaTest {
    static final Path SCHEMA = Path.of("topologies", "schema.json");
    private static JsonNode schema;

    @BeforeAll
    static void read() throws IOException {
        schema = new ObjectMapper().readTree(Files.readString(SCHEMA));
    }

    @Test
    void isDraft202012() {
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertEquals("object", schema.path("type").asText());
    }

    static List<Shape> shapes() {
        return Format.ALL;
    }

    private static JsonNode definition(Shape shape) {
        return shape == Format.TOPOLOGY ? schema : schema.path("$defs").path(shape.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void definesEachShapeAsTheParserReadsIt(Shape shape) {
        JsonNode def = definition(shape);
        assertFalse(def.isMissingNode(), "schema.json has no $defs/" + shape.name());
        List<String> properties = new ArrayList<>();
        def.path("properties").fieldNames().forEachRemaining(properties::add);
        assertEquals(shape.fieldList(), properties, shape.name() + ": properties, in documentation order");
        Set<String> required = new LinkedHashSet<>();
        def.path("required").forEach(n -> required.add(n.asText()));
        assertEquals(shape.required(), required, shape.name() + ": required");
        assertTrue(def.path("additionalProperties").isBoolean() && !def.path("additionalProperties").asBoolean(),
                shape.name() + ": additionalProperties must be false, as the parser refuses unknown fields");
    }

    @Test
    void everyObjectDefinitionIsAShape() {
        Set<String> shapes = new HashSet<>();
        Format.ALL.forEach(s -> shapes.add(s.name()));
        schema.path("$defs").fields().forEachRemaining(e -> {
            if (e.getValue().has("properties")) {
                assertTrue(shapes.contains(e.getKey()), "$defs/" + e.getKey() + " describes a map the parser does not read");
            }
        });
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(schema, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/$defs/"), ref);
            assertNotNull(schema.path("$defs").get(ref.substring("#/$defs/".length())), "dangling " + ref);
        }
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.has("$ref")) {
            out.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, out));
    }

    @Test
    void patternsAgreeWithTheParser() {
        Pattern name = Pattern.compile(schema.path("$defs").path("name").path("pattern").asText());
        for (String good : List.of("exit1", "client00042", "a", "home-router", "x.y_z")) {
            assertTrue(name.matcher(good).matches(), good);
            assertEquals(good, Values.name(good));
        }
        Pattern duration = Pattern.compile(schema.path("$defs").path("duration").path("oneOf").path(0).path("pattern").asText());
        for (String good : List.of("0", "500ms", "10s", "2m", "1h", "1m30s", "1.5s", "250us", "4m30s")) {
            assertTrue(duration.matcher(good).matches(), good);
            Units.duration(good);
        }
        Pattern rate = Pattern.compile(schema.path("$defs").path("rate").path("pattern").asText());
        for (String good : List.of("500bit", "64kbit", "10mbit", "1Gbit", "2kibit")) {
            assertTrue(rate.matcher(good).matches(), good);
            Units.rate(good);
        }
        Pattern size = Pattern.compile(schema.path("$defs").path("size").path("pattern").asText());
        for (String good : List.of("1500", "1500B", "64KiB", "10MB", "1GB", "2.5kB")) {
            assertTrue(size.matcher(good).matches(), good);
            Units.size(good);
        }
        Pattern pattern = Pattern.compile(schema.path("$defs").path("hub-and-spoke-clients").path("properties")
                .path("name").path("pattern").asText());
        for (String good : List.of("client%d", "client%05d", "hub", "node%d-eu")) {
            assertTrue(pattern.matcher(good).matches(), good);
            NamePattern.parse(good);
        }
    }
}
