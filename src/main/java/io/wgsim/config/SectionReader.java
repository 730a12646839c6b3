package io.wgsim.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The line structure of a wg-quick file: sections, comments, "Key = Value" lines. It knows which keys
 * exist and where they belong, but not what their values mean (that is {@link WgQuickParser}'s job).
 *
 * <p>As in wg(8) and wg-quick(8): '#' starts a comment anywhere on a line, section names and keys are
 * case-insensitive, and blanks around keys and values don't matter.
 */
final class SectionReader {
    /** One "Key = Value" line, value stripped of blanks and comment. */
    record Entry(ConfigKey key, String value, int line) {}

    /** A section as written: its header's line and its entries in file order. */
    record RawSection(Section section, int line, List<Entry> entries) {
        List<Entry> all(ConfigKey key) {
            return entries.stream().filter(e -> e.key() == key).toList();
        }

        Optional<Entry> first(ConfigKey key) {
            return entries.stream().filter(e -> e.key() == key).findFirst();
        }
    }

    /**
     * What may be quoted from a line we don't understand. A base64 key pasted on a line of its own reads as
     * "43 characters = nothing"; quoting that would print most of a secret, so only short words are quoted.
     */
    private static final Pattern QUOTABLE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,23}");

    private final String source;
    private final List<RawSection> sections = new ArrayList<>();
    private final List<IgnoredKey> ignored = new ArrayList<>();
    private RawSection current;

    private SectionReader(String source) {
        this.source = source;
    }

    /** Reads the sections of {@code text}; skipped keys are appended to {@code ignoredKeys}. */
    static List<RawSection> read(String text, String source, List<IgnoredKey> ignoredKeys) throws ConfigException {
        SectionReader reader = new SectionReader(source);
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int number = 0;
        for (String line : (Iterable<String>) body.lines()::iterator) {
            reader.line(line, ++number);
        }
        ignoredKeys.addAll(reader.ignored);
        return reader.sections;
    }

    private void line(String raw, int line) throws ConfigException {
        int hash = raw.indexOf('#');
        String text = (hash < 0 ? raw : raw.substring(0, hash)).strip();
        if (text.isEmpty()) {
            return;
        }
        if (text.startsWith("[")) {
            header(text, line);
            return;
        }
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw ConfigException.atLine(source, line, (current == null ? "" : current.section().header() + ": ")
                    + "expected 'Key = Value' or a section header such as [Peer]");
        }
        entry(text.substring(0, eq).strip(), text.substring(eq + 1).strip(), line);
    }

    private void header(String text, int line) throws ConfigException {
        String name = text.endsWith("]") ? text.substring(1, text.length() - 1).strip() : "";
        Optional<Section> section = Section.byName(name);
        if (section.isEmpty()) {
            String what = QUOTABLE.matcher(name).matches() ? "unknown section [" + name + "]" : "malformed section header";
            throw ConfigException.atLine(source, line, what + " (expected [Interface] or [Peer])");
        }
        current = new RawSection(section.get(), line, new ArrayList<>());
        sections.add(current);
    }

    private void entry(String name, String value, int line) throws ConfigException {
        Optional<ConfigKey> found = ConfigKey.byName(name);
        boolean quotable = QUOTABLE.matcher(name).matches();
        String where = current == null ? "" : current.section().header() + ": ";
        if (found.isEmpty() && !quotable) {
            throw ConfigException.atLine(source, line, where
                    + "not a 'Key = Value' line with a known key (not quoted here: it may hold a key)");
        }
        if (current == null) {
            throw ConfigException.atLine(source, line, found.map(ConfigKey::spelling).orElse(name)
                    + ": outside any section (keys go under [Interface] or [Peer])");
        }
        Section section = current.section();
        if (found.isEmpty()) {
            throw ConfigException.atField(source, line, section, name,
                    "unknown key (" + section.header() + " takes " + ConfigKey.usedIn(section) + ")");
        }
        ConfigKey key = found.get();
        if (key.section() != section) {
            throw ConfigException.atField(source, line, section, key.spelling(),
                    "belongs in " + key.section().header() + ", not " + section.header());
        }
        switch (key.occurs()) {
            case IGNORED -> ignored.add(new IgnoredKey(source, line, key.spelling()));
            case LIST -> current.entries().add(new Entry(key, value, line));
            case ONCE -> {
                Optional<Entry> earlier = current.first(key);
                if (earlier.isPresent()) {
                    throw ConfigException.atField(source, line, section, key.spelling(),
                            "given twice in one section (first on line " + earlier.get().line() + ")");
                }
                if (value.isEmpty()) {
                    throw ConfigException.atField(source, line, section, key.spelling(), "has no value");
                }
                current.entries().add(new Entry(key, value, line));
            }
        }
    }
}
