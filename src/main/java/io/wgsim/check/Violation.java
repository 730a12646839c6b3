package io.wgsim.check;

/**
 * One protocol violation found in a capture.
 *
 * @param frame the 1-based frame number, as Wireshark numbers the packets of the file
 * @param seconds the frame's time in seconds since the capture's first frame
 * @param rule the rule it breaks
 * @param message what was seen, naming sessions by index and peers by key or address, never a secret
 */
public record Violation(long frame, double seconds, RuleId rule, String message) {

    /** {@code frame N (t=S s) rule-id: message}, the line {@code wgsim check} prints. */
    public String line() {
        return String.format(java.util.Locale.ROOT, "frame %d (t=%.6fs) %s: %s", frame, seconds, rule.id(), message);
    }
}
