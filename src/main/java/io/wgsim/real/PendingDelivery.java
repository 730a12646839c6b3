package io.wgsim.real;

import java.util.Comparator;

/**
 * A datagram the relay has accepted and will send at {@code atNanos} (relay time), in the order
 * (time, sequence): copies due at the same instant leave in the order they were accepted, as the
 * simulator orders its events.
 */
record PendingDelivery(long atNanos, long seq, ImpairmentRelay.Direction direction, byte[] datagram) {
    static final Comparator<PendingDelivery> ORDER =
            Comparator.comparingLong(PendingDelivery::atNanos).thenComparingLong(PendingDelivery::seq);
}
