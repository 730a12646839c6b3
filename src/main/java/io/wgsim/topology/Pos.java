package io.wgsim.topology;

/**
 * Where a value sits in the topology file: its 1-based line and its field path
 * ({@code nodes[3].wireguard.peers[0].allowed-ips[1]}). Paths are linked to their parent and spelled
 * out only when a message needs them, so a file of 100,000 nodes does not build 100,000 path strings.
 */
final class Pos {
    private final Pos parent;
    private final String key;
    private final int index;
    private final int line;

    private Pos(Pos parent, String key, int index, int line) {
        this.parent = parent;
        this.key = key;
        this.index = index;
        this.line = line;
    }

    /** The document itself: an empty path. */
    static Pos root(int line) {
        return new Pos(null, null, -1, line);
    }

    /** The value of field {@code key} of the map at this position, found on {@code line}. */
    Pos field(String key, int line) {
        return new Pos(this, key, -1, line);
    }

    /** Item {@code index} (0-based) of the list at this position, found on {@code line}. */
    Pos item(int index, int line) {
        return new Pos(this, null, index, line);
    }

    /** The same path, reported at another line (a generated node reports at its generator's line). */
    Pos atLine(int line) {
        return new Pos(parent, key, index, line);
    }

    int line() {
        return line;
    }

    String path() {
        StringBuilder out = new StringBuilder();
        append(out);
        return out.toString();
    }

    private void append(StringBuilder out) {
        if (parent != null) {
            parent.append(out);
        }
        if (key != null) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(key);
        } else if (index >= 0) {
            out.append('[').append(index).append(']');
        }
    }

    @Override public String toString() {
        return line + ": " + path();
    }
}
