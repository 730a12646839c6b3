package io.wgsim.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.wgsim.crypto.ChaChaPoly;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.testing.Vectors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reproduces the captured WireGuard sessions of Wireshark's test captures byte for byte: with keys,
 * ephemerals, sender indices and timestamps injected, two devices exchange exactly the 4 handshakes
 * and 18 transport messages recorded in wireguard-ping-tcp+psk.derived-vectors.json, and each side
 * consumes the other's captured messages.
 */
class DeviceVectorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static JsonNode vectors;

    @BeforeAll
    static void load() {
        vectors = Vectors.json("wireguard-ping-tcp+psk.derived-vectors.json");
    }

    private static byte[] key(String name) {
        return Base64.getDecoder().decode(vectors.get("keys_base64").get(name).asText());
    }

    private static PresharedKey psk(String name) {
        return name.equals("all-zero") ? PresharedKey.NONE : PresharedKey.of(key(name));
    }

    private static int index(JsonNode hs, String field) {
        return Integer.parseUnsignedInt(hs.get(field).asText().substring(2), 16);
    }

    private static byte[] hex(JsonNode node) {
        return HEX.parseHex(node.asText());
    }

    /** Two devices wired for one handshake of the vectors, with its randomness and timestamp scripted. */
    private record Pair(DeviceHarness initiator, DeviceHarness responder) {}

    private static Pair pairFor(JsonNode hs, long at) {
        byte[] tai = hex(hs.get("tai64n_hex"));
        ScriptedEntropy ie = new ScriptedEntropy(1)
                .queueBytes(key(hs.get("initiator_ephemeral_private").asText()))
                .queueInt(index(hs, "initiator_sender_index"));
        ScriptedEntropy re = new ScriptedEntropy(2)
                .queueBytes(key(hs.get("responder_ephemeral_private").asText()))
                .queueInt(index(hs, "responder_sender_index"));
        PrivateKey iKey = PrivateKey.of(key(hs.get("initiator_static_private").asText()));
        PrivateKey rKey = PrivateKey.of(key(hs.get("responder_static_private").asText()));
        DeviceHarness i = new DeviceHarness(DeviceSettings.of(iKey).withTimestamps(new MutableTimestamp(tai)), ie,
                DeviceHarness.endpoint("10.0.0.2", 51820));
        DeviceHarness r = new DeviceHarness(DeviceSettings.of(rKey), re, DeviceHarness.endpoint("10.0.0.1", 51820));
        PresharedKey psk = psk(hs.get("psk").asText());
        List<Cidr> everything = List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0"));
        i.device.addPeer(at, new PeerSettings(rKey.publicKey(), psk, everything, r.address, Duration.ZERO));
        r.device.addPeer(at, new PeerSettings(iKey.publicKey(), psk, everything, null, Duration.ZERO));
        return new Pair(i, r);
    }

    @Test
    void publicKeysMatchTheCapture() {
        assertEquals(vectors.get("public_keys_base64").get("Spub_i").asText(),
                PrivateKey.of(key("Spriv_i")).publicKey().toBase64());
        assertEquals(vectors.get("public_keys_base64").get("Spub_r").asText(),
                PrivateKey.of(key("Spriv_r")).publicKey().toBase64());
    }

    @Test
    void noiseConstantsMatch() {
        assertEquals(vectors.get("constants").get("C0=HASH(CONSTRUCTION)").asText(), HEX.formatHex(Handshake.INITIAL_CHAINING_KEY));
        assertEquals(vectors.get("constants").get("H0=HASH(C0||IDENTIFIER)").asText(), HEX.formatHex(Handshake.INITIAL_HASH));
    }

    /** Every handshake: initiation and response bytes, then each side's first transport key checked. */
    @Test
    void allFourHandshakesAreReproducedByteForByte() {
        JsonNode handshakes = vectors.get("handshakes");
        assertEquals(4, handshakes.size(), "vector file should hold 4 handshakes");
        for (JsonNode hs : handshakes) {
            String label = hs.get("capture").asText() + " frame " + hs.get("initiation_frame").asInt();
            Pair p = pairFor(hs, 0);
            p.initiator.device.initiateHandshake(0, p.responder.publicKey());
            byte[] initiation = p.initiator.takeSentBytes();
            assertEquals(hs.get("initiation_hex").asText(), HEX.formatHex(initiation), "initiation of " + label);

            p.responder.device.receiveDatagram(1, p.initiator.address, initiation);
            byte[] response = p.responder.takeSentBytes();
            assertEquals(hs.get("response_hex").asText(), HEX.formatHex(response), "response of " + label);

            p.initiator.device.receiveDatagram(2, p.responder.address, response);
            // The initiator confirms the session with a keepalive sealed under its transport send key.
            byte[] keepalive = p.initiator.takeSentBytes();
            byte[] expected = transport(index(hs, "responder_sender_index"), 0,
                    hex(hs.get("transport_key_initiator_send_hex")), new byte[0]);
            assertArrayEquals(expected, keepalive, "initiator's first keepalive of " + label);
            p.responder.device.receiveDatagram(3, p.initiator.address, keepalive);

            // And the responder's send key answers with the captured responder transport key.
            p.responder.device.sendKeepalive(4, p.initiator.publicKey());
            byte[] back = transport(index(hs, "initiator_sender_index"), 0,
                    hex(hs.get("transport_key_responder_send_hex")), new byte[0]);
            assertArrayEquals(back, p.responder.takeSentBytes(), "responder's keepalive of " + label);
            p.initiator.device.receiveDatagram(5, p.responder.address, back);

            p.initiator.assertNoDrops();
            p.responder.assertNoDrops();
            p.initiator.assertNoMoreOutputs();
            p.responder.assertNoMoreOutputs();
        }
    }

    /** transport message = header || ChaCha20-Poly1305(key, counter, plaintext), computed independently. */
    private static byte[] transport(int receiver, long counter, byte[] key, byte[] plaintext) {
        byte[] sealed = ChaChaPoly.seal(key, counter, plaintext, null);
        byte[] out = new byte[16 + sealed.length];
        out[0] = 4;
        for (int b = 0; b < 4; b++) {
            out[4 + b] = (byte) (receiver >>> (8 * b));
        }
        for (int b = 0; b < 8; b++) {
            out[8 + b] = (byte) (counter >>> (8 * b));
        }
        System.arraycopy(sealed, 0, out, 16, sealed.length);
        return out;
    }

    /**
     * Replays wireguard-ping-tcp.pcap in frame order: the devices' own packets must come out as the
     * captured frames (both handshakes, all 18 transport messages including the rekey overlap at frames
     * 13-16), and each captured message is delivered to the other side as the inner packet it carried.
     */
    @Test
    void pingTcpCaptureIsReproducedFrameByFrame() {
        JsonNode hs0 = vectors.get("handshakes").get(0);
        JsonNode hs1 = vectors.get("handshakes").get(1);
        List<JsonNode> transports = new ArrayList<>();
        vectors.get("transport").forEach(transports::add);
        assertEquals(18, transports.size(), "vector file should hold 18 transport messages");

        Pair p = pairFor(hs0, 0);
        DeviceHarness i = p.initiator;
        DeviceHarness r = p.responder;
        PublicKey iKey = i.publicKey();
        PublicKey rKey = r.publicKey();
        long now = 0;

        // Frame 1: the first ping is staged and triggers the initiation.
        i.device.sendPacket(now, trimmed(transports.get(0)));
        byte[] init0 = i.takeSentBytes();
        assertEquals(hs0.get("initiation_hex").asText(), HEX.formatHex(init0));
        r.device.receiveDatagram(now, i.address, init0);
        byte[] resp0 = r.takeSentBytes();
        assertEquals(hs0.get("response_hex").asText(), HEX.formatHex(resp0));
        i.device.receiveDatagram(now, r.address, resp0);
        int reproduced = 0;

        for (JsonNode t : transports) {
            int frame = t.get("frame").asInt();
            now += Duration.ofMillis(100).toNanos();
            boolean fromInitiator = t.get("direction").asText().equals("i->r");
            DeviceHarness src = fromInitiator ? i : r;
            DeviceHarness dst = fromInitiator ? r : i;
            PublicKey dstKey = fromInitiator ? rKey : iKey;
            if (frame == 15) {
                // Frames 13-14: the second handshake. The initiator sends frame 15 on the old session
                // while the response is still in flight, then confirms the new one with frame 16.
                now += Duration.ofSeconds(30).toNanos();
                ((ScriptedEntropy) entropyOf(i)).queueBytes(key(hs1.get("initiator_ephemeral_private").asText()))
                        .queueInt(index(hs1, "initiator_sender_index"));
                ((ScriptedEntropy) entropyOf(r)).queueBytes(key(hs1.get("responder_ephemeral_private").asText()))
                        .queueInt(index(hs1, "responder_sender_index"));
                timestampOf(i)[0] = hex(hs1.get("tai64n_hex"));
                i.device.initiateHandshake(now, rKey);
                byte[] init1 = i.takeSentBytes();
                assertEquals(hs1.get("initiation_hex").asText(), HEX.formatHex(init1), "frame 13");
                r.device.receiveDatagram(now, i.address, init1);
                byte[] resp1 = r.takeSentBytes();
                assertEquals(hs1.get("response_hex").asText(), HEX.formatHex(resp1), "frame 14");
                i.device.sendPacket(now, trimmed(t));
                assertEquals(t.get("message_hex").asText(), HEX.formatHex(i.takeSentBytes()), "frame 15");
                i.device.receiveDatagram(now, r.address, resp1);
                r.device.receiveDatagram(now, i.address, hex(t.get("message_hex")));
                assertArrayEquals(trimmed(t), r.takeDelivered().packet(), "frame 15 delivered");
                reproduced++;
                continue;
            }
            byte[] out;
            if (frame == 3) {
                out = i.takeSentBytes(); // sent when the response arrived, carrying the staged ping
            } else if (frame == 16) {
                out = i.takeSentBytes(); // the keepalive that confirms the second session
            } else if (t.get("plaintext_padded_hex").asText().isEmpty()) {
                src.device.sendKeepalive(now, dstKey);
                out = src.takeSentBytes();
            } else {
                src.device.sendPacket(now, trimmed(t));
                out = src.takeSentBytes();
            }
            assertEquals(t.get("message_hex").asText(), HEX.formatHex(out), "frame " + frame);
            reproduced++;
            dst.device.receiveDatagram(now, src.address, hex(t.get("message_hex")));
            if (!t.get("plaintext_padded_hex").asText().isEmpty()) {
                assertArrayEquals(trimmed(t), dst.takeDelivered().packet(), "frame " + frame + " delivered");
            }
        }
        assertEquals(18, reproduced);
        i.assertNoDrops();
        r.assertNoDrops();
        i.assertNoMoreOutputs();
        r.assertNoMoreOutputs();
        assertEquals(2, i.eventsOf(DeviceEvent.SessionStarted.class).size());
        assertEquals(2, r.eventsOf(DeviceEvent.SessionStarted.class).size());
    }

    private static byte[] trimmed(JsonNode t) {
        byte[] padded = hex(t.get("plaintext_padded_hex"));
        if (padded.length == 0) {
            return padded;
        }
        int total = (padded[2] & 0xff) << 8 | (padded[3] & 0xff); // IPv4 total length
        return java.util.Arrays.copyOf(padded, total);
    }

    private static io.wgsim.crypto.Entropy entropyOf(DeviceHarness h) {
        return h.device.entropy;
    }

    private static byte[][] timestampOf(DeviceHarness h) {
        return ((MutableTimestamp) h.device.timestamps).value;
    }

    /** A timestamp source whose value the test can change between handshakes. */
    static final class MutableTimestamp implements TimestampSource {
        final byte[][] value;

        MutableTimestamp(byte[] initial) {
            this.value = new byte[][] {initial};
        }

        @Override public byte[] tai64n(long now) {
            return value[0];
        }
    }
}
