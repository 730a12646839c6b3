package io.wgsim.steps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The scenarios of features/*.feature with their tags (feature tags included), read line by line:
 * enough for checking tags against the checklist without running anything.
 */
final class FeatureTags {
    /** A scenario (or outline) and every tag that applies to it, with its steps (background first, keywords dropped). */
    record TaggedScenario(String file, int line, String name, Set<String> tags, List<String> steps) {
        String where() {
            return file + ":" + line + " (" + name + ")";
        }
    }

    private static final java.util.regex.Pattern STEP = java.util.regex.Pattern.compile("^(Given|When|Then|And|But) (.*)$");

    private FeatureTags() {}

    static List<TaggedScenario> read(Path featuresDirectory) {
        List<TaggedScenario> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(featuresDirectory)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".feature")).sorted().toList()) {
                out.addAll(readFile(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + featuresDirectory, e);
        }
        return out;
    }

    private static List<TaggedScenario> readFile(Path file) throws IOException {
        List<TaggedScenario> out = new ArrayList<>();
        Set<String> featureTags = new LinkedHashSet<>();
        Set<String> pending = new LinkedHashSet<>();
        List<String> background = new ArrayList<>();
        List<String> current = background;
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            java.util.regex.Matcher step = STEP.matcher(t);
            if (step.matches()) {
                current.add(step.group(2));
            } else if (t.startsWith("@")) {
                for (String tag : t.split("\\s+")) {
                    if (tag.startsWith("#")) {
                        break;
                    }
                    pending.add(tag);
                }
            } else if (t.startsWith("Feature:")) {
                featureTags.addAll(pending);
                pending.clear();
            } else if (t.startsWith("Scenario:") || t.startsWith("Scenario Outline:") || t.startsWith("Example:")) {
                Set<String> tags = new LinkedHashSet<>(featureTags);
                tags.addAll(pending);
                pending.clear();
                current = new ArrayList<>(background);
                out.add(new TaggedScenario(file.getFileName().toString(), i + 1, t.substring(t.indexOf(':') + 1).trim(), tags,
                        current));
            } else if (t.startsWith("Examples:") && !out.isEmpty()) {
                out.get(out.size() - 1).tags().addAll(pending);
                pending.clear();
            }
        }
        return out;
    }
}
