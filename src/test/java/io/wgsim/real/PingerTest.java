package io.wgsim.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.net.IcmpEcho;
import io.wgsim.net.InnerPacket;
import io.wgsim.net.IpAddresses;
import io.wgsim.net.IpPackets;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PingerTest {
    private static final long MS = 1_000_000L;
    private static final InetAddress US = IpAddresses.parse("198.19.0.1");
    private static final InetAddress THEM = IpAddresses.parse("198.19.0.2");
    private static final int ID = 0x4242;

    private static Pinger pinger(int count) {
        return new Pinger(US, THEM, ID, count, 20 * MS, 2000 * MS);
    }

    /** What the far side's IP layer would answer. */
    private static byte[] answer(byte[] request) {
        return IpPackets.echoReplyTo(request);
    }

    @Test
    void sendsOnScheduleWithSequenceNumbersFromOne() {
        Pinger p = pinger(3);
        assertTrue(p.nextSendAt() <= 0, "the first request is due at once");
        IcmpEcho first = IpPackets.parseEcho(p.nextRequest(5 * MS));
        assertNotNull(first);
        assertEquals(1, first.sequence());
        assertEquals(ID, first.identifier());
        assertEquals(Pinger.PAYLOAD_BYTES, first.payload().length);
        assertEquals(25 * MS, p.nextSendAt());
        p.nextRequest(25 * MS);
        byte[] third = p.nextRequest(46 * MS);
        assertEquals(3, IpPackets.parseEcho(third).sequence());
        InnerPacket ip = InnerPacket.parse(third);
        assertArrayEquals(US.getAddress(), ip.source());
        assertArrayEquals(THEM.getAddress(), ip.destination());
        assertEquals(Long.MAX_VALUE, p.nextSendAt());
        assertThrows(IllegalStateException.class, () -> p.nextRequest(66 * MS));
    }

    @Test
    void matchesRepliesBySequenceAndMeasuresEachRoundTrip() {
        Pinger p = pinger(3);
        byte[] r1 = p.nextRequest(0);
        byte[] r2 = p.nextRequest(20 * MS);
        byte[] r3 = p.nextRequest(40 * MS);

        // Out of order: the second reply comes first.
        Pinger.Reply second = p.accept(21 * MS, answer(r2));
        Pinger.Reply first = p.accept(22 * MS, answer(r1));
        assertEquals(new Pinger.Reply(THEM, 2, 64, 1 * MS, false), second);
        assertEquals(new Pinger.Reply(THEM, 1, 64, 22 * MS, false), first);
        assertEquals("64 bytes from 198.19.0.2: icmp_seq=1 time=22.0 ms", first.line());
        assertFalse(p.done(41 * MS));

        Pinger.Reply third = p.accept(43 * MS, answer(r3));
        assertEquals(3 * MS, third.rttNanos());
        assertTrue(p.done(43 * MS), "done as soon as every reply is in");

        Pinger.Summary s = p.summary();
        assertTrue(s.complete());
        assertEquals(3, s.transmitted());
        assertEquals(3, s.received());
        assertEquals(1 * MS, s.minRttNanos());
        assertEquals(22 * MS, s.maxRttNanos());
        assertEquals(Math.round(26.0 / 3 * MS), s.avgRttNanos());
        assertArrayEquals(new String[] {
                "--- 198.19.0.2 ping statistics ---",
                "3 packets transmitted, 3 received, 0% packet loss, time 43ms",
                "rtt min/avg/max/mdev = 1.000/8.667/22.000/9.463 ms"}, s.lines());
    }

    @Test
    void countsADuplicateOnceAndSaysSo() {
        Pinger p = pinger(1);
        byte[] request = p.nextRequest(0);
        assertFalse(p.accept(1 * MS, answer(request)).duplicate());
        Pinger.Reply again = p.accept(2 * MS, answer(request));
        assertTrue(again.duplicate());
        assertTrue(again.line().endsWith(" (DUP!)"), again.line());
        Pinger.Summary s = p.summary();
        assertEquals(1, s.received());
        assertEquals(1, s.duplicates());
        assertEquals("1 packets transmitted, 1 received, +1 duplicates, 0% packet loss, time 2ms", s.lines()[1]);
    }

    @Test
    void ignoresWhatIsNotAReplyToUs() {
        Pinger p = pinger(2);
        byte[] request = p.nextRequest(0);
        byte[] payload = new byte[Pinger.PAYLOAD_BYTES];
        byte[] us = US.getAddress();
        byte[] them = THEM.getAddress();

        assertNull(p.accept(1, request), "our own request");
        assertNull(p.accept(1, IpPackets.echoReplyTo(IpPackets.echoRequest(us, them, ID + 1, 1, payload))), "another identifier");
        assertNull(p.accept(1, IpPackets.echoReplyTo(IpPackets.echoRequest(us, them, ID, 2, payload))), "a sequence not sent yet");
        assertNull(p.accept(1, IpPackets.echoReplyTo(IpPackets.echoRequest(us, them, ID, 0, payload))), "sequence 0");
        assertNull(p.accept(1, IpPackets.echoReplyTo(IpPackets.echoRequest(us, IpAddresses.parse("198.19.0.9").getAddress(),
                ID, 1, payload))), "from another host");
        assertNull(p.accept(1, IpPackets.udp(them, us, 7, 7, payload)), "not ICMP");
        assertNull(p.accept(1, new byte[] {1, 2, 3}), "not IP");
        assertEquals(0, p.summary().received());
    }

    @Test
    void givesUpOnLateRepliesAfterTheReplyTimeout() {
        Pinger p = pinger(3);
        byte[] r1 = p.nextRequest(0);
        p.nextRequest(20 * MS);
        p.nextRequest(40 * MS);
        p.accept(41 * MS, answer(r1));

        assertEquals(2040 * MS, p.wakeAt());
        assertFalse(p.done(2039 * MS));
        assertTrue(p.done(2040 * MS));
        Pinger.Summary s = p.summary();
        assertFalse(s.complete());
        assertEquals("3 packets transmitted, 1 received, 66.6667% packet loss, time 41ms", s.lines()[1]);
    }

    @Test
    void noReplyAtAllHasNoRoundTripLine() {
        Pinger p = pinger(2);
        p.nextRequest(0);
        p.nextRequest(20 * MS);
        Pinger.Summary s = p.summary();
        assertEquals("100", s.lossPercent());
        assertEquals(2, s.lines().length);
    }

    @ParameterizedTest(name = "{0} of {1} lost -> {2}%")
    @CsvSource({"0, 100, 0", "1, 100, 1", "1, 3, 33.3333", "1, 1000, 0.1", "100, 100, 100", "1, 8, 12.5"})
    void lossIsPrintedLikePingsPercentG(int lost, int sent, String expected) {
        assertEquals(expected, new Pinger.Summary(THEM, sent, sent - lost, 0, 0, 0, 0, 0, 0).lossPercent());
    }

    @ParameterizedTest(name = "{0} ns -> {1} ms")
    @CsvSource({"410000, 0.410", "1234000, 1.23", "12345000, 12.3", "123456000, 123"})
    void roundTripsHaveThePrecisionPingUses(long nanos, String expected) {
        assertEquals(expected, Pinger.millis(nanos));
    }

    @Test
    void ipv6PingsUseIcmpv6() {
        Pinger p = new Pinger(IpAddresses.parse("fd00::1"), IpAddresses.parse("fd00::2"), ID, 1, 20 * MS, 0);
        byte[] request = p.nextRequest(0);
        assertEquals(6, InnerPacket.parse(request).version());
        assertEquals(IpPackets.ICMPV6, InnerPacket.parse(request).protocol());
        assertNotNull(p.accept(1, answer(request)));
        assertTrue(p.summary().complete());
    }

    @Test
    void refusesMixedFamilies() {
        assertThrows(IllegalArgumentException.class,
                () -> new Pinger(US, IpAddresses.parse("fd00::2"), ID, 1, 20 * MS, 0));
    }
}
