package io.wgsim.protocol;

import static io.wgsim.protocol.FuzzedNetwork.PSK;
import static io.wgsim.protocol.FuzzedNetwork.STRANGER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.wgsim.crypto.DataCipher;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.Tai64n;
import io.wgsim.crypto.X25519;
import io.wgsim.net.InnerPacket;
import io.wgsim.net.Padding;
import io.wgsim.protocol.FuzzedNetwork.Mutation;
import io.wgsim.protocol.wire.DropReason;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.MessageType;
import io.wgsim.protocol.wire.Protocol;
import io.wgsim.protocol.wire.Response;
import io.wgsim.protocol.wire.TransportData;
import java.util.Arrays;
import java.util.List;

/**
 * The attacker's datagrams of a {@link FuzzedNetwork} run, all aimed at the target: well-typed random
 * messages, earlier datagrams replayed and mutated, and initiations and transport messages forged with
 * real keys. Each reads its choices from the input, then hands the datagram to
 * {@link FuzzedNetwork#deliver}, which checks the device contract.
 */
final class FuzzedMessages {
    private final FuzzedNetwork net;
    private int forgedTimestamps;
    private byte[] lastForgedTimestamp = new byte[Protocol.TIMESTAMP_LENGTH];
    private long lastForgedCounter;

    FuzzedMessages(FuzzedNetwork net) {
        this.net = net;
    }

    /** A message of a real type and a fitting size whose body is input bytes. */
    void typed() {
        MessageType type = MessageType.values()[net.data.consumeInt(0, 3)];
        int size = type == MessageType.TRANSPORT ? Protocol.TRANSPORT_MIN_SIZE + net.data.consumeInt(0, 200) : type.size();
        byte[] b = Arrays.copyOf(new byte[] {(byte) type.wireValue()}, size);
        byte[] body = net.data.consumeBytes(size - 4);
        System.arraycopy(body, 0, b, 4, body.length);
        net.deliver(net.target, net.from, b);
    }

    /**
     * A datagram seen earlier (any way; 0 is the newest), as it was or mutated, optionally with a
     * fresh mac1.
     */
    void replay() {
        int pick = net.data.consumeInt(0, 255);
        int mutations = net.data.consumeInt(0, 3);
        byte[] b = net.pool.isEmpty() ? new byte[0] : newest(pick).clone();
        for (int i = 0; i < mutations; i++) {
            b = mutate(b, Mutation.values()[net.data.consumeInt(0, Mutation.values().length - 1)]);
        }
        if (net.data.consumeBoolean()) {
            restampMac1(b);
        }
        net.deliver(net.target, net.from, b);
    }

    private byte[] newest(int pick) {
        return net.pool.get(net.pool.size() - 1 - pick % net.pool.size());
    }

    private byte[] mutate(byte[] b, Mutation m) {
        switch (m) {
            case FLIP -> {
                int bit = net.data.consumeInt(0, 0xffff);
                if (b.length > 0) {
                    bit %= b.length * 8;
                    b[bit / 8] ^= (byte) (1 << (bit % 8));
                }
            }
            case TRUNCATE -> b = Arrays.copyOf(b, net.data.consumeInt(0, 0xffff) % (b.length + 1));
            case EXTEND -> {
                byte[] tail = net.data.consumeBytes(net.data.consumeInt(0, 64));
                byte[] longer = Arrays.copyOf(b, b.length + tail.length);
                System.arraycopy(tail, 0, longer, b.length, tail.length);
                b = longer;
            }
            case TYPE -> {
                int value = net.data.consumeInt(0, 255);
                if (b.length > 0) {
                    b[0] = (byte) value;
                }
            }
            case RESERVED -> {
                int at = net.data.consumeInt(1, 3);
                int value = net.data.consumeInt(0, 255);
                if (b.length > at) {
                    b[at] = (byte) value;
                }
            }
            case INDEX -> {
                int at = net.data.consumeBoolean() ? 8 : 4;
                int value;
                if (net.data.consumeBoolean()) {
                    int other = net.data.consumeInt(0, 255);
                    byte[] source = net.pool.isEmpty() ? new byte[8] : newest(other);
                    value = source.length >= 8 ? readIntLE(source, 4) : 0;
                } else {
                    value = net.data.consumeInt();
                }
                if (b.length >= at + 4) {
                    writeLE(b, at, value, 4);
                }
            }
            case COUNTER -> {
                long value = net.data.consumeLong();
                if (b.length >= 16) {
                    writeLE(b, 8, value, 8);
                }
            }
            case OVERWRITE -> {
                int at = net.data.consumeInt(0, 0xffff);
                byte[] bytes = net.data.consumeBytes(net.data.consumeInt(0, 64));
                if (b.length > 0) {
                    at %= b.length;
                    System.arraycopy(bytes, 0, b, at, Math.min(bytes.length, b.length - at));
                }
            }
        }
        return b;
    }

    /** Gives a handshake-shaped datagram a valid mac1 for the target (mac2 zero), so it reaches the crypto. */
    private void restampMac1(byte[] b) {
        int mac1 = b.length == Protocol.INITIATION_SIZE && b[0] == 1 ? Initiation.MAC1_OFFSET
                : b.length == Protocol.RESPONSE_SIZE && b[0] == 2 ? Response.MAC1_OFFSET : -1;
        if (mac1 > 0) {
            new CookieGenerator(net.target.publicKey()).stamp(b, mac1, net.now);
        }
    }

