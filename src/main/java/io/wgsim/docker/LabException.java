package io.wgsim.docker;

/** Something the lab could not do, said in terms of what it tried (which container, network, command). */
public final class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
