package io.wgsim.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.wgsim.crypto.DataCipher;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.InnerPacket;
import io.wgsim.protocol.replay.ReplayWindow;
import io.wgsim.protocol.wire.CookieReply;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Message;
import io.wgsim.protocol.wire.MessageCodec;
import io.wgsim.protocol.wire.Protocol;
import io.wgsim.protocol.wire.Response;
import io.wgsim.protocol.wire.TransportData;
import io.wgsim.testing.PcapUdp;
import io.wgsim.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Real captures read from their pcap files (through pcap4j) and taken apart by the core's codec:
 * <ul>
 *   <li>Lekensteyn's 8-trace: every transport message decrypts with the per-receiver keys of its
 *       Lua-format key file, and each plaintext is an IP packet padded the way WireGuard pads;</li>
 *   <li>Wireshark's wireguard-ping-tcp and wireguard-psk: devices keyed from the derived vectors
 *       accept the captured handshake messages in both roles, and then the captured transport
 *       messages of their session.</li>
 * </ul>
 */
class CaptureDecryptionTest {
    private static final HexFormat HEX = HexFormat.of();
    /** The trace was made with a 1420-byte tunnel MTU: 936 of its packets are exactly that long. */
    private static final int TRACE_MTU = 1420;

    // ---- Lekensteyn 8-trace ----

