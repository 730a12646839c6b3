package io.wgsim.topology;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads topology files (docs/topology.md) into {@link Topology} values. Reading goes in three steps,
 * each reporting every problem it finds before the next starts: YAML into a tree that keeps lines, the
 * tree into specs checked field by field against the format's tables, and the specs into a resolved
 * topology (generators expanded, addresses allocated, references and routes checked).
 *
 * <p>Errors come as one {@link TopologyException} listing them all, each naming the file, line and field
 * path: {@code quickstart.yaml:23: nodes[3].wireguard.peers[0].allowed-ips[1]: '10.8.0.300/32' is not an
 * IP prefix}. Warnings (things that parse but are likely mistakes) come with the topology, from
 * {@link #read}.
 */
public final class TopologyParser {
    private TopologyParser() {}

    public static Topology parse(Path file) throws TopologyException {
        return read(file, ParseOptions.DEFAULT).topology();
    }

    /** The topology under another seed than the file's (the command line's {@code --seed}). */
    public static Topology parse(Path file, long seed) throws TopologyException {
        return read(file, ParseOptions.DEFAULT.withSeed(seed)).topology();
    }

    public static Topology parse(String yaml, String sourceName) throws TopologyException {
        return read(yaml, sourceName, ParseOptions.DEFAULT).topology();
    }

    /** The topology and its warnings. */
    public static TopologyFile read(Path file, ParseOptions options) throws TopologyException {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw fileError(source, "no such file");
        } catch (AccessDeniedException e) {
            throw fileError(source, "permission denied");
        } catch (CharacterCodingException e) {
            throw fileError(source, "is not UTF-8 text");
        } catch (IOException e) {
            throw fileError(source, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return read(text, source, options);
    }

    public static TopologyFile read(String yaml, String sourceName, ParseOptions options) throws TopologyException {
        Diagnostics diagnostics = new Diagnostics(sourceName);
        try {
            String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
            YNode root = YamlReader.read(text, diagnostics);
            diagnostics.check();
            Spec.File spec = new SpecReader(diagnostics, options.linkCheck()).file(root);
            diagnostics.check();
            Topology topology = new Resolver(diagnostics, options).resolve(spec);
            return new TopologyFile(topology, diagnostics.warnings());
        } catch (Diagnostics.TooMany e) {
            diagnostics.check();
            throw new AssertionError("stopped reading without an error", e);
        }
    }

    private static TopologyException fileError(String source, String problem) {
        Diagnostics d = new Diagnostics(source);
        d.fileError(problem);
        try {
            d.check();
        } catch (TopologyException e) {
            return e;
        }
        throw new AssertionError();
    }
}
