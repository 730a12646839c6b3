package io.wgsim.sim.link;

import java.math.BigInteger;

/**
 * netem's {@code rate RATE [PACKETOVERHEAD [CELLSIZE [CELLOVERHEAD]]]}: the link sends one packet
 * at a time, each taking {@link #transmissionNanos} of the link's time, and a packet waits until
 * the link is free. The size that counts is the datagram's length plus {@code packetOverhead}
 * (negative to model stripped headers), rounded up to whole cells of {@code cellSize} bytes each
 * costing {@code cellSize + cellOverhead} when cells are used (ATM-like links).
 *
 * <p>Unlike tc, which keeps the rate in whole bytes per second, the rate here is in bits per second,
 * so {@code rate 12bit} is not rounded down to 1 byte/s.
 *
 * @param bitsPerSecond  the link speed; 0 means unlimited, and then the other fields must be 0
 * @param packetOverhead bytes added to every packet, may be negative
 * @param cellSize       0 for no cells
 * @param cellOverhead   bytes added to every cell; needs a cell size
 */
public record Rate(long bitsPerSecond, int packetOverhead, int cellSize, int cellOverhead) {

    /** No rate limit: packets take no time to send. */
    public static final Rate NONE = new Rate(0, 0, 0, 0);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public Rate {
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("rate.bitsPerSecond " + bitsPerSecond + " must not be negative");
        }
        if (bitsPerSecond == 0 && (packetOverhead != 0 || cellSize != 0 || cellOverhead != 0)) {
            throw new IllegalArgumentException("rate.packetOverhead, rate.cellSize and rate.cellOverhead need a rate");
        }
        if (cellSize < 0) {
            throw new IllegalArgumentException("rate.cellSize " + cellSize + " must not be negative");
        }
        if (cellSize == 0 && cellOverhead != 0) {
            throw new IllegalArgumentException("rate.cellOverhead needs a rate.cellSize");
        }
    }

    /** A plain rate limit in bits per second. */
    public static Rate bitsPerSecond(long bitsPerSecond) {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("rate.bitsPerSecond " + bitsPerSecond + " must be positive");
        }
        return new Rate(bitsPerSecond, 0, 0, 0);
    }

    public boolean isNone() {
        return bitsPerSecond == 0;
    }

    /**
     * How long the link is busy sending a datagram of {@code length} bytes: netem's packet_time_ns,
     * floor(bytes * 8 * 10^9 / rate), where bytes includes the overheads. Sizes that the overheads
     * would make negative count as 0 (netem's unsigned arithmetic would wrap instead). 0 when
     * unlimited.
     */
    public long transmissionNanos(int length) {
        if (bitsPerSecond == 0) {
            return 0;
        }
        long bytes = Math.max(0, (long) length + packetOverhead);
        if (cellSize > 0) {
            long cells = (bytes + cellSize - 1) / cellSize;
            bytes = Math.max(0, cells * ((long) cellSize + cellOverhead));
        }
        long bits = bytes * 8;
        if (bits <= Long.MAX_VALUE / NANOS_PER_SECOND) {
            return bits * NANOS_PER_SECOND / bitsPerSecond;
        }
        return BigInteger.valueOf(bits).multiply(BigInteger.valueOf(NANOS_PER_SECOND))
                .divide(BigInteger.valueOf(bitsPerSecond)).longValueExact();
    }
}
