package io.wgsim.report;

/**
 * What a scenario's section shows in place of its diagram: the messages of its capture, or why there are
 * none to show (no capture attached, the file is missing, it cannot be read).
 */
record Diagram(MessageSequence sequence, String note) {

    static Diagram of(MessageSequence sequence) {
        return new Diagram(sequence, null);
    }

    static Diagram none(String why) {
        return new Diagram(null, why);
    }
}