    /**
     * An initiation made with real cryptography from a chosen static key (the peer's, a stranger's, the
     * target's own or Carol's) with input ephemeral, index and timestamp; stamped as its sender would.
     */
    void forgeInitiation() {
        int who = net.data.consumeInt(0, 3);
        byte[] ephemeral = Arrays.copyOf(net.data.consumeBytes(32), 32);
        int index = net.data.consumeInt();
        int timestampKind = net.data.consumeInt(0, 2);
        byte[] fuzzedTimestamp = Arrays.copyOf(net.data.consumeBytes(timestampKind == 1 ? 12 : 0), 12);
        byte[] timestamp = switch (timestampKind) {
            case 0 -> Tai64n.encode(1_700_000_000L + ++forgedTimestamps, 0);
            case 1 -> fuzzedTimestamp;
            default -> lastForgedTimestamp;
        };
        lastForgedTimestamp = timestamp;
        DeviceHarness sender = who == 0 ? net.peer : who == 2 ? net.target : who == 3 ? net.carol : null;
        PrivateKey key = sender == null ? STRANGER : sender.device.privateKey;
        Handshake hs = new Handshake(key, net.target.publicKey(), net.pskOn ? PSK : PresharedKey.NONE);
        Initiation init;
        try {
            init = hs.createInitiation(X25519.clamp(ephemeral), index, timestamp);
        } catch (Refusal r) {
            return; // only a low-order static key refuses, and none of these is one
        }
        Peer senderSide = sender == null || sender == net.target ? null : sender.device.peers.get(net.target.publicKey());
        if (senderSide != null) {
            senderSide.cookies.stamp(init.bytes(), Initiation.MAC1_OFFSET, net.now); // with mac2 when it holds a cookie
        } else {
            new CookieGenerator(net.target.publicKey()).stamp(init.bytes(), Initiation.MAC1_OFFSET, net.now);
        }
        net.deliver(net.target, net.from, init.bytes());
    }

    /**
     * A transport message sealed with a keypair of the peer or Carol for the target, with a chosen
     * counter and plaintext: a keepalive, a packet from the sender's address, a packet from an address
     * the sender may not use, or raw bytes. When the target accepts a packet, it must deliver exactly
     * that packet, from that sender.
     */
    void forgeTransport() {
        DeviceHarness sender = net.data.consumeBoolean() ? net.carol : net.peer;
        int slot = net.data.consumeInt(0, 2);
        int counterKind = net.data.consumeInt(0, 3);
        long fuzzedCounter = counterKind == 1 ? net.data.consumeLong() : counterKind == 3 ? net.data.consumeInt(1, 3) : 0;
        int plaintextKind = net.data.consumeInt(0, 3);
        int size = net.data.consumeInt(0, 128);
        byte[] raw = plaintextKind == 3 ? net.data.consumeBytes(size) : new byte[0];
        boolean pad = net.data.consumeBoolean();

        Peer p = sender.device.peers.get(net.target.publicKey());
        Keypair kp = p == null ? null : slot == 0 ? p.keypairs.current : slot == 1 ? p.keypairs.previous : p.keypairs.next;
        if (kp == null || kp.sendKeyForLog == null) {
            return;
        }
        long counter = switch (counterKind) {
            case 0 -> kp.sendCounter++;
            case 1 -> fuzzedCounter;
            case 2 -> lastForgedCounter;
            default -> Protocol.REJECT_AFTER_MESSAGES - 2 + fuzzedCounter; // the last good one, the limit, past it
        };
        lastForgedCounter = counter;
        byte[] plaintext = switch (plaintextKind) {
            case 0 -> new byte[0];
            case 1 -> FuzzedNetwork.packetBetween(sender, net.target, size);
            case 2 -> FuzzedNetwork.packetBetween(net.target, net.target, size);
            default -> raw;
        };
        int padded = pad ? Padding.paddedLength(plaintext.length, net.target.device.settings.mtu()) : plaintext.length;
        byte[] message = TransportData.newBuffer(kp.remoteIndex, counter, padded + Protocol.TAG_LENGTH);
        System.arraycopy(plaintext, 0, message, TransportData.PAYLOAD_OFFSET, plaintext.length);
        new DataCipher(kp.sendKeyForLog).seal(counter, message, TransportData.PAYLOAD_OFFSET, padded, message,
                TransportData.PAYLOAD_OFFSET);

        List<DeviceHarness.Delivered> log = net.delivered.get(net.target);
        int before = log.size();
        DropReason dropped = net.deliver(net.target, net.from, message);
        if (dropped == null && plaintext.length > 0) {
            InnerPacket inner = InnerPacket.parse(plaintext);
            assertNotNull(inner, "a plaintext that is not IP was accepted");
            assertEquals(before + 1, log.size(), "an accepted packet is delivered once");
            assertEquals(sender.publicKey(), log.get(before).peer(), "delivered as from its sender");
            assertArrayEquals(Arrays.copyOf(plaintext, inner.length()), log.get(before).packet(),
                    "the delivered packet is the one sealed, without padding");
        }
    }

    private static int readIntLE(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void writeLE(byte[] b, int off, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            b[off + i] = (byte) (value >>> (8 * i));
        }
    }
}
