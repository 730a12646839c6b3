package io.wgsim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the report of Cucumber 7's standard JSON formatter ({@code --plugin json:FILE}): an array of
 * features, each with its "elements". A Background is an element of its own (type "background") written
 * just before each scenario it belongs to, so its steps are given to the next scenario. Hooks ("before",
 * "after") count towards a scenario's status like steps do. Attachments ("embeddings": data in base64,
 * mime_type, name) may hang from a step or a hook; the one with media type text/uri-list is the
 * scenario's capture, and an optional text/plain one named "peers" names the outer endpoints, a
 * {@code name=address:port} per line.
 *
 * <p>Malformed JSON, or JSON of another shape, is an error naming the file and the JSON path.
 */
final class CucumberJsonReader {
    static final String CAPTURE_MEDIA_TYPE = "text/uri-list";
    static final String PEERS_ATTACHMENT = "peers";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Backend backend;

    private CucumberJsonReader(Path file, Backend backend) {
        this.file = file;
        this.backend = backend;
    }

    static List<ScenarioResult> read(Path file, Backend backend) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ReportException(file + ": malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""), e);
        } catch (IOException e) {
            throw new ReportException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ReportException(file + ": empty file, expected Cucumber's JSON report (an array of features)");
        }
        return new CucumberJsonReader(file, backend).features(root);
    }

    private List<ScenarioResult> features(JsonNode root) {
        if (!root.isArray()) {
            throw error("", "expected an array of features (Cucumber's json plugin), got " + root.getNodeType());
        }
        List<ScenarioResult> scenarios = new ArrayList<>();
        for (int f = 0; f < root.size(); f++) {
            feature(root.get(f), "[" + f + "]", scenarios);
        }
        return scenarios;
    }

    private void feature(JsonNode feature, String path, List<ScenarioResult> out) {
        if (!feature.isObject()) {
            throw error(path, "expected a feature object");
        }
        String uri = text(feature, "uri", path);
        String featureName = feature.path("name").asText("");
        JsonNode elements = feature.get("elements");
        if (elements == null || elements.isNull()) {
            return; // a feature without scenarios
        }
        if (!elements.isArray()) {
            throw error(path + ".elements", "expected an array");
        }
        List<StepResult> background = new ArrayList<>();
        List<Attachment> backgroundAttachments = new ArrayList<>();
        for (int e = 0; e < elements.size(); e++) {
            JsonNode element = elements.get(e);
            String at = path + ".elements[" + e + "]";
            if (!element.isObject()) {
                throw error(at, "expected a scenario object");
            }
            List<StepResult> steps = new ArrayList<>();
            List<Attachment> attachments = new ArrayList<>();
            hooks(element, "before", "Before", at, steps, attachments);
            steps(element, at, steps, attachments);
            hooks(element, "after", "After", at, steps, attachments);
            if ("background".equals(element.path("type").asText())) {
                background.addAll(steps);
                backgroundAttachments.addAll(attachments);
                continue;
            }
            List<StepResult> all = new ArrayList<>(background);
            all.addAll(steps);
            List<Attachment> allAttachments = new ArrayList<>(backgroundAttachments);
            allAttachments.addAll(attachments);
            background.clear();
            backgroundAttachments.clear();
            out.add(new ScenarioResult(backend, uri, featureName, text(element, "name", at), number(element, "line", at),
                    tags(element, at), all, status(all), capture(allAttachments), peers(allAttachments)));
        }
    }

    private record Attachment(String mediaType, String name, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private void hooks(JsonNode element, String field, String keyword, String path, List<StepResult> steps,
            List<Attachment> attachments) {
        JsonNode hooks = element.get(field);
        if (hooks == null || hooks.isNull()) {
            return;
        }
        if (!hooks.isArray()) {
            throw error(path + "." + field, "expected an array of hooks");
        }
        for (int h = 0; h < hooks.size(); h++) {
            JsonNode hook = hooks.get(h);
            String at = path + "." + field + "[" + h + "]";
            String location = hook.path("match").path("location").asText("");
            steps.add(result(hook, at, keyword, location, 0));
            attachments(hook, at, attachments);
        }
    }

    private void steps(JsonNode element, String path, List<StepResult> out, List<Attachment> attachments) {
        JsonNode steps = element.get("steps");
        if (steps == null || steps.isNull()) {
            return;
        }
        if (!steps.isArray()) {
            throw error(path + ".steps", "expected an array of steps");
        }
        for (int s = 0; s < steps.size(); s++) {
            JsonNode step = steps.get(s);
            String at = path + ".steps[" + s + "]";
            hooks(step, "before", "Before step", at, out, attachments);
            out.add(result(step, at, step.path("keyword").asText(""), text(step, "name", at), number(step, "line", at)));
            attachments(step, at, attachments);
            hooks(step, "after", "After step", at, out, attachments);
        }
    }

    private StepResult result(JsonNode node, String path, String keyword, String text, int line) {
        JsonNode result = node.get("result");
        if (result == null || !result.isObject()) {
            throw error(path + ".result", "missing");
        }
        String word = text(result, "status", path + ".result");
        Status status = Status.of(word);
        if (status == null) {
            throw error(path + ".result.status", "unknown status '" + word + "'");
        }
        JsonNode error = result.get("error_message");
        return new StepResult(keyword, text, line, status, result.path("duration").asLong(0),
                error == null || error.isNull() ? null : error.asText());
    }

    private void attachments(JsonNode node, String path, List<Attachment> out) {
        JsonNode embeddings = node.get("embeddings");
        if (embeddings == null || embeddings.isNull()) {
            return;
        }
        if (!embeddings.isArray()) {
            throw error(path + ".embeddings", "expected an array");
        }
        for (int i = 0; i < embeddings.size(); i++) {
            JsonNode e = embeddings.get(i);
            String at = path + ".embeddings[" + i + "]";
            byte[] data;
            try {
                data = Base64.getMimeDecoder().decode(text(e, "data", at));
            } catch (IllegalArgumentException bad) {
                throw error(at + ".data", "not base64: " + bad.getMessage());
            }
            out.add(new Attachment(e.path("mime_type").asText(""), e.path("name").asText(""), data));
        }
    }

    /** The first path of the first text/uri-list attachment (RFC 2483: one URI a line, '#' comments). */
    private static String capture(List<Attachment> attachments) {
        for (Attachment a : attachments) {
            if (a.mediaType().equals(CAPTURE_MEDIA_TYPE)) {
                for (String line : a.text().split("\r?\n")) {
                    String l = line.strip();
                    if (!l.isEmpty() && !l.startsWith("#")) {
                        return l;
                    }
                }
            }
        }
        return null;
    }

    private static Map<String, String> peers(List<Attachment> attachments) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Attachment a : attachments) {
            if (!a.name().equals(PEERS_ATTACHMENT) || !a.mediaType().startsWith("text/plain")) {
                continue;
            }
            for (String line : a.text().split("\r?\n")) {
                int eq = line.indexOf('=');
                if (eq > 0 && eq < line.length() - 1) {
                    names.put(line.substring(eq + 1).strip(), line.substring(0, eq).strip());
                }
            }
        }
        return names;
    }

    private static Status status(List<StepResult> steps) {
        if (steps.stream().noneMatch(s -> !s.isHook())) {
            return Status.UNDEFINED; // a scenario without steps checks nothing
        }
        Status worst = Status.PASSED;
        for (StepResult s : steps) {
            worst = worst.worse(s.status());
        }
        return worst;
    }

    private List<String> tags(JsonNode element, String path) {
        JsonNode tags = element.get("tags");
        List<String> out = new ArrayList<>();
        if (tags == null || tags.isNull()) {
            return out;
        }
        if (!tags.isArray()) {
            throw error(path + ".tags", "expected an array");
        }
        for (int t = 0; t < tags.size(); t++) {
            out.add(text(tags.get(t), "name", path + ".tags[" + t + "]"));
        }
        return out;
    }

    private String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error(path + "." + field, "missing");
        }
        if (!value.isValueNode()) {
            throw error(path + "." + field, "expected text");
        }
        return value.asText();
    }

    private int number(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw error(path + "." + field, value == null ? "missing" : "expected a line number");
        }
        return value.asInt();
    }

    private ReportException error(String path, String problem) {
        return new ReportException(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }
}
