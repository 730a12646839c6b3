package io.wgsim.check;

import io.wgsim.capture.LinkType;
import io.wgsim.capture.OuterPacket;
import io.wgsim.capture.PcapngWriter;
import io.wgsim.config.InterfaceConfig;
import io.wgsim.config.PeerConfig;
import io.wgsim.config.WgQuickConfig;
import io.wgsim.config.WgQuickWriter;
import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpPackets;
import io.wgsim.protocol.Device;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.DeviceSettings;
import io.wgsim.protocol.DeviceSink;
import io.wgsim.protocol.PeerSettings;
import io.wgsim.protocol.wire.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Alice (198.18.0.1:51820, tunnel 10.0.0.1) and Bob (198.18.0.2:51821, tunnel 10.0.0.2): two devices of
 * the protocol core, wired directly, every datagram between them recorded as a frame. The test drives
 * them with explicit times, may drop datagrams on the way (the frame is still recorded: the capture is
 * taken at the sender) and may then change the frames before writing them as a pcapng, to make a capture
 * faulty on purpose.
 */
final class RecordedPeers {
    static final long SECOND = 1_000_000_000L;
    /** Capture time 0: 2026-01-01T00:00:00Z, as the simulator's. */
    static final long EPOCH = 1_767_225_600L * SECOND;

    /** One captured datagram; tests may replace its fields. */
    static final class Frame {
        long time;
        final InetSocketAddress source;
        final InetSocketAddress destination;
        byte[] payload;

        Frame(long time, InetSocketAddress source, InetSocketAddress destination, byte[] payload) {
            this.time = time;
            this.source = source;
            this.destination = destination;
            this.payload = payload;
        }

        int type() {
            return payload[0];
        }

        boolean keepalive() {
            return payload[0] == 4 && payload.length == Protocol.TRANSPORT_MIN_SIZE;
        }

        Frame copy() {
            return new Frame(time, source, destination, payload.clone());
        }
    }

    final Side alice;
    final Side bob;
    final List<Frame> frames = new ArrayList<>();
    final List<String> keyLog = new ArrayList<>();
    /** Datagrams matching this are recorded but not delivered. */
    Predicate<Frame> lost = f -> false;

    /** One device with its outputs. */
    final class Side implements DeviceSink {
        final PrivateKey key;
        final InetSocketAddress address;
        final String tunnelAddress;
        final Device device;
        final Deque<Frame> outbox = new ArrayDeque<>();
        Side other;
        long now;

        Side(long seed, String ip, int port, String tunnelAddress) {
            this.key = PrivateKey.generate(Entropy.seeded(seed));
            this.address = socket(ip, port);
            this.tunnelAddress = tunnelAddress;
            this.device = new Device(DeviceSettings.of(key).withListenPort(port).withKeyLog(true), Entropy.seeded(seed + 1), this);
        }

        @Override public void sendDatagram(InetSocketAddress to, byte[] datagram) {
            outbox.add(new Frame(now, address, to, datagram.clone()));
        }

        @Override public void deliverPacket(PublicKey peer, byte[] buffer, int offset, int length) {
            // what arrives inside the tunnel does not matter to a capture
        }

        @Override public void event(DeviceEvent event) {
            if (event instanceof DeviceEvent.SessionSecrets s) {
                keyLog.addAll(s.lines());
            }
        }

        /** Sends an inner UDP packet of {@code size} payload bytes to the other side's tunnel address, from {@code source}. */
        void sendFrom(long at, String source, int size) {
            now = at;
            device.sendPacket(at, IpPackets.udp(ip(source), ip(other.tunnelAddress), 40000, 9, new byte[size]));
            pump(at);
        }

        void send(long at, int size) {
            sendFrom(at, tunnelAddress, size);
        }

        void initiate(long at) {
            now = at;
            device.initiateHandshake(at, other.key.publicKey());
            pump(at);
        }

        void keepalive(long at) {
            now = at;
            device.sendKeepalive(at, other.key.publicKey());
            pump(at);
        }

