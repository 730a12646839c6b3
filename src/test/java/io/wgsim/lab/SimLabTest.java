package io.wgsim.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.crypto.PresharedKey;
import io.wgsim.net.Cidr;
import io.wgsim.protocol.wire.MessageType;
import io.wgsim.testing.Tshark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SimLab's own promises: runs repeat from the seed, captures decrypt with no settings, clear refusals. */
class SimLabTest {
    @TempDir Path dir;

    private static SimLab pingingLab(long seed, Path capture) {
        SimLab lab = new SimLab(seed, capture);
        lab.addNetwork("internet", Cidr.parse("198.18.0.0/24"));
        lab.addPeer("alice", PeerRole.WGSIM, "internet", List.of(Cidr.parse("10.0.0.1/24")), 51820);
        lab.addPeer("bob", PeerRole.UNDER_TEST, "internet", List.of(Cidr.parse("10.0.0.2/24")), 51820);
        lab.configure("alice", new PeerEntry("bob", lab.publicKey("bob"), PresharedKey.NONE, List.of(Cidr.parse("10.0.0.2/32")), true, null));
        lab.configure("bob", new PeerEntry("alice", lab.publicKey("alice"), PresharedKey.NONE, List.of(Cidr.parse("10.0.0.1/32")), true, null));
        lab.impair("alice", io.wgsim.sim.link.NetemSyntax.parse("delay 20ms 10ms loss 10%"),
                io.wgsim.sim.link.NetemSyntax.parse("delay 20ms 10ms"));
        lab.ping("alice", "bob", null, 20, Duration.ofMillis(200), 56);
        lab.advance(Duration.ofSeconds(20));
        lab.close();
        return lab;
    }

    @Test
    void theSameSeedWritesTheSameCaptureByteForByte() throws IOException {
        pingingLab(7, dir.resolve("a.pcapng"));
        pingingLab(7, dir.resolve("b.pcapng"));
        pingingLab(8, dir.resolve("c.pcapng"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.pcapng")), Files.readAllBytes(dir.resolve("b.pcapng")));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a.pcapng")), Files.readAllBytes(dir.resolve("c.pcapng"))));
    }

    @Test
    void theWireListsWhatTheCaptureHolds() {
        SimLab lab = pingingLab(3, dir.resolve("w.pcapng"));
        List<WireMessage> wire = lab.wire();
        assertEquals(MessageType.INITIATION, wire.get(0).type());
        assertEquals("alice", wire.get(0).from());
        assertEquals("bob", wire.get(0).to());
        assertTrue(wire.stream().anyMatch(WireMessage::isData));
    }

    @Test
    void theCaptureDecryptsWithNoSettings() {
        Path capture = dir.resolve("t.pcapng");
        pingingLab(5, capture);
        Tshark.require();
        List<Tshark.WgMessage> messages = Tshark.wireGuard(capture, List.of());
        assertFalse(messages.isEmpty());
        assertTrue(messages.stream().filter(m -> m.type() == 4 && !m.keepalive()).allMatch(Tshark.WgMessage::decryptedToIp),
                "every data message decrypts to IP: " + messages);
        // Wireshark marks wg.handshake_ok on responses (it confirms the whole handshake there).
        assertTrue(messages.stream().filter(m -> m.type() == 2).allMatch(Tshark.WgMessage::handshakeOk),
                "every handshake response verifies: " + messages);
    }

    @Test
    void theCaptureIsOwnerOnly() throws IOException {
        Path capture = dir.resolve("m.pcapng");
        pingingLab(5, capture);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(capture)));
    }

    @Test
    void unknownNamesAndNattedEndpointsAreRefusedByName() {
        try (SimLab lab = new SimLab(1, null)) {
            lab.addNetwork("internet", Cidr.parse("198.18.0.0/24"));
            lab.addNattedNetwork("home", Cidr.parse("192.168.1.0/24"), Duration.ofSeconds(30));
            lab.addPeer("alice", PeerRole.WGSIM, "home", List.of(Cidr.parse("10.0.0.1/24")), 51820);
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> lab.restart("zed"));
            assertTrue(unknown.getMessage().contains("zed"), unknown.getMessage());
            IllegalStateException natted = assertThrows(IllegalStateException.class, () -> lab.reachableAddress("alice"));
            assertTrue(natted.getMessage().contains("behind a NAT"), natted.getMessage());
            IllegalStateException noSession = assertThrows(IllegalStateException.class, () -> {
                lab.addPeer("bob", PeerRole.UNDER_TEST, "internet", List.of(Cidr.parse("10.0.0.2/24")), 51820);
                lab.configure("bob", new PeerEntry("alice", lab.publicKey("alice"), PresharedKey.NONE, List.of(), false, null));
                lab.setSendCounter("bob", "alice", 5);
            });
            assertTrue(noSession.getMessage().contains("no session"), noSession.getMessage());
        }
    }
}
