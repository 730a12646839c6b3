package io.wgsim.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wgsim.crypto.X25519;
import io.wgsim.testing.Vectors;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Strict decoding (whitepaper 5.4): a datagram is a message only at its type's exact size (transport:
 * at least 32 bytes), with a known type and zero reserved bytes; every refusal has its drop reason.
 * Field accessors are checked against the captured messages of Wireshark's wireguard-ping-tcp.pcap.
 */
class MessageCodecTest {

    /** A datagram of the given type and length: type byte set, everything else zero. */
    private static byte[] blank(MessageType type, int length) {
        byte[] b = new byte[length];
        if (length > 0) {
            b[0] = (byte) type.wireValue();
        }
        return b;
    }

    private static Message decoded(byte[] datagram) {
        MessageCodec.Decoded d = MessageCodec.decode(datagram);
        MessageCodec.Decoded.Ok ok = assertInstanceOf(MessageCodec.Decoded.Ok.class, d,
                () -> "expected a message from " + datagram.length + " bytes, got " + d);
        assertEquals(null, MessageCodec.refusal(datagram, datagram.length), "refusal() must agree with decode()");
        return ok.message();
    }

    private static DropReason refused(byte[] datagram) {
        return refused(datagram, datagram == null ? 0 : datagram.length);
    }

    private static DropReason refused(byte[] datagram, int length) {
        MessageCodec.Decoded d = MessageCodec.decode(datagram, length);
        DropReason reason = assertInstanceOf(MessageCodec.Malformed.class, d, () -> "expected a refusal, got " + d).reason();
        assertEquals(reason, MessageCodec.refusal(datagram, length), "refusal() must agree with decode()");
        return reason;
    }

    private static Class<? extends Message> recordOf(MessageType type) {
        return switch (type) {
            case INITIATION -> Initiation.class;
            case RESPONSE -> Response.class;
            case COOKIE_REPLY -> CookieReply.class;
            case TRANSPORT -> TransportData.class;
        };
    }

    // ---- sizes ----

