package io.wgsim.real;

import io.wgsim.net.IcmpEcho;
import io.wgsim.net.InnerPacket;
import io.wgsim.net.IpAddresses;
import io.wgsim.net.IpPackets;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Locale;

/**
 * ping(8) through the tunnel: {@code count} ICMP or ICMPv6 echo requests to one address, one every
 * {@code interval}, replies matched by identifier and sequence number, round trips measured. It keeps
 * no clock: the loop asks {@link #nextSendAt()} when the next request is due and passes the time in.
 * After the last request it waits up to {@code replyTimeout} for late replies.
 */
final class Pinger {
    /** Bytes of payload after the ICMP header, as ping(8) sends by default: 64 bytes of ICMP in all. */
    static final int PAYLOAD_BYTES = 56;
    private static final int ICMP_HEADER = 8;
    private static final long NONE = Long.MAX_VALUE;

    /** A reply that matched one of our requests. */
    record Reply(InetAddress from, int sequence, int icmpBytes, long rttNanos, boolean duplicate) {
        /** The line ping(8) prints for it: {@code 64 bytes from 198.19.0.2: icmp_seq=1 time=0.410 ms}. */
        String line() {
            return icmpBytes + " bytes from " + IpAddresses.format(from) + ": icmp_seq=" + sequence
                    + " time=" + millis(rttNanos) + " ms" + (duplicate ? " (DUP!)" : "");
        }
    }

    /** The totals ping(8) prints at the end. Round trips are in nanoseconds, and zero when nothing came back. */
    record Summary(InetAddress target, int transmitted, int received, int duplicates, long elapsedNanos,
                   long minRttNanos, long avgRttNanos, long maxRttNanos, long mdevRttNanos) {

        /** The lost share of requests in percent, as ping(8) prints it with %g: "0", "1", "33.3333". */
        String lossPercent() {
            if (transmitted == 0) {
                return "0";
            }
            BigDecimal lost = BigDecimal.valueOf(100L * (transmitted - received));
            BigDecimal percent = lost.divide(BigDecimal.valueOf(transmitted), new MathContext(6));
            return percent.signum() == 0 ? "0" : percent.stripTrailingZeros().toPlainString();
        }

        /** Whether every request was answered. */
        boolean complete() {
            return transmitted > 0 && received == transmitted;
        }

        String[] lines() {
            String totals = transmitted + " packets transmitted, " + received + " received"
                    + (duplicates > 0 ? ", +" + duplicates + " duplicates" : "")
                    + ", " + lossPercent() + "% packet loss, time " + elapsedNanos / 1_000_000 + "ms";
            String header = "--- " + IpAddresses.format(target) + " ping statistics ---";
            if (received == 0) {
                return new String[] {header, totals};
            }
            return new String[] {header, totals, "rtt min/avg/max/mdev = " + fixed3(minRttNanos) + "/"
                    + fixed3(avgRttNanos) + "/" + fixed3(maxRttNanos) + "/" + fixed3(mdevRttNanos) + " ms"};
        }
    }

    private final byte[] source;
    private final byte[] target;
    private final int identifier;
    private final int count;
    private final long intervalNanos;
    private final long replyTimeoutNanos;
    private final long[] sentAt;
    private final boolean[] answered;
    private final byte[] payload;

    private int sent;
    private long firstSentAt = NONE;
    private long lastSentAt = NONE;
    private long lastActivityAt;
    private int received;
    private int duplicates;
    private long rttMin = Long.MAX_VALUE;
    private long rttMax;
    private double rttSum;
    private double rttSquares;

