package io.wgsim.sim.link;

import java.util.Arrays;

/**
 * A copy of a datagram that leaves the far end of the link at {@code atNanos}, on the same clock as
 * the time it was offered. The bytes are this delivery's own: a corrupted copy differs from the
 * datagram offered in exactly one bit. A record holding an array compares it by reference, so this
 * one copies on the way in and out and compares contents.
 *
 * @param atNanos   when it arrives; never before it was offered
 * @param datagram  the bytes that arrive
 * @param duplicate whether this is the extra copy that duplication made
 * @param corrupted whether a bit was flipped
 * @param reordered whether it skipped the delay (netem's reorder), overtaking packets still delayed
 */
public record Delivery(long atNanos, byte[] datagram, boolean duplicate, boolean corrupted, boolean reordered)
        implements LinkOutput {

    public Delivery {
        datagram = datagram.clone();
    }

    /** A copy of the bytes that arrive. */
    @Override
    public byte[] datagram() {
        return datagram.clone();
    }

    /** The number of bytes that arrive. */
    public int length() {
        return datagram.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Delivery
                && ((Delivery) o).atNanos == atNanos
                && Arrays.equals(((Delivery) o).datagram, datagram)
                && ((Delivery) o).duplicate == duplicate
                && ((Delivery) o).corrupted == corrupted
                && ((Delivery) o).reordered == reordered;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(atNanos) * 31 + Arrays.hashCode(datagram);
    }

    @Override
    public String toString() {
        return "Delivery[atNanos=" + atNanos + ", length=" + datagram.length
                + (duplicate ? ", duplicate" : "") + (corrupted ? ", corrupted" : "")
                + (reordered ? ", reordered" : "") + "]";
    }
}
