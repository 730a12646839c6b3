package io.wgsim.config;

/**
 * A configuration file that cannot be used. The message is meant for the person who wrote the file:
 * {@code peer.conf:7: [Peer] Endpoint: 'foo' is not IP:port}. It never contains secret key material.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    private ConfigException(String source, int line, String message) {
        super(message);
        this.source = source;
        this.line = line;
    }

    /** A problem with the file as a whole (it cannot be read, or a section is missing). */
    static ConfigException inFile(String source, String problem) {
        return new ConfigException(source, 0, source + ": " + problem);
    }

    /** A problem on one line that belongs to no field (a malformed line, a bad section header). */
    static ConfigException atLine(String source, int line, String problem) {
        return new ConfigException(source, line, source + ":" + line + ": " + problem);
    }

    /** A problem with one field: {@code source:line: [Section] Field: problem}. */
    static ConfigException atField(String source, int line, Section section, String field, String problem) {
        return atLine(source, line, section.header() + " " + field + ": " + problem);
    }

    /** The file name as given to the parser. */
    public String source() {
        return source;
    }

    /** The 1-based line the problem is on, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
