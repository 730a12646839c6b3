package io.wgsim.topology;

/**
 * Checks the netem text of a link while the topology is parsed, so a bad impairment is reported at its
 * line in the file. The topology package does not know netem's grammar; the simulator does, and passes
 * its parser: {@code ParseOptions.DEFAULT.withLinkCheck(text -> NetemSyntax.parse(text))}.
 */
@FunctionalInterface
public interface LinkCheck {
    /** Accepts anything: the text is checked later, by whoever builds the link. */
    LinkCheck ANY = text -> { };

    /**
     * Throws an exception whose message describes the problem with the text when it is not a link model
     * (IllegalArgumentException by preference; any RuntimeException is reported the same way).
     */
    void check(String netem);
}