    @Test
    void sizesFollowTheWhitepaperLayouts() {
        assertEquals(148, Protocol.INITIATION_SIZE);
        assertEquals(92, Protocol.RESPONSE_SIZE);
        assertEquals(64, Protocol.COOKIE_REPLY_SIZE);
        assertEquals(32, Protocol.TRANSPORT_MIN_SIZE);
        assertEquals(Protocol.INITIATION_SIZE, MessageType.INITIATION.size());
        assertEquals(Protocol.RESPONSE_SIZE, MessageType.RESPONSE.size());
        assertEquals(Protocol.COOKIE_REPLY_SIZE, MessageType.COOKIE_REPLY.size());
        assertEquals(Protocol.TRANSPORT_MIN_SIZE, MessageType.TRANSPORT.size());
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void eachTypeDecodesAtItsExactSize(MessageType type) {
        Message m = decoded(blank(type, type.size()));
        assertInstanceOf(recordOf(type), m);
        assertEquals(type, m.type());
        assertEquals(type.size(), m.length());
    }

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = {"INITIATION", "RESPONSE", "COOKIE_REPLY"})
    void handshakeMessagesOneByteShortOrLongAreWrongSize(MessageType type) {
        assertEquals(DropReason.WRONG_SIZE, refused(blank(type, type.size() - 1)));
        assertEquals(DropReason.WRONG_SIZE, refused(blank(type, type.size() + 1)));
    }

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = {"INITIATION", "RESPONSE", "COOKIE_REPLY"})
    void handshakeMessagesOfAnyOtherSizeAreWrongSize(MessageType type) {
        for (int length = 4; length <= 200; length++) {
            if (length != type.size()) {
                assertEquals(DropReason.WRONG_SIZE, refused(blank(type, length)), type + " of " + length + " bytes");
            }
        }
    }

    @Test
    void transportUnder32BytesIsWrongSize() {
        for (int length = 4; length < Protocol.TRANSPORT_MIN_SIZE; length++) {
            assertEquals(DropReason.WRONG_SIZE, refused(blank(MessageType.TRANSPORT, length)), length + " bytes");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 33, 47, 48, 100, 1452, 65507, 70_000})
    void transportOfAnySizeFrom32IsAccepted(int length) {
        TransportData t = assertInstanceOf(TransportData.class, decoded(blank(MessageType.TRANSPORT, length)));
        assertEquals(length, t.length());
        assertEquals(length - TransportData.PAYLOAD_OFFSET, t.sealedLength());
        assertEquals(length == 32, t.isKeepalive());
    }

    // ---- type ----

    @Test
    void fewerThanFourBytesIsUnknownTypeWhateverTheFirstByte() {
        assertEquals(DropReason.UNKNOWN_TYPE, refused(new byte[0]));
        assertEquals(DropReason.UNKNOWN_TYPE, refused(null));
        for (MessageType type : MessageType.values()) {
            for (int length = 1; length < 4; length++) {
                assertEquals(DropReason.UNKNOWN_TYPE, refused(blank(type, length)), type + " of " + length + " bytes");
            }
        }
    }

    @Test
    void everyUnknownTypeByteIsUnknownTypeAtEverySize() {
        for (int value = 0; value < 256; value++) {
            if (value >= 1 && value <= 4) {
                continue;
            }
            for (int length : new int[] {4, 32, 64, 92, 148, 200}) {
                byte[] b = new byte[length];
                b[0] = (byte) value;
                assertEquals(DropReason.UNKNOWN_TYPE, refused(b), "type " + value + ", " + length + " bytes");
            }
        }
    }

    @Test
    void typeValuesMapBothWays() {
        for (MessageType type : MessageType.values()) {
            assertEquals(type, MessageType.fromWire(type.wireValue()));
        }
        assertEquals(1, MessageType.INITIATION.wireValue());
        assertEquals(2, MessageType.RESPONSE.wireValue());
        assertEquals(3, MessageType.COOKIE_REPLY.wireValue());
        assertEquals(4, MessageType.TRANSPORT.wireValue());
        assertEquals(null, MessageType.fromWire(0));
        assertEquals(null, MessageType.fromWire(5));
        assertEquals(null, MessageType.fromWire(0x101));
    }

    // ---- reserved bytes ----

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void anyNonzeroReservedByteIsRefused(MessageType type) {
        for (int at = 1; at <= 3; at++) {
            for (int value : new int[] {0x01, 0x80, 0xff}) {
                byte[] b = blank(type, type.size());
                b[at] = (byte) value;
                assertEquals(DropReason.RESERVED_NONZERO, refused(b), type + " reserved byte " + at + " = " + value);
            }
        }
    }

    @Test
    void checksRunInOrderTypeThenSizeThenReserved() {
        byte[] unknownWrongSizeReserved = {9, 1, 1, 1, 0};
        assertEquals(DropReason.UNKNOWN_TYPE, refused(unknownWrongSizeReserved));
        byte[] wrongSizeAndReserved = blank(MessageType.INITIATION, 147);
        wrongSizeAndReserved[2] = 7;
        assertEquals(DropReason.WRONG_SIZE, refused(wrongSizeAndReserved));
    }

    // ---- length argument and copying ----

    @Test
    void onlyTheGivenPrefixIsDecodedAndTheBytesAreCopied() {
        byte[] buffer = blank(MessageType.COOKIE_REPLY, 200);
        buffer[4] = 0x2a;
        CookieReply reply = assertInstanceOf(CookieReply.class,
                ((MessageCodec.Decoded.Ok) MessageCodec.decode(buffer, Protocol.COOKIE_REPLY_SIZE)).message());
        assertEquals(Protocol.COOKIE_REPLY_SIZE, reply.length());
        assertNotSame(buffer, reply.bytes());
        buffer[4] = 0x2b;
        assertEquals(0x2a, reply.receiver(), "the message does not see later changes to the caller's buffer");
        assertEquals(DropReason.WRONG_SIZE, refused(buffer, Protocol.COOKIE_REPLY_SIZE + 1));
    }

    @Test
    void aLengthBeyondTheArrayIsRefusedNotThrown() {
        byte[] buffer = blank(MessageType.TRANSPORT, 40);
        assertEquals(DropReason.UNKNOWN_TYPE, refused(buffer, 41));
        assertEquals(DropReason.UNKNOWN_TYPE, refused(buffer, -1));
    }

    // ---- fields, from the capture ----

    private static JsonNode vectors() {
        return Vectors.json("wireguard-ping-tcp+psk.derived-vectors.json");
    }

    private static int index(JsonNode hs, String field) {
        return Integer.parseUnsignedInt(hs.get(field).asText().substring(2), 16);
    }

    private static byte[] publicOf(JsonNode root, JsonNode hs, String privateField) {
        byte[] priv = Base64.getDecoder().decode(root.get("keys_base64").get(hs.get(privateField).asText()).asText());
        return X25519.publicKey(X25519.clamp(priv));
    }

    @Test
    void capturedInitiationsAndResponsesReadTheirFieldsLittleEndian() {
        JsonNode root = vectors();
        JsonNode handshakes = root.get("handshakes");
        assertEquals(4, handshakes.size());
        for (JsonNode hs : handshakes) {
            String label = hs.get("capture").asText() + " frame " + hs.get("initiation_frame").asInt();
            byte[] initiationBytes = Vectors.hex(hs, "initiation_hex");
            Initiation init = assertInstanceOf(Initiation.class, decoded(initiationBytes), label);
            assertEquals(index(hs, "initiator_sender_index"), init.sender(), label);
            assertArrayEquals(publicOf(root, hs, "initiator_ephemeral_private"), init.ephemeral(), label);
            assertArrayEquals(Arrays.copyOfRange(initiationBytes, 40, 88), init.encryptedStatic());
            assertArrayEquals(Arrays.copyOfRange(initiationBytes, 88, 116), init.encryptedTimestamp());
            assertEquals(116, Initiation.MAC1_OFFSET);
            assertEquals(132, Initiation.MAC2_OFFSET);

            byte[] responseBytes = Vectors.hex(hs, "response_hex");
            Response resp = assertInstanceOf(Response.class, decoded(responseBytes), label);
            assertEquals(index(hs, "responder_sender_index"), resp.sender(), label);
            assertEquals(index(hs, "initiator_sender_index"), resp.receiver(), label);
            assertArrayEquals(publicOf(root, hs, "responder_ephemeral_private"), resp.ephemeral(), label);
            assertArrayEquals(Arrays.copyOfRange(responseBytes, 44, 60), resp.encryptedNothing());
            assertEquals(60, Response.MAC1_OFFSET);
            assertEquals(76, Response.MAC2_OFFSET);
        }
        // The first capture's indices, spelled out: 0x30d037d8 is written d8 37 d0 30.
        Initiation first = (Initiation) decoded(Vectors.hex(handshakes.get(0), "initiation_hex"));
        assertEquals(0x30d037d8, first.sender());
        assertArrayEquals(new byte[] {(byte) 0xd8, 0x37, (byte) 0xd0, 0x30}, Arrays.copyOfRange(first.bytes(), 4, 8));
    }

    @Test
    void capturedTransportMessagesReadReceiverAndCounter() {
        JsonNode transports = vectors().get("transport");
        assertEquals(18, transports.size());
        for (JsonNode t : transports) {
            TransportData m = assertInstanceOf(TransportData.class, decoded(Vectors.hex(t, "message_hex")));
            assertEquals(index(t, "receiver_index"), m.receiver(), "frame " + t.get("frame"));
            assertEquals(t.get("counter").asLong(), m.counter(), "frame " + t.get("frame"));
            int plaintext = Vectors.hex(t, "plaintext_padded_hex").length;
            assertEquals(plaintext + Protocol.TAG_LENGTH, m.sealedLength());
            assertEquals(plaintext == 0, m.isKeepalive());
        }
    }

    @Test
    void theCounterIsAnUnsigned64BitLittleEndianValue() {
        byte[] b = TransportData.newBuffer(0x89abcdef, 0x8070605040302010L, 16);
        assertArrayEquals(new byte[] {4, 0, 0, 0, (byte) 0xef, (byte) 0xcd, (byte) 0xab, (byte) 0x89,
                0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, (byte) 0x80}, Arrays.copyOf(b, 16));
        TransportData t = (TransportData) decoded(b);
        assertEquals(0x89abcdef, t.receiver());
        assertEquals("9255003132036915216", Long.toUnsignedString(t.counter()));
    }

    // ---- assemble round trips ----

    private static byte[] filled(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + 31 * i);
        }
        return b;
    }

    @Test
    void initiationAssembleRoundTrips() {
        byte[] eph = filled(32, 1);
        byte[] stat = filled(48, 2);
        byte[] ts = filled(28, 3);
        Initiation made = Initiation.assemble(0xfedcba98, eph, stat, ts);
        Initiation back = (Initiation) decoded(made.bytes());
        assertEquals(0xfedcba98, back.sender());
        assertArrayEquals(eph, back.ephemeral());
        assertArrayEquals(stat, back.encryptedStatic());
        assertArrayEquals(ts, back.encryptedTimestamp());
        assertArrayEquals(new byte[32], Arrays.copyOfRange(made.bytes(), Initiation.MAC1_OFFSET, Protocol.INITIATION_SIZE),
                "MACs are left zero for the cookie code to fill in");
    }

    @Test
    void capturedHandshakeMessagesReassembleFromTheirFields() {
        for (JsonNode hs : vectors().get("handshakes")) {
            byte[] initBytes = Vectors.hex(hs, "initiation_hex");
            Initiation init = (Initiation) decoded(initBytes);
            byte[] again = Initiation.assemble(init.sender(), init.ephemeral(), init.encryptedStatic(),
                    init.encryptedTimestamp()).bytes();
            assertArrayEquals(Arrays.copyOf(initBytes, Initiation.MAC1_OFFSET), Arrays.copyOf(again, Initiation.MAC1_OFFSET));

            byte[] respBytes = Vectors.hex(hs, "response_hex");
            Response resp = (Response) decoded(respBytes);
            byte[] respAgain = Response.assemble(resp.sender(), resp.receiver(), resp.ephemeral(),
                    resp.encryptedNothing()).bytes();
            assertArrayEquals(Arrays.copyOf(respBytes, Response.MAC1_OFFSET), Arrays.copyOf(respAgain, Response.MAC1_OFFSET));
        }
    }

    @Test
    void responseAssembleRoundTrips() {
        byte[] eph = filled(32, 4);
        byte[] nothing = filled(16, 5);
        Response made = Response.assemble(7, 0x80000000, eph, nothing);
        Response back = (Response) decoded(made.bytes());
        assertEquals(7, back.sender());
        assertEquals(0x80000000, back.receiver());
        assertArrayEquals(eph, back.ephemeral());
        assertArrayEquals(nothing, back.encryptedNothing());
    }

    @Test
    void cookieReplyAssembleRoundTrips() {
        byte[] nonce = filled(24, 6);
        byte[] cookie = filled(32, 7);
        CookieReply made = CookieReply.assemble(-1, nonce, cookie);
        CookieReply back = (CookieReply) decoded(made.bytes());
        assertEquals(-1, back.receiver());
        assertArrayEquals(nonce, back.nonce());
        assertArrayEquals(cookie, back.encryptedCookie());
    }

    @Test
    void transportBufferRoundTrips() {
        byte[] b = TransportData.newBuffer(42, 1234567890123L, 16 + 80);
        System.arraycopy(filled(96, 8), 0, b, TransportData.PAYLOAD_OFFSET, 96);
        TransportData back = (TransportData) decoded(b);
        assertEquals(42, back.receiver());
        assertEquals(1234567890123L, back.counter());
        assertEquals(96, back.sealedLength());
        assertFalse(back.isKeepalive());
        assertArrayEquals(b, back.bytes());
    }

    // ---- records refuse bytes the codec refuses ----

    private static void assertRefusedByConstructor(Function<byte[], Message> ctor, MessageType type) {
        int size = type.size();
        if (type != MessageType.TRANSPORT) {
            assertThrows(IllegalArgumentException.class, () -> ctor.apply(blank(type, size + 1)), type + " one byte long");
        }
        assertThrows(IllegalArgumentException.class, () -> ctor.apply(blank(type, size - 1)), type + " one byte short");
        assertThrows(IllegalArgumentException.class, () -> ctor.apply(new byte[0]), type + " empty");
        for (MessageType other : MessageType.values()) {
            if (other != type) {
                assertThrows(IllegalArgumentException.class, () -> ctor.apply(blank(other, size)), other + " bytes as " + type);
            }
        }
        byte[] unknown = blank(type, size);
        unknown[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> ctor.apply(unknown), type + " with type byte 9");
        for (int at = 1; at <= 3; at++) {
            byte[] reserved = blank(type, size);
            reserved[at] = 1;
            assertThrows(IllegalArgumentException.class, () -> ctor.apply(reserved), type + " with reserved byte " + at);
        }
        assertEquals(type, ctor.apply(blank(type, size)).type(), "and the valid bytes are accepted");
    }

    @Test
    void recordsRefuseInvalidBytesInTheirConstructors() {
        assertRefusedByConstructor(Initiation::new, MessageType.INITIATION);
        assertRefusedByConstructor(Response::new, MessageType.RESPONSE);
        assertRefusedByConstructor(CookieReply::new, MessageType.COOKIE_REPLY);
        assertRefusedByConstructor(TransportData::new, MessageType.TRANSPORT);
        assertTrue(new TransportData(blank(MessageType.TRANSPORT, 1000)).length() == 1000);
    }
}
