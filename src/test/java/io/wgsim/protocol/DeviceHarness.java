package io.wgsim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Drives one {@link Device} the way Netty's EmbeddedChannel drives a handler: feed a datagram or a
 * packet at a given time, then read what came out. Outputs queue up until taken; a test ends by
 * asserting nothing is left over.
 */
final class DeviceHarness implements DeviceSink {
    record Sent(InetSocketAddress to, byte[] datagram) {}

    record Delivered(PublicKey peer, byte[] packet) {}

    final Device device;
    final InetSocketAddress address;
    private final Deque<Sent> sent = new ArrayDeque<>();
    private final Deque<Delivered> delivered = new ArrayDeque<>();
    final List<DeviceEvent> events = new ArrayList<>();

    DeviceHarness(DeviceSettings settings, Entropy entropy, InetSocketAddress address) {
        this.device = new Device(settings, entropy, this);
        this.address = address;
    }

    static DeviceHarness create(PrivateKey key, Entropy entropy, String ip, int port) {
        return new DeviceHarness(DeviceSettings.of(key).withListenPort(port), entropy, endpoint(ip, port));
    }

    static InetSocketAddress endpoint(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    PublicKey publicKey() {
        return device.publicKey();
    }

    /**
     * When set, the harness behaves like a socket: it copies each datagram before sendDatagram returns
     * and tells the device it keeps nothing, so the device may reuse its buffer.
     */
    boolean socketLike;
    /** The array the device last passed to sendDatagram, as given (not the copy a socket-like harness keeps). */
    byte[] lastArrayGiven;

    @Override public boolean keepsDatagrams() {
        return !socketLike;
    }

    @Override public void sendDatagram(InetSocketAddress to, byte[] datagram) {
        lastArrayGiven = datagram;
        sent.addLast(new Sent(to, socketLike ? datagram.clone() : datagram));
    }

    /** Where the device last delivered a packet from: its buffer and the packet's offset in it. */
    byte[] lastDeliveredBuffer;
    int lastDeliveredOffset;

    @Override public void deliverPacket(PublicKey peer, byte[] buffer, int offset, int length) {
        lastDeliveredBuffer = buffer;
        lastDeliveredOffset = offset;
        delivered.addLast(new Delivered(peer, java.util.Arrays.copyOfRange(buffer, offset, offset + length)));
    }

    @Override public void event(DeviceEvent event) {
        events.add(event);
    }

    /** Takes the oldest sent datagram; fails when there is none. */
    Sent takeSent() {
        Sent s = sent.pollFirst();
        assertNotNull(s, "expected a datagram to be sent; events: " + events);
        return s;
    }

    byte[] takeSentBytes() {
        return takeSent().datagram();
    }

    Delivered takeDelivered() {
        Delivered d = delivered.pollFirst();
        assertNotNull(d, "expected a packet to be delivered; events: " + events);
        return d;
    }

    int pendingSent() {
        return sent.size();
    }

    int pendingDelivered() {
        return delivered.size();
    }

    void clearOutputs() {
        sent.clear();
        delivered.clear();
    }

    /** Delivers every queued datagram of this harness to {@code other} at {@code now}; returns how many. */
    int flushTo(DeviceHarness other, long now) {
        int n = 0;
        while (!sent.isEmpty()) {
            Sent s = sent.pollFirst();
            other.device.receiveDatagram(now, address, s.datagram());
            n++;
        }
        return n;
    }

    void assertNoMoreOutputs() {
        if (!sent.isEmpty() || !delivered.isEmpty()) {
            fail("unexpected outputs: " + sent.size() + " datagrams, " + delivered.size() + " packets; events: " + events);
        }
    }

    @SuppressWarnings("unchecked")
    <E extends DeviceEvent> List<E> eventsOf(Class<E> type) {
        return events.stream().filter(type::isInstance).map(e -> (E) e).collect(Collectors.toList());
    }

    long dropCount(io.wgsim.protocol.wire.DropReason reason) {
        return eventsOf(DeviceEvent.Dropped.class).stream().filter(d -> d.reason() == reason).count();
    }

    void assertDropped(io.wgsim.protocol.wire.DropReason reason) {
        assertTrue(dropCount(reason) > 0, "expected a drop for " + reason + "; events: " + events);
    }

    void assertNoDrops() {
        assertEquals(List.of(), eventsOf(DeviceEvent.Dropped.class));
    }
}
