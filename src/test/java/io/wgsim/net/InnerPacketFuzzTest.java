package io.wgsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the inner packet readers: no input may make them throw. Under plain {@code mvn
 * test} Jazzer runs it in regression mode (the empty input and any stored crash inputs); set
 * JAZZER_FUZZ=1 to fuzz.
 */
class InnerPacketFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void readersNeverThrow(byte[] data) {
        InnerPacket p = InnerPacket.parse(data);
        assertEquals(InnerPacket.validate(data, 0, data.length) == InnerPacket.Validity.VALID, p != null);
        if (p != null) {
            assertTrue(p.length() <= data.length);
            assertTrue(p.headerLength() <= p.length());
            p.toString();
        }
        IpPackets.verifyChecksums(data);
        IpPackets.parseUdp(data);
        IpPackets.parseEcho(data);
        byte[] reply = IpPackets.echoReplyTo(data);
        if (reply != null) {
            assertEquals(IpPackets.ChecksumResult.VALID, IpPackets.verifyChecksums(reply));
        }
    }
}
