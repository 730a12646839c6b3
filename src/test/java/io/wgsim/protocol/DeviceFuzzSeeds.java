package io.wgsim.protocol;

import io.wgsim.protocol.FuzzedNetwork.Mutation;
import io.wgsim.protocol.FuzzedNetwork.Op;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-made seed corpus of {@link DeviceFuzzTest}: inputs written choice by choice so that each
 * takes a known path through {@link FuzzedNetwork} and reaches a named outcome (every message type
 * accepted, and the main drop reasons). {@link DeviceFuzzTest} checks that the files in
 * src/test/resources are exactly these and that each still reaches its outcome; after changing what
 * FuzzedNetwork or FuzzedMessages read, rewrite them with
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.wgsim.protocol.DeviceFuzzSeeds
 * </pre>
 *
 * run from the project root. Crash inputs the fuzzer finds go into the same folders under their own
 * names and are left alone here.
 */
final class DeviceFuzzSeeds {
    static final String INBOUND = "inboundDatagrams";
    static final String OUTBOUND = "outboundPackets";
    static final Path RESOURCES = Path.of("src/test/resources/io/wgsim/protocol/DeviceFuzzTestInputs");

    /** One seed: the fuzz test method it is for, its file name, an outcome it must reach, its bytes. */
    record Seed(String method, String name, String expect, byte[] bytes) {}

    private DeviceFuzzSeeds() {}

    /**
     * Writes choices in the layout Jazzer's FuzzedDataProvider reads them: consumeBytes takes from the
     * front of the input, while numbers and booleans take from the back, each using as many bytes as
     * its range needs, the first byte taken being the most significant. So an input is the byte
     * strings in order followed by the numbers' bytes in reverse. Jazzer 0.30.0 returns a number that
     * already lies in [min, max] unchanged and maps any other to min + n % (max - min + 1); the writer
     * writes the value itself. (Checked against Jazzer's native provider: DeviceFuzzTest's regression
     * run asserts every seed reaches its outcome.)
     */
    static final class Writer {
        private final ByteArrayOutputStream front = new ByteArrayOutputStream();
        private final ByteArrayOutputStream back = new ByteArrayOutputStream();