    /**
     * The "&lt;receiver index&gt; &lt;base64 transport key&gt;" lines of the old Lua dissector's key format.
     * STAT, TIME and EMPT lines hold handshake intermediates that the transport keys make unnecessary.
     */
    private static Map<Integer, byte[]> luaKeys(String name) throws IOException {
        Map<Integer, byte[]> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Vectors.file(name))) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 0 || f[0].isEmpty() || f[0].equals("STAT") || f[0].equals("TIME") || f[0].equals("EMPT")) {
                continue;
            }
            if (f.length != 2 || !f[0].startsWith("0x")) {
                fail(name + ": unexpected line '" + line + "'");
            }
            byte[] key = Base64.getDecoder().decode(f[1]);
            assertEquals(32, key.length, line);
            assertEquals(null, keys.put(Integer.parseUnsignedInt(f[0].substring(2), 16), key), "duplicate " + line);
        }
        return keys;
    }

    private static Message decode(PcapUdp.Datagram d) {
        MessageCodec.Decoded decoded = MessageCodec.decode(d.payload());
        return assertInstanceOf(MessageCodec.Decoded.Ok.class, decoded, () -> "frame " + d.frame() + ": " + decoded)
                .message();
    }

    @Test
    void lekensteynTraceDecryptsEveryTransportMessage() throws IOException {
        PcapUdp.Capture capture = PcapUdp.vector("lekensteyn-8-trace.pcap");
        Map<Integer, byte[]> keys = luaKeys("lekensteyn-8-trace.lua-format.keys");
        assertEquals(DataLinkType.EN10MB, capture.linkType());
        assertEquals(1222, capture.frames(), "frames read");
        assertEquals(1222, capture.datagrams().size(), "every frame is a UDP datagram");
        assertEquals(10, keys.size(), "transport keys: one per direction of five handshakes");

        Map<Integer, DataCipher> ciphers = new HashMap<>();
        Map<Integer, ReplayWindow> seen = new HashMap<>();
        Map<Integer, Integer> announced = new HashMap<>(); // sender index -> frame of its handshake message
        int initiations = 0;
        int responses = 0;
        int transports = 0;
        int keepalives = 0;
        int mtuSized = 0;
        for (PcapUdp.Datagram d : capture.datagrams()) {
            String where = "frame " + d.frame();
            Message m = decode(d);
            if (m instanceof Initiation init) {
                initiations++;
                announced.put(init.sender(), d.frame());
                continue;
            }
            if (m instanceof Response resp) {
                responses++;
                assertTrue(announced.containsKey(resp.receiver()), where + " answers an initiation seen earlier");
                announced.put(resp.sender(), d.frame());
                continue;
            }
            if (m instanceof CookieReply) {
                fail(where + ": the trace has no cookie replies");
            }
            TransportData t = (TransportData) m;
            transports++;
            int receiver = t.receiver();
            assertTrue(announced.containsKey(receiver), where + ": receiver index announced by an earlier handshake");
            byte[] key = keys.get(receiver);
            assertNotNull(key, where + ": a key for receiver " + Integer.toHexString(receiver));
            assertTrue(seen.computeIfAbsent(receiver, r -> new ReplayWindow()).markSeen(t.counter()),
                    where + ": counter " + t.counter() + " is new for its receiver");

            byte[] plaintext = new byte[t.sealedLength() - Protocol.TAG_LENGTH];
            try {
                ciphers.computeIfAbsent(receiver, r -> new DataCipher(key))
                        .open(t.counter(), t.bytes(), TransportData.PAYLOAD_OFFSET, t.sealedLength(), plaintext, 0);
            } catch (AEADBadTagException e) {
                fail(where + " (receiver " + Integer.toHexString(receiver) + ", counter " + t.counter() + ") does not decrypt");
            }
            if (plaintext.length == 0) {
                keepalives++;
                continue;
            }
            InnerPacket p = InnerPacket.parse(plaintext);
            assertNotNull(p, where + ": the plaintext is an IP packet");
            for (int i = p.length(); i < plaintext.length; i++) {
                assertEquals(0, plaintext[i], where + ": padding byte " + i + " is zero");
            }
            assertTrue(plaintext.length - p.length() < Protocol.PADDING_MULTIPLE, where + ": less than one block of padding");
            if (plaintext.length == TRACE_MTU) {
                mtuSized++;
            } else {
                assertEquals(0, plaintext.length % Protocol.PADDING_MULTIPLE,
                        where + ": padded to a multiple of 16 (" + p.length() + " -> " + plaintext.length + ")");
            }
        }
        assertEquals(5, initiations, "initiations");
        assertEquals(5, responses, "responses");
        assertEquals(1212, transports, "transport messages, all of which decrypted");
        assertEquals(10, keepalives, "keepalives among them");
        assertEquals(936, mtuSized, "packets of exactly the MTU, which padding never passes");
        assertEquals(1222, initiations + responses + transports);
        assertEquals(keys.keySet(), announced.keySet(), "the key file has a key for exactly the announced indices");
    }

    @Test
    void theRawIpCopyOfACaptureHoldsTheSameDatagramsAsItsEthernetOriginal() {
        PcapUdp.Capture ethernet = PcapUdp.vector("wireguard-ping-tcp.pcap");
        PcapUdp.Capture raw = PcapUdp.vector("wireguard-ping-tcp.linktype-raw101.derived.pcap");
        assertEquals(DataLinkType.EN10MB, ethernet.linkType());
        assertEquals(DataLinkType.RAW, raw.linkType(), "libpcap reports LINKTYPE_RAW (101) as DLT_RAW");
        assertEquals(22, ethernet.frames());
        assertEquals(22, raw.frames());
        assertEquals(22, raw.datagrams().size());
        for (int i = 0; i < 22; i++) {
            PcapUdp.Datagram e = ethernet.datagrams().get(i);
            PcapUdp.Datagram r = raw.datagrams().get(i);
            assertEquals(e.frame(), r.frame());
            assertEquals(e.epochNanos(), r.epochNanos());
            assertEquals(e.source(), r.source());
            assertEquals(e.destination(), r.destination());
            assertArrayEquals(e.payload(), r.payload(), "frame " + e.frame());
        }
    }

    // ---- Wireshark's ping-tcp and psk captures against devices ----

    private static JsonNode vectors() {
        return Vectors.json("wireguard-ping-tcp+psk.derived-vectors.json");
    }

    private static byte[] key(JsonNode root, String name) {
        return Base64.getDecoder().decode(root.get("keys_base64").get(name).asText());
    }

    private static int index(JsonNode hs, String field) {
        return Integer.parseUnsignedInt(hs.get(field).asText().substring(2), 16);
    }

    /** One handshake of the captures: its messages as read from the pcap, and its keys and scripted values. */
    private record CapturedHandshake(JsonNode root, JsonNode hs, PcapUdp.Capture capture,
                                     PcapUdp.Datagram initiation, PcapUdp.Datagram response) {

        static CapturedHandshake number(int i) {
            JsonNode root = vectors();
            JsonNode hs = root.get("handshakes").get(i);
            PcapUdp.Capture capture = PcapUdp.vector(hs.get("capture").asText());
            PcapUdp.Datagram init = capture.frame(hs.get("initiation_frame").asInt());
            PcapUdp.Datagram resp = capture.frame(hs.get("response_frame").asInt());
            // The derived vectors were made from these very frames.
            assertEquals(hs.get("initiation_hex").asText(), HEX.formatHex(init.payload()));
            assertEquals(hs.get("response_hex").asText(), HEX.formatHex(resp.payload()));
            return new CapturedHandshake(root, hs, capture, init, resp);
        }

        String label() {
            return hs.get("capture").asText() + " frames " + initiation.frame() + "-" + response.frame();
        }

        PrivateKey initiatorKey() {
            return PrivateKey.of(key(root, hs.get("initiator_static_private").asText()));
        }

        PrivateKey responderKey() {
            return PrivateKey.of(key(root, hs.get("responder_static_private").asText()));
        }

        PresharedKey psk() {
            String name = hs.get("psk").asText();
            return name.equals("all-zero") ? PresharedKey.NONE : PresharedKey.of(key(root, name));
        }

        int initiatorIndex() {
            return index(hs, "initiator_sender_index");
        }

        int responderIndex() {
            return index(hs, "responder_sender_index");
        }

        /** Driver time of a datagram: nanoseconds since the capture's first frame. */
        long at(PcapUdp.Datagram d) {
            return d.epochNanos() - capture.datagrams().get(0).epochNanos();
        }

        /** The initiator: its ephemeral, sender index and timestamp scripted to those of the capture. */
        DeviceHarness initiator() {
            byte[] tai = HEX.parseHex(hs.get("tai64n_hex").asText());
            ScriptedEntropy entropy = new ScriptedEntropy(1)
                    .queueBytes(key(root, hs.get("initiator_ephemeral_private").asText()))
                    .queueInt(initiatorIndex());
            DeviceHarness h = new DeviceHarness(DeviceSettings.of(initiatorKey()).withTimestamps(now -> tai.clone()),
                    entropy, initiation.source());
            h.device.addPeer(0, new PeerSettings(responderKey().publicKey(), psk(), everything(),
                    initiation.destination(), Duration.ZERO));
            return h;
        }

        /** A responder; with {@code scripted}, its ephemeral and sender index are the capture's. */
        DeviceHarness responder(boolean scripted) {
            ScriptedEntropy entropy = new ScriptedEntropy(2);
            if (scripted) {
                entropy.queueBytes(key(root, hs.get("responder_ephemeral_private").asText())).queueInt(responderIndex());
            }
            DeviceHarness h = new DeviceHarness(DeviceSettings.of(responderKey()), entropy, response.source());
            h.device.addPeer(0, new PeerSettings(initiatorKey().publicKey(), psk(), everything(), null, Duration.ZERO));
            return h;
        }

        private static List<Cidr> everything() {
            return List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0"));
        }
    }

    @ParameterizedTest(name = "handshake {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void aResponderAcceptsTheCapturedInitiationAndItsResponseCompletesTheHandshake(int n) {
        CapturedHandshake c = CapturedHandshake.number(n);
        DeviceHarness responder = c.responder(false);
        long at = c.at(c.initiation);
        responder.device.receiveDatagram(at, c.initiation.source(), c.initiation.payload());
        responder.assertNoDrops();

        DeviceHarness.Sent sent = responder.takeSent();
        assertEquals(c.initiation.source(), sent.to(), c.label() + ": the response goes back where the initiation came from");
        Response response = assertInstanceOf(Response.class,
                ((MessageCodec.Decoded.Ok) MessageCodec.decode(sent.datagram())).message());
        assertEquals(c.initiatorIndex(), response.receiver(), c.label() + ": the response names the captured sender index");
        DeviceEvent.HandshakeResponded responded = responder.eventsOf(DeviceEvent.HandshakeResponded.class).get(0);
        assertEquals(c.initiatorIndex(), responded.receiverIndex());
        assertEquals(response.sender(), responded.senderIndex());
        responder.assertNoMoreOutputs();

        // The fresh response is right for the captured initiation: the initiator that sent it accepts it.
        DeviceHarness initiator = c.initiator();
        initiator.device.initiateHandshake(at, c.responderKey().publicKey());
        assertArrayEquals(c.initiation.payload(), initiator.takeSentBytes(), c.label());
        initiator.device.receiveDatagram(at, c.response.source(), sent.datagram());
        initiator.assertNoDrops();
        assertEquals(1, initiator.eventsOf(DeviceEvent.SessionStarted.class).size(), c.label());
        // Its confirming keepalive opens the responder's session.
        initiator.flushTo(responder, at);
        responder.assertNoDrops();
        assertEquals(1, responder.eventsOf(DeviceEvent.SessionStarted.class).size(), c.label());
    }

    @ParameterizedTest(name = "handshake {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void aScriptedResponderAnswersTheCapturedInitiationWithTheCapturedResponse(int n) {
        CapturedHandshake c = CapturedHandshake.number(n);
        DeviceHarness responder = c.responder(true);
        responder.device.receiveDatagram(c.at(c.initiation), c.initiation.source(), c.initiation.payload());
        responder.assertNoDrops();
        assertArrayEquals(c.response.payload(), responder.takeSentBytes(), c.label());
        responder.assertNoMoreOutputs();
    }

    @ParameterizedTest(name = "handshake {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void anInitiatorAcceptsTheCapturedResponseToItsInitiation(int n) {
        CapturedHandshake c = CapturedHandshake.number(n);
        DeviceHarness initiator = c.initiator();
        initiator.device.initiateHandshake(c.at(c.initiation), c.responderKey().publicKey());
        DeviceHarness.Sent init = initiator.takeSent();
        assertEquals(c.initiation.destination(), init.to());
        assertArrayEquals(c.initiation.payload(), init.datagram(), c.label() + ": the scripted initiation is the captured one");

        initiator.device.receiveDatagram(c.at(c.response), c.response.source(), c.response.payload());
        initiator.assertNoDrops();
        List<DeviceEvent.SessionStarted> started = initiator.eventsOf(DeviceEvent.SessionStarted.class);
        assertEquals(1, started.size(), c.label());
        assertEquals(c.initiatorIndex(), started.get(0).localIndex());
        assertEquals(c.responderIndex(), started.get(0).remoteIndex());
        assertTrue(started.get(0).initiator());
        TransportData keepalive = assertInstanceOf(TransportData.class,
                ((MessageCodec.Decoded.Ok) MessageCodec.decode(initiator.takeSentBytes())).message());
        assertTrue(keepalive.isKeepalive());
        assertEquals(c.responderIndex(), keepalive.receiver());
        initiator.assertNoMoreOutputs();
    }

    /**
     * After both captured handshakes of wireguard-ping-tcp.pcap, each side's device takes every captured
     * transport message addressed to it (by receiver index), in capture order and at capture time: all
     * are authenticated, the keepalives deliver nothing and every other one delivers its packet.
     */
    @Test
    void devicesKeyedByTheCapturedHandshakesAcceptEveryCapturedTransportMessage() {
        int delivered = 0;
        int accepted = 0;
        for (int n : new int[] {0, 1}) {
            CapturedHandshake c = CapturedHandshake.number(n);
            DeviceHarness initiator = c.initiator();
            DeviceHarness responder = c.responder(true);
            initiator.device.initiateHandshake(c.at(c.initiation), c.responderKey().publicKey());
            responder.device.receiveDatagram(c.at(c.initiation), c.initiation.source(), c.initiation.payload());
            initiator.device.receiveDatagram(c.at(c.response), c.response.source(), c.response.payload());
            initiator.clearOutputs();
            responder.clearOutputs();

            for (PcapUdp.Datagram d : c.capture.datagrams()) {
                if (d.payload()[0] != 4) {
                    continue;
                }
                TransportData t = (TransportData) decode(d);
                DeviceHarness to = t.receiver() == c.initiatorIndex() ? initiator
                        : t.receiver() == c.responderIndex() ? responder : null;
                if (to == null) {
                    continue; // a message of the other session
                }
                int before = to.pendingDelivered();
                long rxBefore = to.device.peers.values().iterator().next().rxBytes;
                to.device.receiveDatagram(c.at(d), d.source(), d.payload());
                to.assertNoDrops();
                assertEquals(rxBefore + d.payload().length, to.device.peers.values().iterator().next().rxBytes,
                        "frame " + d.frame() + " is authenticated");
                assertEquals(before + (t.isKeepalive() ? 0 : 1), to.pendingDelivered(), "frame " + d.frame());
                accepted++;
                if (!t.isKeepalive()) {
                    InnerPacket p = InnerPacket.parse(to.takeDelivered().packet());
                    assertNotNull(p, "frame " + d.frame());
                    delivered++;
                }
            }
        }
        assertEquals(18, accepted, "every transport message of the capture");
        assertEquals(vectors().get("transport").size(), accepted);
        assertEquals(countNonEmpty(vectors().get("transport")), delivered);
    }

    private static int countNonEmpty(JsonNode transports) {
        int n = 0;
        for (JsonNode t : transports) {
            if (!t.get("plaintext_padded_hex").asText().isEmpty()) {
                n++;
            }
        }
        return n;
    }
}
