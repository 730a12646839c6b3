package io.wgsim.sim.link;

/**
 * Netem options that do not describe a link. The message names the word that is wrong and says why:
 * {@code loss 120%: percentage must be 0..100}.
 */
public final class NetemSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NetemSyntaxException(String message) {
        super(message);
    }
}
