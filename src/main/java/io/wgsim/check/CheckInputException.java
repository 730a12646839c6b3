package io.wgsim.check;

import java.io.IOException;

/** An input of the check (capture, key log, configuration) that cannot be read; the message names it. */
public final class CheckInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public CheckInputException(String message) {
        super(message);
    }

    public CheckInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
