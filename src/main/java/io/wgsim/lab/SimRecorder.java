package io.wgsim.lab;

import io.wgsim.capture.LinkType;
import io.wgsim.capture.OuterPacket;
import io.wgsim.capture.PcapngWriter;
import io.wgsim.crypto.PublicKey;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.sim.world.Host;
import io.wgsim.sim.world.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a {@link SimLab} sees of its world: every datagram entering the outer network (as one capture
 * interface, each datagram once, at the sender's side), each host's device events, and the inner packets
 * devices deliver. The capture gets every key-log line as it is reported, so it decrypts with no settings.
 */
final class SimRecorder implements Trace {
    /** Receives inner packets a host's device delivered. */
    interface DeliveryListener {
        void delivered(long at, Host host, PublicKey peer, byte[] packet);
    }

    private final PcapngWriter capture;
    private final int interfaceId;
    private final long epochNanos;
    private final Function<InetSocketAddress, String> namer;
    private final List<WireMessage> wire = new ArrayList<>();
    private final Map<String, List<DeviceEvent>> events = new LinkedHashMap<>();
    private final List<DeliveryListener> listeners = new ArrayList<>();

    /** With {@code file} null nothing is written (seed sweeps that only look at the outcome). */
    SimRecorder(Path file, long epochNanos, Function<InetSocketAddress, String> namer) {
        this.epochNanos = epochNanos;
        this.namer = namer;
        if (file == null) {
            this.capture = null;
            this.interfaceId = -1;
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.capture = PcapngWriter.create(file);
            this.interfaceId = capture.addInterface(LinkType.RAW, "sim outer network");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the capture " + file, e);
        }
    }

    void addListener(DeliveryListener l) {
        listeners.add(l);
    }

    List<WireMessage> wire() {
        return List.copyOf(wire);
    }

    List<DeviceEvent> events(String host) {
        return List.copyOf(events.getOrDefault(host, List.of()));
    }

    void keyLog(List<String> lines) {
        if (capture == null) {
            return;
        }
        try {
            capture.writeWireGuardKeyLog(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() {
        if (capture == null) {
            return;
        }
        try {
            capture.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- Trace ----

    /** Each datagram once, where it entered the network (after its sender's NAT). */
    @Override public void routed(long at, Host host, InetSocketAddress source, InetSocketAddress destination, byte[] payload) {
        wire.add(message(at, host.name(), source, destination, payload));
        if (capture == null) {
            return;
        }
        try {
            capture.writePacket(interfaceId, epochNanos + at, OuterPacket.udp(source, destination, payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WireMessage message(long at, String from, InetSocketAddress source, InetSocketAddress destination, byte[] p) {
        return WireMessage.of(at, from, namer.apply(destination), source, destination, p.clone());
    }

    @Override public void device(Host host, DeviceEvent event) {
        if (event instanceof DeviceEvent.SessionSecrets s) {
            keyLog(s.lines());
            return;
        }
        events.computeIfAbsent(host.name(), n -> new ArrayList<>()).add(event);
    }

    @Override public void delivered(long at, Host host, PublicKey peer, byte[] packet) {
        for (DeliveryListener l : listeners) {
            l.delivered(at, host, peer, packet);
        }
    }
}