        PeerConfig asPeer(Duration keepalive) {
            return new PeerConfig(key.publicKey(), PresharedKey.NONE, List.of(Cidr.parse(tunnelAddress + "/32")), null,
                    (int) keepalive.toSeconds());
        }
    }

    RecordedPeers() {
        this(Duration.ZERO, Duration.ZERO);
    }

    RecordedPeers(Duration aliceKeepalive, Duration bobKeepalive) {
        alice = new Side(11, "198.18.0.1", 51820, "10.0.0.1");
        bob = new Side(22, "198.18.0.2", 51821, "10.0.0.2");
        alice.other = bob;
        bob.other = alice;
        alice.device.addPeer(0, new PeerSettings(bob.key.publicKey(), PresharedKey.NONE,
                List.of(Cidr.parse("10.0.0.2/32")), bob.address, aliceKeepalive));
        bob.device.addPeer(0, new PeerSettings(alice.key.publicKey(), PresharedKey.NONE,
                List.of(Cidr.parse("10.0.0.1/32")), null, bobKeepalive));
        keyLog.add("LOCAL_STATIC_PRIVATE_KEY = " + alice.key.toBase64());
        keyLog.add("LOCAL_STATIC_PRIVATE_KEY = " + bob.key.toBase64());
    }

    /** Alice initiates at {@code at} and the handshake completes (with her confirming keepalive). */
    RecordedPeers handshake(long at) {
        alice.initiate(at);
        return this;
    }

    /** Lets time pass to {@code end}: both devices' timers fire when due and what they send is exchanged. */
    RecordedPeers runUntil(long end) {
        while (true) {
            long next = Math.min(alice.device.nextDeadline(), bob.device.nextDeadline());
            if (next > end) {
                return this;
            }
            for (Side s : List.of(alice, bob)) {
                if (s.device.nextDeadline() <= next) {
                    s.now = next;
                    s.device.tick(next);
                }
            }
            pump(next);
        }
    }

    /** Delivers everything waiting, at {@code at}, until both sides are quiet. */
    void pump(long at) {
        while (!alice.outbox.isEmpty() || !bob.outbox.isEmpty()) {
            for (Side from : List.of(alice, bob)) {
                while (!from.outbox.isEmpty()) {
                    Frame f = from.outbox.poll();
                    frames.add(f);
                    if (!lost.test(f)) {
                        from.other.now = at;
                        from.other.device.receiveDatagram(at, f.source, f.payload.clone());
                    }
                }
            }
        }
    }

    /** Indices into {@link #frames} of the frames of a message type sent by one side. */
    List<Integer> indices(Side from, int type) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).source.equals(from.address) && frames.get(i).type() == type) {
                out.add(i);
            }
        }
        return out;
    }

    /** Writes the frames as a pcapng; with {@code keys}, the key log goes in a secrets block first. */
    Path write(Path file, boolean keys) throws IOException {
        try (PcapngWriter w = PcapngWriter.create(file)) {
            if (keys) {
                w.writeWireGuardKeyLog(keyLog);
            }
            int id = w.addInterface(LinkType.RAW, "alice-bob");
            for (Frame f : frames) {
                w.writePacket(id, EPOCH + f.time, OuterPacket.udp(f.source, f.destination, f.payload));
            }
        }
        return file;
    }

    /** A wg-quick file for a side, with its peer's persistent keepalive as given. */
    Path config(Path file, Side side, Duration keepalive) throws IOException {
        WgQuickConfig c = new WgQuickConfig(new InterfaceConfig(side.key, side.address.getPort(),
                List.of(Cidr.parse(side.tunnelAddress + "/24")), null), List.of(side.other.asPeer(keepalive)));
        Files.writeString(file, WgQuickWriter.write(c));
        return file;
    }

    static InetSocketAddress socket(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip(ip)), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e); // only for a wrong address length
        }
    }

    static byte[] ip(String dotted) {
        String[] p = dotted.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]), (byte) Integer.parseInt(p[2]),
                (byte) Integer.parseInt(p[3])};
    }
}
