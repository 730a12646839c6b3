package io.wgsim.lab;

import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.crypto.Tai64n;
import io.wgsim.net.Cidr;
import io.wgsim.protocol.Device;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.DeviceSettings;
import io.wgsim.protocol.DeviceSink;
import io.wgsim.protocol.PeerSettings;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Protocol;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Datagrams an attacker (or a thief of a key) would send: initiations made with a throwaway device of
 * wgsim's own core, and malformed variants of them. Pure computation, usable with any lab.
 */
public final class Forgery {
    private static final InetSocketAddress NOWHERE = new InetSocketAddress(
            io.wgsim.net.IpAddresses.parse("192.0.2.1"), 9);

    private Forgery() {}

    /**
     * The initiation a flood repeats: from a stranger (a key no peer knows, derived from the scenario's
     * seed), with a valid mac1 for {@code target}, so only the responder's load defence stops it.
     */
    public static byte[] strangerInitiation(long seed, PublicKey target, long unixNanos) {
        PrivateKey stranger = PrivateKey.generate(io.wgsim.sim.RandomStream.derive(seed, "flooder-key"));
        return initiation(stranger, target, unixNanos, io.wgsim.sim.RandomStream.derive(seed, "flooder"));
    }

    /**
     * A valid initiation from the holder of {@code from} to {@code to}, carrying the TAI64N timestamp of
     * {@code unixNanos} exactly (not whitened), with ephemeral key and index drawn from {@code entropy}.
     */
    public static byte[] initiation(PrivateKey from, PublicKey to, long unixNanos, Entropy entropy) {
        byte[][] out = new byte[1][];
        DeviceSink sink = new DeviceSink() {
            @Override public void sendDatagram(InetSocketAddress dst, byte[] datagram) {
                out[0] = datagram;
            }

            @Override public void deliverPacket(PublicKey peer, byte[] buffer, int offset, int length) {}

            @Override public void event(DeviceEvent event) {}
        };
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(unixNanos, 1_000_000_000L);
        Device scratch = new Device(DeviceSettings.of(from).withTimestamps(now -> Tai64n.encode(seconds, nanos)), entropy, sink);
        scratch.addPeer(0, new PeerSettings(to, null, List.of(Cidr.parse("0.0.0.0/32")), NOWHERE, null));
        scratch.initiateHandshake(0, to);
        if (out[0] == null) {
            throw new IllegalStateException("the core sent no initiation to " + to + " (a low-order key?)");
        }
        return out[0];
    }

    /** The same initiation with one bit of mac1 flipped: only the mac1 check can refuse it. */
    public static byte[] withBadMac1(byte[] initiation) {
        byte[] copy = initiation.clone();
        copy[Initiation.MAC1_OFFSET] ^= 1;
        return copy;
    }

    /**
     * One datagram of each kind of bad input, by name: truncated, oversized, unknown type, non-zero
     * reserved bytes, too short to have a type, random bytes, and a transport message for an index
     * nobody gave out. Built from a valid initiation so that only the named defect is wrong.
     */
    public static Map<String, byte[]> badInputs(byte[] validInitiation, Entropy entropy) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("truncated initiation", java.util.Arrays.copyOf(validInitiation, validInitiation.length - 1));
        out.put("oversized initiation", java.util.Arrays.copyOf(validInitiation, validInitiation.length + 1));
        byte[] unknownType = validInitiation.clone();
        unknownType[0] = 5;
        out.put("unknown message type", unknownType);
        byte[] reserved = validInitiation.clone();
        reserved[2] = 1;
        out.put("non-zero reserved bytes", reserved);
        out.put("three bytes", new byte[] {1, 0, 0});
        byte[] random = new byte[200];
        entropy.nextBytes(random);
        random[0] = (byte) 0xee; // not a message type, so no valid message by chance
        out.put("random bytes", random);
        byte[] transport = new byte[Protocol.TRANSPORT_MIN_SIZE + 16];
        entropy.nextBytes(transport);
        transport[0] = 4;
        transport[1] = 0;
        transport[2] = 0;
        transport[3] = 0;
        out.put("transport for an unknown index", transport);
        byte[] shortTransport = java.util.Arrays.copyOf(transport, Protocol.TRANSPORT_MIN_SIZE - 1);
        out.put("transport shorter than a keepalive", shortTransport);
        return out;
    }
}
