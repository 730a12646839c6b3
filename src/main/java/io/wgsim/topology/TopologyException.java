package io.wgsim.topology;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A topology file that cannot be used. It carries every error found (up to a limit), each naming the
 * file, line and field path; the message is those lines, one per error. Messages never contain a
 * private or preshared key.
 */
public final class TopologyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> errors;

    TopologyException(List<Diagnostic> errors) {
        super(errors.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a TopologyException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** The errors in the order they were found (mostly file order), at least one. */
    public List<Diagnostic> errors() {
        return errors;
    }

    /** The file name as given to the parser. */
    public String source() {
        return errors.get(0).source();
    }

    /** The line of the first error, or 0 when it concerns the whole file. */
    public int line() {
        return errors.get(0).line();
    }
}