        /** consumeInt(min, max) or consumeLong(min, max) returning {@code value}. */
        Writer pick(long min, long max, long value) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(value + " is not in " + min + ".." + max);
            }
            long range = max - min;
            int bytes = 0;
            while (bytes < 8 && (range >>> (8 * bytes)) != 0) {
                bytes++;
            }
            if (bytes < 8 && (value >>> (8 * bytes)) != 0) {
                throw new IllegalArgumentException(value + " does not fit the " + bytes + " bytes read for " + min + ".." + max);
            }
            return number(value, bytes);
        }

        Writer flag(boolean value) {
            return number(value ? 1 : 0, 1);
        }

        /** consumeInt() returning {@code value}. */
        Writer anyInt(int value) {
            return number(value & 0xffffffffL, 4);
        }

        /** consumeLong() returning {@code value}. */
        Writer anyLong(long value) {
            return number(value, 8);
        }

        /** consumeBytes(b.length) returning {@code b}. */
        Writer bytes(byte[] b) {
            front.writeBytes(b);
            return this;
        }

        private Writer number(long value, int bytes) {
            for (int i = bytes - 1; i >= 0; i--) {
                back.write((int) (value >>> (8 * i)));
            }
            return this;
        }

        byte[] toBytes() {
            byte[] numbers = back.toByteArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(front.toByteArray());
            for (int i = numbers.length - 1; i >= 0; i--) {
                out.write(numbers[i]);
            }
            return out.toByteArray();
        }

        // ---- FuzzedNetwork's reads, in its order ----

        Writer setup(int load, boolean keepalive, boolean psk, int settings, boolean carol, int stage, boolean targetIsBob) {
            return pick(0, FuzzedNetwork.LOAD_MAX, load).flag(keepalive).flag(psk).pick(0, FuzzedNetwork.SETTINGS_MAX, settings)
                    .flag(carol).pick(0, FuzzedNetwork.STAGE_SESSION, stage).flag(targetIsBob);
        }

        Writer op(Op op) {
            return pick(0, Op.values().length - 1, op.ordinal());
        }

        Writer raw(byte[] datagram) {
            return op(Op.RAW).pick(0, 256, datagram.length).bytes(datagram);
        }

        /** A handshake-type message: its body is {@code size - 4} bytes. */
        Writer typed(int typeIndex, byte[] body) {
            return op(Op.TYPED).pick(0, 3, typeIndex).bytes(body);
        }

        Writer typedTransport(int extra, byte[] body) {
            return op(Op.TYPED).pick(0, 3, 3).pick(0, 200, extra).bytes(body);
        }

        /** Replays the {@code newest}-th newest datagram of the pool with the mutations, then maybe restamps mac1. */
        Writer replay(int newest, boolean restamp, MutationWriter... mutations) {
            op(Op.REPLAY).pick(0, 255, newest).pick(0, 3, mutations.length);
            for (MutationWriter m : mutations) {
                m.write(this);
            }
            return flag(restamp);
        }

        Writer forgeInitiation(int who, byte[] ephemeral, int index, int timestampKind, byte[] timestamp) {
            op(Op.FORGE_INITIATION).pick(0, 3, who).bytes(ephemeral).anyInt(index).pick(0, 2, timestampKind);
            return timestampKind == 1 ? bytes(timestamp) : this;
        }

        Writer forgeTransport(int slot, int counterKind, long counter, int plaintextKind, int size, byte[] raw, boolean pad) {
            return forgeTransport(false, slot, counterKind, counter, plaintextKind, size, raw, pad);
        }

        Writer forgeTransport(boolean fromCarol, int slot, int counterKind, long counter, int plaintextKind, int size,
                              byte[] raw, boolean pad) {
            op(Op.FORGE_TRANSPORT).flag(fromCarol).pick(0, 2, slot).pick(0, 3, counterKind);
            if (counterKind == 1) {
                anyLong(counter);
            } else if (counterKind == 3) {
                pick(1, 3, counter);
            }
            pick(0, 3, plaintextKind).pick(0, 128, size);
            if (plaintextKind == 3) {
                bytes(raw);
            }
            return flag(pad);
        }

        Writer peerActs(int action, int size, byte[] raw) {
            return peerActs(false, action, size, raw);
        }

        Writer peerActs(boolean carol, int action, int size, byte[] raw) {
            op(Op.PEER_ACTS).flag(carol).pick(0, 3, action).pick(0, 200, size);
            return action == 3 ? bytes(raw) : this;
        }

        Writer tick(int kind, long amount) {
            return op(Op.TICK).tickChoices(kind, amount);
        }

        private Writer tickChoices(int kind, long amount) {
            return pick(0, 3, kind).pick(0, 600 * FuzzedNetwork.SECOND, amount);
        }

        Writer flush() {
            return op(Op.FLUSH);
        }

        Writer hold() {
            return op(Op.HOLD);
        }

        Writer lose() {
            return op(Op.LOSE);
        }

        Writer send(int kind, int size, byte[] raw) {
            return op(Op.SEND).packet(kind, size, raw);
        }

        private Writer packet(int kind, int size, byte[] raw) {
            pick(0, 6, kind).pick(0, 300, size);
            return kind == 0 ? bytes(raw) : this;
        }

        Writer source(int choice) {
            return op(Op.SOURCE).pick(0, 5, choice);
        }

        Writer reconfigure(int kind) {
            return op(Op.RECONFIGURE).pick(0, 3, kind);
        }

        // ---- the outbound run's reads ----

        Writer outSend(int kind, int size, byte[] raw) {
            return pick(0, 2, 0).packet(kind, size, raw);
        }

        Writer outTick(int kind, long amount) {
            return pick(0, 2, 1).tickChoices(kind, amount);
        }

        Writer outSettle() {
            return pick(0, 2, 2);
        }
    }

    /** One mutation of a replayed datagram, as FuzzedNetwork reads it. */
    interface MutationWriter {
        void write(Writer w);
    }

    static MutationWriter flip(int bit) {
        return w -> w.pick(0, Mutation.values().length - 1, Mutation.FLIP.ordinal()).pick(0, 0xffff, bit);
    }

    static MutationWriter truncate(int length) {
        return w -> w.pick(0, Mutation.values().length - 1, Mutation.TRUNCATE.ordinal()).pick(0, 0xffff, length);
    }

    static MutationWriter extend(byte[] tail) {
        return w -> w.pick(0, Mutation.values().length - 1, Mutation.EXTEND.ordinal()).pick(0, 64, tail.length).bytes(tail);
    }

    static MutationWriter type(int value) {
        return w -> w.pick(0, Mutation.values().length - 1, Mutation.TYPE.ordinal()).pick(0, 255, value);
    }

    static MutationWriter reserved(int at, int value) {
        return w -> w.pick(0, Mutation.values().length - 1, Mutation.RESERVED.ordinal()).pick(1, 3, at).pick(0, 255, value);
    }

    static MutationWriter index(boolean receiverField, int value) {
        return w -> w.pick(0, Mutation.values().length - 1, Mutation.INDEX.ordinal()).flag(receiverField).flag(false)
                .anyInt(value);
    }

    static MutationWriter counter(long value) {
        return w -> w.pick(0, Mutation.values().length - 1, Mutation.COUNTER.ordinal()).anyLong(value);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int length, int first) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    private static Writer w() {
        return new Writer();
    }

    private static final int FRESH = FuzzedNetwork.STAGE_FRESH;
    private static final int INITIATION_SENT = FuzzedNetwork.STAGE_INITIATION_SENT;
    private static final int SESSION = FuzzedNetwork.STAGE_SESSION;

    /** A plain setup: no load, keepalive, PSK, special settings or Carol. */
    private static Writer plain(int stage, boolean targetIsBob) {
        return w().setup(0, false, false, 0, false, stage, targetIsBob);
    }

    private static Writer bobAfterInitiation() {
        return plain(INITIATION_SENT, true);
    }

    private static Writer inSession(boolean targetIsBob) {
        return plain(SESSION, targetIsBob);
    }

    private static final long SECOND = FuzzedNetwork.SECOND;

    static List<Seed> all() {
        List<Seed> seeds = new ArrayList<>();
        // ---- inbound: each message type accepted ----
        seeds.add(new Seed(INBOUND, "accept-initiation-captured-from-peer", "accepted INITIATION",
                bobAfterInitiation().replay(0, false).toBytes()));
        seeds.add(new Seed(INBOUND, "accept-initiation-forged-psk", "accepted INITIATION",
                w().setup(0, false, true, 0, false, FRESH, true).forgeInitiation(0, bytes(32, 7), 0x11223344, 0, null)
                        .toBytes()));
        seeds.add(new Seed(INBOUND, "accept-response-after-flush", "accepted RESPONSE",
                plain(INITIATION_SENT, false).flush().toBytes()));
        seeds.add(new Seed(INBOUND, "accept-cookie-reply-peer-under-load", "accepted COOKIE_REPLY",
                w().setup(1, false, false, 0, false, INITIATION_SENT, false).flush().toBytes()));
        seeds.add(new Seed(INBOUND, "accept-transport-forged-packet", "accepted TRANSPORT",
                inSession(true).forgeTransport(0, 0, 0, 1, 20, null, true).toBytes()));
        seeds.add(new Seed(INBOUND, "accept-transport-from-peer", "accepted TRANSPORT",
                inSession(true).peerActs(0, 64, null).toBytes()));
        seeds.add(new Seed(INBOUND, "accept-keepalive-from-peer-after-roaming", "accepted KEEPALIVE",
                inSession(false).source(3).peerActs(1, 0, null).toBytes()));
        seeds.add(new Seed(INBOUND, "accept-transport-all-options", "accepted TRANSPORT",
                w().setup(3, true, true, 7, true, SESSION, true).peerActs(0, 30, null).toBytes()));
        seeds.add(new Seed(INBOUND, "accept-transport-from-second-peer", "accepted TRANSPORT",
                w().setup(0, false, false, 0, true, SESSION, true).forgeTransport(true, 0, 0, 0, 1, 20, null, true)
                        .toBytes()));
        seeds.add(new Seed(INBOUND, "accept-initiation-from-second-peer", "accepted INITIATION",
                w().setup(0, false, false, 0, true, SESSION, false).tick(2, 6 * SECOND).peerActs(true, 2, 0, null).toBytes()));
        seeds.add(new Seed(INBOUND, "accept-response-after-lost-initiation", "accepted RESPONSE",
                plain(INITIATION_SENT, false).lose().tick(1, 0).flush().toBytes()));

        // ---- inbound: drops, one reason each ----
        seeds.add(new Seed(INBOUND, "drop-unknown-type", "dropped UNKNOWN_TYPE",
                plain(FRESH, true).raw(ascii("hello, wireguard")).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-wrong-size-truncated", "dropped WRONG_SIZE",
                bobAfterInitiation().replay(0, false, truncate(100)).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-wrong-size-extended", "dropped WRONG_SIZE",
                bobAfterInitiation().replay(0, false, extend(bytes(3, 1))).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-reserved-nonzero", "dropped RESERVED_NONZERO",
                bobAfterInitiation().replay(0, false, reserved(2, 1)).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-unknown-type-changed", "dropped UNKNOWN_TYPE",
                bobAfterInitiation().replay(0, false, type(7)).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-bad-mac1", "dropped BAD_MAC1",
                bobAfterInitiation().replay(0, false, flip(8 * 20)).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-handshake-decrypt-failed", "dropped HANDSHAKE_DECRYPT_FAILED",
                bobAfterInitiation().replay(0, true, flip(8 * 60 + 3)).toBytes()));
        // HOLD carries Alice's initiation to Bob and keeps his response; the newest datagram is that response.
        seeds.add(new Seed(INBOUND, "drop-response-decrypt-failed", "dropped HANDSHAKE_DECRYPT_FAILED",
                plain(INITIATION_SENT, false).hold().replay(0, true, flip(8 * 50)).flush().toBytes()));
        seeds.add(new Seed(INBOUND, "drop-cookie-required", "dropped COOKIE_REQUIRED",
                w().setup(1, false, false, 0, false, INITIATION_SENT, true).replay(0, false).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-unknown-peer", "dropped UNKNOWN_PEER",
                plain(FRESH, true).forgeInitiation(1, bytes(32, 9), 5, 0, null).toBytes()));
        // The setup's handshake was consumed at time 0, so the forged ones come a second later.
        seeds.add(new Seed(INBOUND, "drop-timestamp-replayed", "dropped TIMESTAMP_REPLAYED",
                inSession(true).tick(0, SECOND).forgeInitiation(0, bytes(32, 1), 1, 0, null)
                        .tick(0, SECOND).forgeInitiation(0, bytes(32, 2), 2, 2, null).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-initiation-flood", "dropped INITIATION_FLOOD",
                inSession(true).tick(0, SECOND).forgeInitiation(0, bytes(32, 1), 1, 0, null)
                        .forgeInitiation(0, bytes(32, 2), 2, 0, null).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-zero-shared-secret", "dropped ZERO_SHARED_SECRET",
                bobAfterInitiation().replay(0, true, overwriteEphemeralWithZero()).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-unexpected-cookie-reply", "dropped UNEXPECTED_HANDSHAKE",
                inSession(false).typed(2, bytes(60, 3)).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-unknown-index", "dropped UNKNOWN_INDEX",
                inSession(true).typedTransport(16, bytes(44, 40)).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-replayed", "dropped REPLAYED",
                inSession(true).forgeTransport(0, 0, 0, 1, 20, null, true).replay(0, false).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-bad-tag", "dropped BAD_TAG",
                inSession(true).forgeTransport(0, 0, 0, 1, 20, null, true).replay(0, false, counter(1000)).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-bad-tag-index-of-second-peer", "dropped BAD_TAG",
                w().setup(0, false, false, 0, true, SESSION, true).forgeTransport(true, 0, 0, 0, 0, 0, null, false)
                        .forgeTransport(0, 0, 0, 0, 0, null, false).replay(0, false, indexFromPool(false, 1)).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-counter-too-old", "dropped COUNTER_TOO_OLD",
                inSession(true).forgeTransport(0, 1, 10_000, 0, 0, null, false)
                        .forgeTransport(0, 1, 1, 0, 0, null, false).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-counter-too-old-small-window", "dropped COUNTER_TOO_OLD",
                w().setup(0, false, false, 1, false, SESSION, true).forgeTransport(0, 1, 100, 0, 0, null, false)
                        .forgeTransport(0, 1, 10, 0, 0, null, false).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-counter-limit", "dropped COUNTER_LIMIT",
                inSession(true).forgeTransport(0, 3, 2, 0, 0, null, false).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-not-ip", "accepted TRANSPORT, dropped NOT_IP",
                inSession(true).forgeTransport(0, 0, 0, 3, 24, ascii("definitely not an IP pkt"), true).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-source-not-allowed", "accepted TRANSPORT, dropped SOURCE_NOT_ALLOWED",
                inSession(true).forgeTransport(0, 0, 0, 2, 20, null, false).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-keypair-expired", "dropped KEYPAIR_EXPIRED",
                inSession(true).tick(2, 181 * SECOND).forgeTransport(0, 0, 0, 0, 0, null, false).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-unknown-index-after-peer-removed", "dropped UNKNOWN_INDEX",
                inSession(true).reconfigure(1).peerActs(1, 0, null).toBytes()));
        seeds.add(new Seed(INBOUND, "drop-unknown-index-after-second-peer-removed", "dropped UNKNOWN_INDEX",
                w().setup(0, false, false, 0, true, SESSION, true).reconfigure(3).peerActs(true, 1, 0, null).toBytes()));
        // Bob is always under load; Alice holds his cookie from the setup, so her initiations pass mac2.
        Writer flood = w().setup(1, false, false, 0, false, SESSION, true);
        for (int i = 0; i < 7; i++) {
            flood.forgeInitiation(0, bytes(32, i), i, 0, null);
        }
        seeds.add(new Seed(INBOUND, "drop-rate-limited", "dropped RATE_LIMITED", flood.toBytes()));
        seeds.add(new Seed(INBOUND, "drop-outbound-no-route", "outbound dropped NO_ROUTE",
                inSession(false).send(3, 10, null).toBytes()));

        // ---- inbound: time ----
        seeds.add(new Seed(INBOUND, "timers-keepalive-rekey-zero-keys", "peer accepted RESPONSE",
                w().setup(0, true, false, 0, false, SESSION, true).tick(1, 0).flush().tick(3, 2)
                        .flush().tick(3, 4).flush().tick(1, 0).flush().toBytes()));
        seeds.add(new Seed(INBOUND, "timer-zeroes-keys", "timer KeysZeroed",
                inSession(true).tick(3, 4).toBytes()));
        Writer unanswered = plain(INITIATION_SENT, false);
        for (int i = 0; i < 20; i++) {
            unanswered.tick(1, 0); // each retransmission stays in Alice's queue: nothing answers
        }
        seeds.add(new Seed(INBOUND, "timer-gives-up-after-retransmissions", "timer dropped HANDSHAKE_GAVE_UP",
                unanswered.toBytes()));
        // Alice (the initiator) hears from Bob when her keys are 170 s old: she rekeys once, from the receive path.
        seeds.add(new Seed(INBOUND, "rekey-on-receive-near-reject-time", "initiation sent on receive",
                inSession(false).tick(2, 170 * SECOND).peerActs(1, 0, null).toBytes()));

        // ---- outbound ----
        seeds.add(new Seed(OUTBOUND, "raw-not-ip", "outbound dropped BAD_OUTBOUND_PACKET",
                inSession(false).outSend(0, 10, bytes(10, 0x45)).toBytes()));
        seeds.add(new Seed(OUTBOUND, "no-route", "outbound dropped NO_ROUTE",
                inSession(false).outSend(3, 10, null).toBytes()));
        seeds.add(new Seed(OUTBOUND, "ipv4-and-ipv6-in-session", "outbound all delivered",
                inSession(false).outSend(1, 100, null).outSettle().outSend(2, 7, null).toBytes()));
        seeds.add(new Seed(OUTBOUND, "ipv6-before-handshake", "outbound staged",
                plain(FRESH, false).outSend(2, 30, null).toBytes()));
        seeds.add(new Seed(OUTBOUND, "staged-in-setup-delivered", "outbound all delivered",
                plain(INITIATION_SENT, false).toBytes()));
        seeds.add(new Seed(OUTBOUND, "source-not-allowed", "peer accepted TRANSPORT, dropped SOURCE_NOT_ALLOWED",
                inSession(false).outSend(4, 10, null).toBytes()));
        seeds.add(new Seed(OUTBOUND, "larger-than-mtu", "outbound sealed",
                inSession(true).outSend(5, 100, null).toBytes()));
        seeds.add(new Seed(OUTBOUND, "responder-without-endpoint", "outbound staged",
                plain(FRESH, true).outSend(1, 20, null).toBytes()));
        seeds.add(new Seed(OUTBOUND, "queue-overflow", "outbound overflowed",
                w().setup(0, false, false, 2, false, FRESH, false).outSend(1, 20, null).outSend(1, 21, null)
                        .outSend(1, 22, null).toBytes()));
        seeds.add(new Seed(OUTBOUND, "to-second-peer", "carol accepted TRANSPORT",
                w().setup(0, false, false, 0, true, SESSION, false).outSend(6, 50, null).outSend(1, 50, null).toBytes()));
        seeds.add(new Seed(OUTBOUND, "both-under-load-cookie-dance", "outbound all delivered",
                w().setup(3, false, false, 0, false, FRESH, false).outSend(1, 20, null)
                        .outTick(1, 0).outSend(2, 40, null).toBytes()));
        return seeds;
    }

    /** Sets the sender (or receiver) index from the {@code newest}-th newest datagram of the pool. */
    static MutationWriter indexFromPool(boolean receiverField, int newest) {
        return w -> w.pick(0, Mutation.values().length - 1, Mutation.INDEX.ordinal()).flag(receiverField).flag(true)
                .pick(0, 255, newest);
    }

    /** Overwrites the initiation's ephemeral with zeros, a low-order point: every DH with it is zero. */
    private static MutationWriter overwriteEphemeralWithZero() {
        return w -> w.pick(0, Mutation.values().length - 1, Mutation.OVERWRITE.ordinal()).pick(0, 0xffff, 8)
                .pick(0, 64, 32).bytes(new byte[32]);
    }

    /** Writes every seed into src/test/resources (run from the project root). */
    public static void main(String[] args) throws IOException {
        for (Seed s : all()) {
            Path dir = RESOURCES.resolve(s.method());
            Files.createDirectories(dir);
            Files.write(dir.resolve(s.name()), s.bytes());
        }
        System.out.println("wrote " + all().size() + " seeds under " + RESOURCES);
    }
}