    /**
     * @param source our tunnel address, of the same family as {@code target}
     * @param identifier the ICMP identifier, 0..65535 (ping(8) uses a random or per-process one)
     * @param count requests to send, 1..65535 (sequence numbers run from 1)
     */
    Pinger(InetAddress source, InetAddress target, int identifier, int count, long intervalNanos, long replyTimeoutNanos) {
        this.source = source.getAddress();
        this.target = target.getAddress();
        if (this.source.length != this.target.length) {
            throw new IllegalArgumentException("source " + IpAddresses.format(source) + " and target "
                    + IpAddresses.format(target) + " are of different address families");
        }
        if (identifier < 0 || identifier > 0xffff) {
            throw new IllegalArgumentException("identifier " + identifier + " is out of range 0..65535");
        }
        if (count < 1 || count > 0xffff) {
            throw new IllegalArgumentException("count " + count + " is out of range 1..65535");
        }
        if (intervalNanos <= 0 || replyTimeoutNanos < 0) {
            throw new IllegalArgumentException("the interval must be positive and the reply timeout not negative");
        }
        this.identifier = identifier;
        this.count = count;
        this.intervalNanos = intervalNanos;
        this.replyTimeoutNanos = replyTimeoutNanos;
        this.sentAt = new long[count + 1];
        this.answered = new boolean[count + 1];
        this.payload = new byte[PAYLOAD_BYTES];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (0x10 + i); // ping(8)'s pattern after its timestamp
        }
    }

    /** When the next request is due (immediately for the first), or Long.MAX_VALUE when all are sent. */
    long nextSendAt() {
        if (sent == count) {
            return NONE;
        }
        return sent == 0 ? Long.MIN_VALUE : lastSentAt + intervalNanos;
    }

    /** The next echo request, sent at {@code now}; call it when {@link #nextSendAt()} is due. */
    byte[] nextRequest(long now) {
        if (sent == count) {
            throw new IllegalStateException("all " + count + " requests were sent");
        }
        int sequence = ++sent;
        sentAt[sequence] = now;
        if (firstSentAt == NONE) {
            firstSentAt = now;
        }
        lastSentAt = now;
        lastActivityAt = now;
        return IpPackets.echoRequest(source, target, identifier, sequence, payload);
    }

    /** The reply this packet is to one of our requests, counted; or null if it is none of ours. */
    Reply accept(long now, byte[] packet) {
        IcmpEcho echo = IpPackets.parseEcho(packet);
        if (echo == null || !echo.isReply() || echo.identifier() != identifier) {
            return null;
        }
        InnerPacket p = InnerPacket.parse(packet);
        if (!Arrays.equals(p.source(), target) || !Arrays.equals(p.destination(), source)) {
            return null;
        }
        int sequence = echo.sequence();
        if (sequence < 1 || sequence > sent) {
            return null;
        }
        long rtt = now - sentAt[sequence];
        boolean duplicate = answered[sequence];
        lastActivityAt = Math.max(lastActivityAt, now);
        if (duplicate) {
            duplicates++;
        } else {
            answered[sequence] = true;
            received++;
            rttMin = Math.min(rttMin, rtt);
            rttMax = Math.max(rttMax, rtt);
            rttSum += rtt;
            rttSquares += (double) rtt * rtt;
        }
        return new Reply(p.sourceAddress(), sequence, ICMP_HEADER + echo.payload().length, rtt, duplicate);
    }

    /** Done: every request is sent, and every reply is in or the reply timeout after the last request passed. */
    boolean done(long now) {
        return sent == count && (received == count || now - lastSentAt >= replyTimeoutNanos);
    }

    /** The next time this pinger has something to do: send a request, or give up waiting for replies. */
    long wakeAt() {
        if (sent < count) {
            return nextSendAt();
        }
        return received == count ? Long.MIN_VALUE : lastSentAt + replyTimeoutNanos;
    }

    Summary summary() {
        long elapsed = firstSentAt == NONE ? 0 : lastActivityAt - firstSentAt;
        if (received == 0) {
            return new Summary(IpAddresses.fromBytes(target), sent, 0, duplicates, elapsed, 0, 0, 0, 0);
        }
        double mean = rttSum / received;
        double variance = Math.max(0, rttSquares / received - mean * mean);
        return new Summary(IpAddresses.fromBytes(target), sent, received, duplicates, elapsed, rttMin,
                Math.round(mean), rttMax, Math.round(Math.sqrt(variance)));
    }

    /** A round trip as ping(8) prints it: three decimals under 1 ms, two under 10, one under 100, none above. */
    static String millis(long nanos) {
        double ms = nanos / 1e6;
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f", ms);
        }
        if (ms >= 10) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        if (ms >= 1) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        return String.format(Locale.ROOT, "%.3f", ms);
    }

    private static String fixed3(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
