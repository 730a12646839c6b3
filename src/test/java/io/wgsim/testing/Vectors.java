package io.wgsim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;

/**
 * Access to the shared reference vectors, which live outside the project (they are never copied into
 * it) in the folder named by the system property {@value #PROPERTY}; Maven's surefire and failsafe set
 * it to {@code ../shared/vectors}.
 *
 * <p>A missing folder or file aborts the calling test through a JUnit assumption, so it is reported as
 * SKIPPED with the path that was looked for, never as a silent pass. A file that is present but cannot
 * be read or parsed is a failure, not a skip.
 *
 * <p>Call these from {@code @Test} methods, not from {@code @MethodSource} or {@code @TestFactory}
 * factories: an assumption failing in a factory aborts a container, and surefire 3.5 leaves aborted
 * containers out of its report altogether, so the skip would vanish without a trace.
 */
public final class Vectors {
    public static final String PROPERTY = "wgsim.vectors";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private Vectors() {}

    /** The vectors folder; skips the calling test when the property is unset or the folder is absent. */
    public static Path dir() {
        String configured = System.getProperty(PROPERTY);
        Assumptions.assumeTrue(configured != null && !configured.isBlank(),
                () -> "reference vectors not configured: system property " + PROPERTY
                        + " is not set (Maven sets it to ${project.basedir}/../shared/vectors)");
        Path dir = Path.of(configured).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir),
                () -> "reference vectors folder not found: " + dir);
        return dir;
    }

    /** A file in the vectors folder; skips the calling test when it is absent. */
    public static Path file(String name) {
        Path file = dir().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file),
                () -> "reference vector file not found: " + file);
        return file;
    }

    /** The whole content of a vector file (pcaps, key logs). */
    public static byte[] bytes(String name) {
        Path file = file(name);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A JSON vector file, parsed. */
    public static JsonNode json(String name) {
        Path file = file(name);
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** Lower- or upper-case hex without separators, as every vector file here writes bytes. */
    public static byte[] hex(String hex) {
        return HEX.parseHex(hex);
    }

    /** The hex text field {@code field} of {@code node}, decoded; fails if the field is missing. */
    public static byte[] hex(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("vector has no text field '" + field + "': " + node);
        }
        return hex(value.asText());
    }
}
