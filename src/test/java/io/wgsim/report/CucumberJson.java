package io.wgsim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Builds synthetic reports in the shape of Cucumber 7's json plugin (see cucumber-7.20.1.json, which the
 * real plugin wrote): features with scenario elements, steps with results, base64 embeddings.
 */
final class CucumberJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ArrayNode features = JSON.createArrayNode();

    /** A feature file; scenarios are added to it. */
    Feature feature(String uri, String name) {
        ObjectNode f = features.addObject();
        f.put("line", 1).put("name", name).put("description", "").put("id", name.toLowerCase()).put("keyword", "Feature")
                .put("uri", uri);
        f.putArray("tags");
        return new Feature(f.putArray("elements"));
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(features), StandardCharsets.UTF_8);
    }

    record Feature(ArrayNode elements) {
        Scenario scenario(String name, int line, String... tags) {
            ObjectNode e = elements.addObject();
            e.put("line", line).put("name", name).put("description", "").put("id", "f;" + name).put("type", "scenario")
                    .put("keyword", "Scenario");
            ArrayNode t = e.putArray("tags");
            for (String tag : tags) {
                t.addObject().put("name", tag);
            }
            return new Scenario(e, e.putArray("steps"));
        }
    }

    record Scenario(ObjectNode element, ArrayNode steps) {
        Scenario step(String keyword, String text, int line, String status) {
            ObjectNode s = steps.addObject();
            s.put("line", line).put("name", text).put("keyword", keyword);
            s.putObject("result").put("status", status).put("duration", 1_500_000L);
            return this;
        }

        Scenario failing(String keyword, String text, int line, String error) {
            ObjectNode s = steps.addObject();
            s.put("line", line).put("name", text).put("keyword", keyword);
            s.putObject("result").put("status", "failed").put("duration", 2_000_000L).put("error_message", error);
            return this;
        }

        /** Attaches to the last step, as scenario.attach(text, mediaType, name) does. */
        Scenario attach(String mediaType, String name, String text) {
            ObjectNode last = (ObjectNode) steps.get(steps.size() - 1);
            ArrayNode embeddings = last.has("embeddings") ? (ArrayNode) last.get("embeddings") : last.putArray("embeddings");
            embeddings.addObject().put("data", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)))
                    .put("mime_type", mediaType).put("name", name);
            return this;
        }

        Scenario capture(String path) {
            return attach("text/uri-list", "capture", path);
        }
    }
}
