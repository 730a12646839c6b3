package io.wgsim.cli;

/** A command could not do its job because of its input; the message is printed as is, exit code 1. */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }
}
