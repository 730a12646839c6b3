package io.wgsim.cli;

import io.wgsim.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a command's exception into exit code 1. A user's mistake is one line, "wgsim: message", as wg(8)
 * reports them; anything else is a bug in wgsim and gets its stack trace, which is what a report needs.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (ex instanceof CommandFailure || ex instanceof ConfigException) {
            err.println("wgsim: " + ex.getMessage());
        } else {
            err.println("wgsim: internal error (a bug in wgsim; please report it with this trace):");
            ex.printStackTrace(err);
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }
}
