package io.wgsim.topology;

import java.util.Objects;

/**
 * One problem found in a topology file, printed as the line a compiler would print:
 * {@code quickstart.yaml:23: nodes[3].wireguard.peers[0].allowed-ips[1]: '10.8.0.300/32' is not an IP prefix}
 * for an error, and {@code quickstart.yaml:40: warning: events[2].at: ...} for a warning.
 *
 * @param source the file name as given to the parser
 * @param line 1-based, or 0 when the problem concerns the whole file
 * @param path the field path ({@code nodes[3].address}), or empty for the document as a whole
 */
public record Diagnostic(Severity severity, String source, int line, String path, String message) {

    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override public String toString() {
        StringBuilder out = new StringBuilder(source);
        if (line > 0) {
            out.append(':').append(line);
        }
        out.append(": ");
        if (severity == Severity.WARNING) {
            out.append("warning: ");
        }
        if (!path.isEmpty()) {
            out.append(path).append(": ");
        }
        return out.append(message).toString();
    }
}
