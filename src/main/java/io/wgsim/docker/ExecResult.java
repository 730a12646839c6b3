package io.wgsim.docker;

import java.util.List;

/** What a command run in a container did: its exit code and what it printed. */
public record ExecResult(String container, List<String> command, int exitCode, String stdout, String stderr) {
    public ExecResult {
        command = List.copyOf(command);
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** This result, or a {@link LabException} naming the container, command, exit code and output. */
    public ExecResult orThrow() {
        if (!ok()) {
            throw new LabException(this.toString());
        }
        return this;
    }

    @Override public String toString() {
        return "in " + container + ": '" + String.join(" ", command) + "' exited " + exitCode
                + (stdout.isBlank() ? "" : "; stdout: " + stdout.strip())
                + (stderr.isBlank() ? "" : "; stderr: " + stderr.strip());
    }
}
