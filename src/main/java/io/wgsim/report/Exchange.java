package io.wgsim.report;

/**
 * One arrow of a sequence diagram: a message, or a run of {@code count} alike messages drawn as one.
 *
 * @param from the sender's lifeline index
 * @param to the receiver's lifeline index
 * @param kind what it carries
 * @param label the text on the arrow
 * @param sentNanos when the (first) message was captured, relative to the capture's first packet
 * @param arrivedNanos when it was captured again at the receiver's side, or -1 when the capture saw it once
 * @param lastNanos when the last message of a collapsed run was sent ({@code sentNanos} for one message)
 * @param count how many messages the arrow stands for
 */
record Exchange(int from, int to, MessageKind kind, String label, long sentNanos, long arrivedNanos, long lastNanos,
        int count) {

    boolean collapsed() {
        return count > 1;
    }
}
