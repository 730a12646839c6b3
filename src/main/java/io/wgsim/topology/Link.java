package io.wgsim.topology;

import java.util.Objects;

/**
 * The impairment of a node's access link, as netem(8) would be told it ({@code "delay 40ms 15ms
 * distribution normal loss 3%"}), one string per direction. The text is kept as written (with runs of
 * blanks made one space): the simulator's link model reads it, and the parser checks it with the
 * {@link LinkCheck} it was given. An empty string is a perfect link.
 *
 * @param up from the node into its network
 * @param down from the network to the node
 */
public record Link(String up, String down) {
    /** No impairment either way. */
    public static final Link NONE = new Link("", "");

    public Link {
        up = normal(Objects.requireNonNull(up, "up"));
        down = normal(Objects.requireNonNull(down, "down"));
    }

    /** The same impairment both ways. */
    public static Link both(String netem) {
        return new Link(netem, netem);
    }

    public boolean isNone() {
        return up.isEmpty() && down.isEmpty();
    }

    private static String normal(String netem) {
        return netem.strip().replaceAll("\\s+", " ");
    }
}
