package io.wgsim.protocol.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.net.IpAddresses;
import io.wgsim.protocol.ratelimit.RateLimiter.Ipv6Grouping;
import io.wgsim.protocol.wire.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimiterTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1000 * MS;
    /** An arbitrary start, far from zero, so nothing depends on time starting at 0. */
    private static final long T0 = 7_777 * SECOND;
    private static final long TOKEN = SECOND / Protocol.RATE_LIMIT_PACKETS_PER_SECOND;

    private static byte[] ip(String text) {
        return IpAddresses.parse(text).getAddress();
    }

    @Test
    void tokenIsFiftyMilliseconds() {
        assertEquals(5, Protocol.RATE_LIMIT_BURST);
        assertEquals(50 * MS, TOKEN);
    }

    /**
     * The kernel selftest's timing table (src/selftest/ratelimiter.c, expected_results) with exact
     * times instead of sleeps; at each step a neighbouring address is always allowed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.1", "2001:db8:a0b:12f0::1"})
    void kernelTimingTable(String source) {
        RateLimiter limiter = new RateLimiter();
        byte[] addr = ip(source);
        long[] sleepBefore = {0, 0, 0, 0, 0, 0, TOKEN, 0, 2 * TOKEN, 0, 0};
        boolean[] expected = {true, true, true, true, true, false, true, false, true, true, false};
        long now = T0;
        for (int i = 0; i < expected.length; i++) {
            now += sleepBefore[i];
            assertEquals(expected[i], limiter.allow(now, addr), "step " + i);
            byte[] other = addr.clone();
            other[0] += (byte) (i + 1); // the kernel varies the first word, so IPv6 lands in another /64
            assertTrue(limiter.allow(now, other), "other source at step " + i);
        }
    }

    @Test
    void burstThenRefusal() {
        RateLimiter limiter = new RateLimiter();
        byte[] a = ip("10.0.0.1");
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.allow(T0, a), "burst packet " + i);
        }
        for (int i = 0; i < 20; i++) {
            assertFalse(limiter.allow(T0, a), "refused at the same instant " + i);
        }
    }

    @Test
    void refillsOneTokenEveryFiftyMilliseconds() {
        RateLimiter limiter = new RateLimiter();
        byte[] a = ip("10.0.0.1");
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.allow(T0, a));
        }
        assertFalse(limiter.allow(T0 + TOKEN - 1, a), "one nanosecond short");
        // The refused call above still moved the clock; credit keeps accruing from it.
        assertTrue(limiter.allow(T0 + TOKEN, a), "exactly one token");
        assertFalse(limiter.allow(T0 + TOKEN, a));
        // Steady 20/s: every 50 ms exactly one more.
        for (int k = 2; k < 40; k++) {
            assertTrue(limiter.allow(T0 + k * TOKEN, a), "token " + k);
            assertFalse(limiter.allow(T0 + k * TOKEN, a), "only one at " + k);
        }
    }

    @Test
    void longIdleRefillsOnlyTheBurst() {
        RateLimiter limiter = new RateLimiter();
        byte[] a = ip("10.0.0.1");
        assertTrue(limiter.allow(T0, a));
        long later = T0 + 900 * MS; // under the GC age, so the entry itself is kept
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.allow(later, a), "burst packet " + i);
        }
        assertFalse(limiter.allow(later, a));
        assertEquals(1, limiter.entries());
    }

    @Test
    void sourcesAreIndependent() {
        RateLimiter limiter = new RateLimiter();
        byte[] a = ip("10.0.0.1");
        byte[] b = ip("10.0.0.2");
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.allow(T0, a));
        }
        assertFalse(limiter.allow(T0, a));
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.allow(T0, b), "b's own burst " + i);
        }
        assertFalse(limiter.allow(T0, b));
        assertEquals(2, limiter.entries());
    }

    @Test
    void ipv6GroupedBySlash64ByDefault() {
        RateLimiter limiter = new RateLimiter();
        for (int i = 1; i <= 5; i++) {
            assertTrue(limiter.allow(T0, ip("2001:db8:1:2::" + i)), "address " + i + " of the /64");
        }
        assertFalse(limiter.allow(T0, ip("2001:db8:1:2:ffff:ffff:ffff:ffff")), "same /64, burst spent");
        assertTrue(limiter.allow(T0, ip("2001:db8:1:3::1")), "the next /64 is another source");
        assertEquals(2, limiter.entries());
    }

    @Test
    void ipv6ByWholeAddressWhenChosen() {
        RateLimiter limiter = new RateLimiter(Ipv6Grouping.WHOLE_ADDRESS);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.allow(T0, ip("2001:db8:1:2::1")));
        }
        assertFalse(limiter.allow(T0, ip("2001:db8:1:2::1")));
        assertTrue(limiter.allow(T0, ip("2001:db8:1:2::2")), "another address in the same /64");
        assertEquals(2, limiter.entries());
    }

    @Test
    void ipv4MappedCountsAsIpv4() {
        RateLimiter limiter = new RateLimiter();
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.allow(T0, i % 2 == 0 ? ip("10.0.0.1") : ip("::ffff:10.0.0.1")));
        }
        assertFalse(limiter.allow(T0, ip("::ffff:10.0.0.1")), "one bucket for both spellings");
        assertTrue(limiter.allow(T0, ip("::ffff:10.0.0.2")), "mapped addresses don't share a /64 bucket");
    }

    @Test
    void idleEntriesAreCollected() {
        RateLimiter limiter = new RateLimiter();
        for (int i = 0; i < 100; i++) {
            assertTrue(limiter.allow(T0, new byte[] {10, 0, 0, (byte) i}));
        }
        assertTrue(limiter.allow(T0 + 600 * MS, ip("10.1.0.1")));
        assertEquals(101, limiter.entries());
        // Exactly one second idle is not yet stale (the references use "more than a second").
        assertTrue(limiter.allow(T0 + SECOND, ip("10.1.0.2")));
        assertEquals(102, limiter.entries(), "sweep ran, but nothing was idle for more than 1 s");
        // The next sweep is a second after the previous one.
        assertTrue(limiter.allow(T0 + 2 * SECOND - 1, ip("10.1.0.3")));
        assertEquals(103, limiter.entries(), "no sweep before a second has passed since the last");
        assertTrue(limiter.allow(T0 + 2 * SECOND, ip("10.1.0.4")));
        // Left: 10.1.0.2 (idle 1 s, not more), 10.1.0.3 and 10.1.0.4.
        assertEquals(3, limiter.entries());
    }

    @Test
    void newSourcesAreRefusedWhenTheTableIsFull() {
        RateLimiter limiter = new RateLimiter(20, 5, Ipv6Grouping.PREFIX_64, 3);
        assertTrue(limiter.allow(T0, ip("10.0.0.1")));
        assertTrue(limiter.allow(T0, ip("10.0.0.2")));
        assertTrue(limiter.allow(T0, ip("10.0.0.3")));
        assertFalse(limiter.allow(T0, ip("10.0.0.4")), "table full");
        assertTrue(limiter.allow(T0, ip("10.0.0.1")), "known sources still have their buckets");
        assertEquals(3, limiter.entries());
        assertTrue(limiter.allow(T0 + 2 * SECOND, ip("10.0.0.4")), "a sweep made room");
        assertEquals(1, limiter.entries());
    }

    @Test
    void customRates() {
        RateLimiter limiter = new RateLimiter(2, 3, Ipv6Grouping.PREFIX_64, 10);
        byte[] a = ip("10.0.0.1");
        assertTrue(limiter.allow(T0, a));
        assertTrue(limiter.allow(T0, a));
        assertTrue(limiter.allow(T0, a));
        assertFalse(limiter.allow(T0, a));
        assertFalse(limiter.allow(T0 + 500 * MS - 1, a));
        assertTrue(limiter.allow(T0 + 500 * MS, a), "2 per second: one every 500 ms");
        assertFalse(limiter.allow(T0 + 500 * MS, a));
    }

    @Test
    void timeRunningBackwardsEarnsNothing() {
        RateLimiter limiter = new RateLimiter();
        byte[] a = ip("10.0.0.1");
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.allow(T0, a));
        }
        assertFalse(limiter.allow(T0 - 10 * SECOND, a));
        assertFalse(limiter.allow(T0 + TOKEN - 1, a), "going back did not reset the clock to earn later");
        assertTrue(limiter.allow(T0 + TOKEN, a));
    }

    @Test
    void rejectsBadArguments() {
        RateLimiter limiter = new RateLimiter();
        assertThrows(IllegalArgumentException.class, () -> limiter.allow(T0, new byte[5]));
        assertEquals(0, limiter.entries());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RateLimiter(0, 5, Ipv6Grouping.PREFIX_64, 1));
        assertTrue(e.getMessage().contains("packetsPerSecond 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RateLimiter(20, 0, Ipv6Grouping.PREFIX_64, 1));
        assertTrue(e.getMessage().contains("burst 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RateLimiter(20, 5, Ipv6Grouping.PREFIX_64, 0));
        assertTrue(e.getMessage().contains("maxEntries 0"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new RateLimiter(20, 5, null, 1));
    }
}
