package io.wgsim.protocol.ratelimit;

import io.wgsim.protocol.wire.Protocol;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A token bucket per source address for handshake messages under load: a new source may send a
 * burst of {@link Protocol#RATE_LIMIT_BURST} and then {@link Protocol#RATE_LIMIT_PACKETS_PER_SECOND}
 * per second. Tokens are counted in nanoseconds of credit, as in the kernel: one packet costs
 * {@code 1 s / rate}, the bucket holds {@code burst} packets' worth, and a packet passes when the
 * bucket holds at least its cost (the kernel's {@code >=}; wireguard-go's {@code >} lets only
 * burst - 1 through at a single instant).
 *
 * <p>Time is an argument. Entries idle for more than a second are dropped by a sweep that runs from
 * {@link #allow} at most once a second (both references sweep on a 1 s timer; there are no threads
 * here). Once {@code maxEntries} sources are tracked, packets from new sources are refused until a
 * sweep makes room, as the kernel does, so memory stays bounded under a flood of spoofed sources.
 * Not thread-safe.
 */
public final class RateLimiter {

    /** How IPv6 sources are grouped into buckets. */
    public enum Ipv6Grouping {
        /** One bucket per /64, as the kernel: one host usually owns a whole /64 and can pick any address in it. */
        PREFIX_64,
        /** One bucket per address, as wireguard-go. */
        WHOLE_ADDRESS
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Idle time after which an entry is forgotten, and the sweep interval (kernel and wireguard-go). */
    private static final long GC_AFTER_NANOS = NANOS_PER_SECOND;
    /** The kernel's table limit on a machine with more than 1 GiB of RAM (8192 buckets x 8). */
    public static final int DEFAULT_MAX_ENTRIES = 8192 * 8;

    private record SourceKey(boolean ipv6, long high, long low) {}

    private static final class Bucket {
        long lastNanos;
        long tokens;

        Bucket(long lastNanos, long tokens) {
            this.lastNanos = lastNanos;
            this.tokens = tokens;
        }
    }

    private final long packetCost;
    private final long maxTokens;
    private final Ipv6Grouping grouping;
    private final int maxEntries;
    // Looked up by key only and swept with a predicate over every entry, so its iteration order
    // never shows in any result.
    private final Map<SourceKey, Bucket> table = new HashMap<>();
    private long lastSweepNanos;
    private boolean sweptOnce;

    /** The protocol's rate and burst, IPv6 grouped by /64 like the kernel. */
    public RateLimiter() {
        this(Ipv6Grouping.PREFIX_64);
    }

    /** The protocol's rate and burst with the chosen IPv6 grouping. */
    public RateLimiter(Ipv6Grouping grouping) {
        this(Protocol.RATE_LIMIT_PACKETS_PER_SECOND, Protocol.RATE_LIMIT_BURST, grouping, DEFAULT_MAX_ENTRIES);
    }

    /**
     * A limiter with its own numbers: packetsPerSecond (1 .. 10^9), burst (at least 1), and the most
     * sources tracked at once.
     */
    public RateLimiter(int packetsPerSecond, int burst, Ipv6Grouping grouping, int maxEntries) {
        if (packetsPerSecond < 1 || packetsPerSecond > NANOS_PER_SECOND) {
            throw new IllegalArgumentException("packetsPerSecond " + packetsPerSecond + " is out of range 1..10^9");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst " + burst + " must be at least 1");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries " + maxEntries + " must be at least 1");
        }
        this.packetCost = NANOS_PER_SECOND / packetsPerSecond;
        this.maxTokens = Math.multiplyExact(packetCost, (long) burst);
        this.grouping = Objects.requireNonNull(grouping, "grouping");
        this.maxEntries = maxEntries;
    }

    /**
     * Whether a handshake message from this source (4 or 16 address bytes) may be processed now.
     * An IPv4-mapped IPv6 source counts as its IPv4 address: it is an IPv4 peer seen through a
     * dual-stack socket, and grouping all of them into one /64 would let one IPv4 host starve the rest.
     */
    public boolean allow(long nowNanos, byte[] sourceAddress) {
        SourceKey key = keyOf(sourceAddress);
        sweepIfDue(nowNanos);
        Bucket bucket = table.get(key);
        if (bucket == null) {
            if (table.size() >= maxEntries) {
                return false;
            }
            // The first packet is allowed and paid for.
            table.put(key, new Bucket(nowNanos, maxTokens - packetCost));
            return true;
        }
        // Explicit time should never run backwards; if it does, it earns nothing.
        long elapsed = Math.max(0, nowNanos - bucket.lastNanos);
        bucket.tokens = Math.min(maxTokens, bucket.tokens + Math.min(elapsed, maxTokens));
        bucket.lastNanos = Math.max(bucket.lastNanos, nowNanos);
        if (bucket.tokens >= packetCost) {
            bucket.tokens -= packetCost;
            return true;
        }
        return false;
    }

    /** How many sources are tracked now (for tests). */
    int entries() {
        return table.size();
    }

    private void sweepIfDue(long nowNanos) {
        if (!sweptOnce) {
            sweptOnce = true;
            lastSweepNanos = nowNanos;
            return;
        }
        if (nowNanos - lastSweepNanos < GC_AFTER_NANOS) {
            return;
        }
        lastSweepNanos = nowNanos;
        table.values().removeIf(b -> nowNanos - b.lastNanos > GC_AFTER_NANOS);
    }

    private SourceKey keyOf(byte[] a) {
        if (a.length == 4) {
            return new SourceKey(false, 0, readInt(a, 0));
        }
        if (a.length != 16) {
            throw new IllegalArgumentException("a source address has 4 or 16 bytes, not " + a.length);
        }
        long high = readLong(a, 0);
        long low = readLong(a, 8);
        if (high == 0 && (low >>> 32) == 0xffffL) {
            return new SourceKey(false, 0, low & 0xffff_ffffL);
        }
        return new SourceKey(true, high, grouping == Ipv6Grouping.PREFIX_64 ? 0 : low);
    }

    private static long readInt(byte[] a, int off) {
        return (a[off] & 0xffL) << 24 | (a[off + 1] & 0xffL) << 16 | (a[off + 2] & 0xffL) << 8 | (a[off + 3] & 0xffL);
    }

    private static long readLong(byte[] a, int off) {
        return readInt(a, off) << 32 | readInt(a, off + 4);
    }
}
