package io.wgsim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads features/checklist.yaml. Every error names the file and the field path
 * ({@code checklist.yaml: areas[2].items[0].real: ...}); ids must be unique, since tags refer to them.
 */
final class ChecklistReader {
    /** What a Cucumber tag can hold after "@check.": no spaces, no '@'. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String file;
    private final Set<String> ids = new HashSet<>();

    private ChecklistReader(String file) {
        this.file = file;
    }

    static Checklist read(Path path) {
        JsonNode root;
        try {
            root = YAML.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            throw new ReportException(path + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
        } catch (NoSuchFileException e) {
            throw new ReportException(path + ": no such file (the conformance checklist)", e);
        } catch (IOException e) {
            if (!path.toFile().exists()) {
                throw new ReportException(path + ": no such file (the conformance checklist)", e);
            }
            throw new ReportException(path + ": cannot read: " + e.getMessage(), e);
        }
        return new ChecklistReader(path.toString()).checklist(root);
    }

    private Checklist checklist(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw error("", "expected a mapping with 'areas'");
        }
        JsonNode areas = root.get("areas");
        if (areas == null || !areas.isArray() || areas.isEmpty()) {
            throw error("areas", "expected a non-empty list of areas");
        }
        List<Checklist.Area> result = new ArrayList<>();
        for (int a = 0; a < areas.size(); a++) {
            result.add(area(areas.get(a), "areas[" + a + "]"));
        }
        return new Checklist(result);
    }

    private Checklist.Area area(JsonNode node, String path) {
        if (!node.isObject()) {
            throw error(path, "expected a mapping with id, title and items");
        }
        String id = id(node, path);
        String title = text(node, "title", path);
        JsonNode items = node.get("items");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw error(path + ".items", "expected a non-empty list of items");
        }
        List<Checklist.Item> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            result.add(item(items.get(i), path + ".items[" + i + "]"));
        }
        return new Checklist.Area(id, title, result);
    }

    private Checklist.Item item(JsonNode node, String path) {
        if (!node.isObject()) {
            throw error(path, "expected a mapping with id, behaviour, sim and real");
        }
        String id = id(node, path);
        String behaviour = text(node, "behaviour", path);
        Map<Backend, Applicability> backends = new EnumMap<>(Backend.class);
        for (Backend b : Backend.values()) {
            String where = file + ": " + path + "." + b.key();
            backends.put(b, Applicability.parse(text(node, b.key(), path), where));
        }
        return new Checklist.Item(id, behaviour, backends);
    }

    private String id(JsonNode node, String path) {
        String id = text(node, "id", path);
        if (!ID.matcher(id).matches()) {
            throw error(path + ".id", "'" + id + "' is not a usable id: lower-case letters, digits and '-' only");
        }
        if (!ids.add(id)) {
            throw error(path + ".id", "'" + id + "' is used twice; ids must be unique");
        }
        return id;
    }

    private String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error(path + "." + field, "missing");
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw error(path + "." + field, "expected text");
        }
        return value.asText();
    }

    private ReportException error(String path, String problem) {
        return new ReportException(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }
}
