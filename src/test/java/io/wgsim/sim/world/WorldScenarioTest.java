package io.wgsim.sim.world;

import static io.wgsim.sim.world.TwoHostWorld.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.wire.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario-level checks of the simulator: WireGuard over lossy links, NAT rebinding, rekeying. */
class WorldScenarioTest {

    @Test
    void pingsFlowThroughTheTunnelOverAnIdealLink() {
        TwoHostWorld w = new TwoHostWorld(1, "delay 10ms", false, Duration.ZERO);
        PingApp ping = new PingApp(w.client, w.serverTunnelAddress(), 0, S, 56, 10, 1);
        w.sim.runUntil(20 * S);
        assertEquals(10, ping.sent());
        assertEquals(10, ping.received());
        assertEquals(1, w.events(w.clientEvents, DeviceEvent.SessionStarted.class).size());
    }

    /**
     * Under 30% random loss each way a handshake completes within the retry budget (REKEY_ATTEMPT_TIME)
     * for 200 seeds. A failure names the seed that reproduces it.
     */
    @Test
    void handshakeCompletesUnderThirtyPercentLossFor200Seeds() {
        List<Long> failed = new ArrayList<>();
        for (long seed = 1; seed <= 200; seed++) {
            TwoHostWorld w = new TwoHostWorld(seed, "delay 20ms loss 30%", false, Duration.ZERO);
            w.client.initiateHandshake(w.server.publicKey());
            w.sim.runUntil(Protocol.REKEY_ATTEMPT_TIME.toNanos());
            if (w.events(w.clientEvents, DeviceEvent.SessionStarted.class).isEmpty()) {
                failed.add(seed);
            }
        }
        assertEquals(List.of(), failed, "seeds whose handshake did not complete within 90 s at 30% loss "
                + "(reproduce with new TwoHostWorld(seed, \"delay 20ms loss 30%\", false, Duration.ZERO))");
    }

    @Test
    void aNatRebindingIsFollowedByAnEndpointChangeAtTheServer() {
        TwoHostWorld w = new TwoHostWorld(7, "delay 30ms", true, Duration.ofSeconds(25));
        w.sim.runUntil(30 * S);
        assertFalse(w.events(w.serverEvents, DeviceEvent.SessionStarted.class).isEmpty(), "session up behind the NAT");
        var before = w.server.device().peerStatus(w.client.publicKey()).endpoint();
        assertEquals(w.nat.publicAddress(), before.getAddress(), "the server sees the NAT's public address");
        w.world.rebind(w.nat, null);
        w.sim.runUntil(90 * S); // the next persistent keepalive leaves through a new mapping
        var after = w.server.device().peerStatus(w.client.publicKey()).endpoint();
        assertTrue(before.getPort() != after.getPort(), "new outer port after rebinding: " + before + " -> " + after);
        List<DeviceEvent.EndpointChanged> changes = w.events(w.serverEvents, DeviceEvent.EndpointChanged.class);
        assertEquals(after, changes.get(changes.size() - 1).to());
        // And traffic still flows both ways afterwards.
        PingApp ping = new PingApp(w.client, w.serverTunnelAddress(), w.sim.now(), S, 56, 5, 2);
        w.sim.runUntil(100 * S);
        assertEquals(5, ping.received());
    }

    @Test
    void theInitiatorRekeysAfter120SecondsOfSending() {
        TwoHostWorld w = new TwoHostWorld(3, "delay 10ms", false, Duration.ZERO);
        new PingApp(w.client, w.serverTunnelAddress(), 0, S, 56, 0, 1);
        w.sim.runUntil(400 * S);
        List<DeviceEvent.SessionStarted> sessions = w.events(w.clientEvents, DeviceEvent.SessionStarted.class);
        assertTrue(sessions.size() >= 3, "sessions: " + sessions.size());
        for (int i = 1; i < sessions.size(); i++) {
            long gap = sessions.get(i).at() - sessions.get(i - 1).at();
            // REKEY_AFTER_TIME after the previous session, on the next packet sent (pings every second).
            assertTrue(gap >= Protocol.REKEY_AFTER_TIME.toNanos() && gap < Protocol.REKEY_AFTER_TIME.toNanos() + 2 * S,
                    "rekey gap " + gap / 1e9 + " s");
        }
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentRun() {
        assertEquals(trace(5), trace(5));
        assertFalse(trace(5).equals(trace(6)));
    }

    private static List<String> trace(long seed) {
        TwoHostWorld w = new TwoHostWorld(seed, "delay 30ms 10ms distribution normal loss 10%", false, Duration.ofSeconds(25));
        new PingApp(w.client, w.serverTunnelAddress(), S, S, 56, 0, 1);
        w.sim.runUntil(60 * S);
        List<String> out = new ArrayList<>();
        w.clientEvents.forEach(e -> out.add(e.toString()));
        w.serverEvents.forEach(e -> out.add(e.toString()));
        return out;
    }
}
