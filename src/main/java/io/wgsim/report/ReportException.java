package io.wgsim.report;

/**
 * An input of the report (checklist, Cucumber JSON, output file) cannot be used. The message names the
 * file and, where it can, the field at fault.
 */
public final class ReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
