package io.wgsim.docker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary of a ping(8) run inside a container, read from its "N packets transmitted, M (packets)
 * received" line (busybox and iputils both print one).
 */
public record PingResult(int transmitted, int received, ExecResult exec) {
    private static final Pattern SUMMARY =
            Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");

    public boolean lossless() {
        return transmitted > 0 && received == transmitted;
    }

    static PingResult parse(ExecResult exec) {
        Matcher m = SUMMARY.matcher(exec.stdout());
        if (!m.find()) {
            throw new LabException("no ping summary in the output: " + exec);
        }
        return new PingResult(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), exec);
    }

    @Override public String toString() {
        return transmitted + " transmitted, " + received + " received";
    }
}
