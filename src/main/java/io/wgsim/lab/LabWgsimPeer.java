package io.wgsim.lab;

import io.wgsim.config.InterfaceConfig;
import io.wgsim.config.WgQuickConfig;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.InnerPacket;
import io.wgsim.net.IpPackets;
import io.wgsim.net.UdpDatagram;
import io.wgsim.protocol.Device;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.DeviceStatus;
import io.wgsim.protocol.PeerSettings;
import io.wgsim.real.PeerOptions;
import io.wgsim.real.RealPeer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * A wgsim peer of the Docker lab: a {@link RealPeer} on its own thread of the test JVM, bound on a lab
 * network's gateway address, configured at run time as wg(8) would configure an interface, with what it
 * delivers counted (UDP by port) and offered to the lab's pings, and its events kept.
 */
final class LabWgsimPeer implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final List<Cidr> tunnelAddresses;
    private final Path keyLog;
    /** Appended on the peer's thread (every drop of a flood too), read on the test thread: a plain locked list. */
    private final List<DeviceEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, Long> udpByPort = new TreeMap<>();
    private final List<BiConsumer<PublicKey, byte[]>> deliveryListeners = new CopyOnWriteArrayList<>();
    private final StringWriter log = new StringWriter();
    private PrivateKey key;
    // Swapped by restart on the test thread, read by the lab timer's pings.
    private volatile RealPeer peer;
    private volatile Thread thread;

    LabWgsimPeer(String name, PrivateKey key, List<Cidr> tunnelAddresses, InetSocketAddress bind, Path keyLog) {
        this.name = name;
        this.key = key;
        this.tunnelAddresses = List.copyOf(tunnelAddresses);
        this.keyLog = keyLog;
        start(bind);
    }

    private void start(InetSocketAddress bind) {
        WgQuickConfig config = new WgQuickConfig(new InterfaceConfig(key, bind.getPort() == 0 ? null : bind.getPort(),
                tunnelAddresses, null), List.of());
        PeerOptions options = PeerOptions.listening(config).withBind(bind).withKeyLog(keyLog);
        try {
            PrintWriter err = new PrintWriter(log, true);
            peer = RealPeer.open(options, err, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start wgsim peer " + name + " on " + bind + ": " + e.getMessage(), e);
        }
        peer.watch(new RealPeer.Watcher() {
            @Override public void event(DeviceEvent event) {
                events.add(event);
            }

            @Override public void delivered(PublicKey from, byte[] packet) {
                countUdp(packet);
                for (BiConsumer<PublicKey, byte[]> l : deliveryListeners) {
                    l.accept(from, packet);
                }
            }
        });
        RealPeer running = peer;
        thread = new Thread(() -> {
            try {
                running.run();
            } catch (IOException e) {
                synchronized (log) {
                    log.append("wgsim peer ").append(name).append(" failed: ").append(e.toString()).append('\n');
                }
            }
        }, "wgsim peer " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void countUdp(byte[] packet) {
        InnerPacket ip = InnerPacket.parse(packet);
        if (ip == null || ip.protocol() != IpPackets.UDP) {
            return;
        }
        boolean local = false;
        for (Cidr c : tunnelAddresses) {
            local |= Arrays.equals(c.address().getAddress(), ip.destination());
        }
        UdpDatagram udp = local ? IpPackets.parseUdp(packet) : null;
        if (udp != null) {
            synchronized (udpByPort) {
                udpByPort.merge(udp.destinationPort(), 1L, Long::sum);
            }
        }
    }

    String name() {
        return name;
    }

    PrivateKey key() {
        return key;
    }

    List<Cidr> tunnelAddresses() {
        return tunnelAddresses;
    }

    InetSocketAddress localAddress() {
        return peer.localAddress();
    }

    void addDeliveryListener(BiConsumer<PublicKey, byte[]> listener) {
        deliveryListeners.add(listener);
    }

    /** Runs {@code action} on the peer's loop and waits for it. */
    void onDevice(RealPeer.DeviceAction action) {
        await(peer.onDevice(action), "work on its device");
    }

    void configure(PeerSettings settings) {
        onDevice((device, now) -> device.addPeer(now, settings));
    }

    void setEndpoint(PublicKey remote, InetSocketAddress endpoint) {
        onDevice((device, now) -> device.setEndpoint(remote, endpoint));
    }

    void removePeer(PublicKey remote) {
        onDevice((device, now) -> device.removePeer(remote));
    }

    /** Sends an inner packet into the tunnel, as the host's IP stack would; does not wait. */
    void sendInner(byte[] packet) {
        peer.onDevice((device, now) -> device.sendPacket(now, packet));
    }

    DeviceStatus status() {
        return await(peer.status(), "its status");
    }

    InetSocketAddress rebind(InetSocketAddress address) {
        return await(peer.rebind(address), "a rebind to " + address);
    }

    /**
     * Stops the peer and starts it again on the same address (with {@code newKey} if not null): sessions,
     * counters and timers are gone; the [Peer] sections are given back by the lab.
     */
    void restart(PrivateKey newKey) {
        InetSocketAddress bind = localAddress();
        stop();
        if (newKey != null) {
            key = newKey;
        }
        start(bind);
    }

    long udpReceived(int port) {
        synchronized (udpByPort) {
            return udpByPort.getOrDefault(port, 0L);
        }
    }

    List<DeviceEvent> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    String log() {
        synchronized (log) {
            return log.toString();
        }
    }

    private <T> T await(Future<T> future, String what) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for wgsim peer " + name + ": " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("wgsim peer " + name + " could not do " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("wgsim peer " + name + " did not do " + what + " within " + CALL_TIMEOUT.toSeconds() + " s");
        }
    }

    private void stop() {
        peer.stop();
        try {
            if (!peer.awaitFinished(CALL_TIMEOUT)) {
                throw new IllegalStateException("wgsim peer " + name + " did not stop within " + CALL_TIMEOUT.toSeconds() + " s");
            }
            thread.join(CALL_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                peer.close();
            } catch (IOException e) {
                // the socket is released as far as it can be; nothing else holds
            }
        }
    }

    @Override public void close() {
        stop();
    }
}
