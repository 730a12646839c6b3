package io.wgsim.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.driver.FuzzedDataProviderImpl;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets for a device's two untrusted inputs, datagrams from the network and packets from the
 * tunnel. Each input first chooses a state for two or three devices (load, keepalive, PSK, replay
 * window, queue limit, MTU, a second peer, how far their handshakes got, which device is attacked) and
 * then a sequence of steps: raw bytes, well-typed random messages, captured datagrams replayed as they
 * were or mutated (bit flips, truncation, extension, type, reserved bytes, indices, counters),
 * handshake and transport messages forged with real keys, genuine traffic from the peers, replies held
 * back or lost, other source addresses, time passing, configuration changes and outbound packets.
 * {@link FuzzedNetwork} checks the device contract on every datagram and packet.
 *
 * <p>Under plain {@code mvn test} Jazzer runs in regression mode: each target runs once on the empty
 * input and once on each file of its seed corpus in
 * src/test/resources/io/wgsim/protocol/DeviceFuzzTestInputs/&lt;method&gt;/ (written by
 * {@link DeviceFuzzSeeds}; crash inputs found by fuzzing are kept there too). To fuzz one target:
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=DeviceFuzzTest#inboundDatagrams} (Jazzer fuzzes only one
 * target per run). What it finds interesting goes to .cifuzz-corpus/, which git ignores.
 */
class DeviceFuzzTest {
    /** The seeds by content, to check each one reaches its outcome when regression mode runs it. */
    private static final Map<ByteBuffer, DeviceFuzzSeeds.Seed> SEEDS = new HashMap<>();

    static {
        for (DeviceFuzzSeeds.Seed seed : DeviceFuzzSeeds.all()) {
            SEEDS.put(ByteBuffer.wrap(seed.bytes()), seed);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void inboundDatagrams(FuzzedDataProvider data) {
        FuzzedNetwork net = new FuzzedNetwork(data);
        net.run();
        checkSeedOutcome(data, DeviceFuzzSeeds.INBOUND, net);
    }

    @FuzzTest(maxDuration = "5m")
    void outboundPackets(FuzzedDataProvider data) {
        FuzzedNetwork net = new FuzzedNetwork(data);
        net.runOutbound();
        checkSeedOutcome(data, DeviceFuzzSeeds.OUTBOUND, net);
    }

    /**
     * When the input is one of the hand-made seeds, asserts it reached the outcome it was written for,
     * so a change to what FuzzedNetwork reads cannot quietly turn the seed corpus into noise. This reads
     * the input back through FuzzedDataProviderImpl, Jazzer's own provider in both modes (an internal
     * class of the pinned 0.30.0; it only works with Jazzer's agent loaded, as it is here).
     */
    private static void checkSeedOutcome(FuzzedDataProvider data, String method, FuzzedNetwork net) {
        byte[] input = ((FuzzedDataProviderImpl) data).getJavaData();
        DeviceFuzzSeeds.Seed seed = input == null ? null : SEEDS.get(ByteBuffer.wrap(input));
        if (seed != null && seed.method().equals(method)) {
            assertTrue(net.outcomes.contains(seed.expect()),
                    "seed " + seed.name() + " should reach '" + seed.expect() + "' but reached " + net.outcomes);
        }
    }

    // ---- the seed corpus ----

    private static byte[] resource(String method, String name) throws IOException {
        try (InputStream in = DeviceFuzzTest.class.getResourceAsStream("DeviceFuzzTestInputs/" + method + "/" + name)) {
            assertNotNull(in, "seed file " + method + "/" + name + " is missing; run DeviceFuzzSeeds.main");
            return in.readAllBytes();
        }
    }

    @Test
    void theCommittedSeedsAreTheOnesDeviceFuzzSeedsWrites() throws IOException {
        for (DeviceFuzzSeeds.Seed seed : DeviceFuzzSeeds.all()) {
            assertArrayEquals(seed.bytes(), resource(seed.method(), seed.name()),
                    seed.method() + "/" + seed.name() + " differs from what DeviceFuzzSeeds writes; run DeviceFuzzSeeds.main");
        }
    }

    @Test
    void theSeedsAcceptEveryMessageType() {
        Set<String> expected = new TreeSet<>();
        for (DeviceFuzzSeeds.Seed seed : DeviceFuzzSeeds.all()) {
            expected.add(seed.expect());
        }
        for (String kind : new String[] {"INITIATION", "RESPONSE", "COOKIE_REPLY", "TRANSPORT", "KEEPALIVE"}) {
            assertTrue(expected.contains("accepted " + kind), "no seed is accepted as " + kind + ": " + expected);
        }
        assertEquals(DeviceFuzzSeeds.all().size(), SEEDS.size(), "seeds are distinct");
        assertEquals(DeviceFuzzSeeds.all().size(),
                DeviceFuzzSeeds.all().stream().map(s -> s.method() + "/" + s.name()).distinct().count(), "seed names are unique");
    }
}
