package io.wgsim.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A home router's NAT for one wgsim peer of the Docker lab, in the test JVM (the lab's engine runs
 * without iptables): the peer sits on loopback and reaches each remote through an inside socket standing
 * for it; everything leaves from one outside socket on a lab network's gateway (endpoint-independent
 * mapping), and comes back in only from addresses the peer has sent to (address- and port-dependent
 * filtering), while the mapping lives: it expires after {@code timeout} without traffic either way, and
 * {@link #rebind} replaces it with a new outside port.
 */
final class JvmNat implements AutoCloseable {
    private static final int MAX_DATAGRAM = 65535;

    private final String name;
    private final long timeoutNanos;
    /** The public (gateway) address to map onto for a remote. */
    private final Function<InetSocketAddress, InetAddress> publicAddressFor;
    /** Told of each new mapping's outside address. */
    private final BiConsumer<String, InetSocketAddress> onMapping;
    private final Map<InetSocketAddress, DatagramSocket> insideByRemote = new LinkedHashMap<>();
    private volatile InetSocketAddress peer;
    private Mapping mapping;
    private InetAddress lastPublic;
    private boolean closed;

    /** One outside port, the remotes it has sent to, and when it was last used. */
    private final class Mapping {
        final DatagramSocket socket;
        final Set<InetSocketAddress> contacted = ConcurrentHashMap.newKeySet();
        volatile long lastUsed = System.nanoTime();

        Mapping(InetAddress publicAddress) throws SocketException {
            socket = new DatagramSocket(new InetSocketAddress(publicAddress, 0));
            start("nat " + name + " outside", this::receiveOutside);
        }

        boolean expired(long now) {
            return now - lastUsed > timeoutNanos;
        }

        private void receiveOutside() {
            byte[] buffer = new byte[MAX_DATAGRAM];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(p);
                } catch (IOException e) {
                    return; // closed
                }
                InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
                DatagramSocket inside;
                synchronized (JvmNat.this) {
                    if (mapping != this || expired(System.nanoTime())) {
                        continue; // a datagram for a mapping the NAT has forgotten is dropped
                    }
                    inside = contacted.contains(from) ? insideByRemote.get(from) : null;
                    if (inside == null || peer == null) {
                        continue; // filtered: the peer never sent there
                    }
                    lastUsed = System.nanoTime();
                }
                send(inside, peer, p);
            }
        }
    }

    JvmNat(String name, java.time.Duration timeout, Function<InetSocketAddress, InetAddress> publicAddressFor,
           BiConsumer<String, InetSocketAddress> onMapping) {
        this.name = name;
        this.timeoutNanos = timeout.toNanos();
        this.publicAddressFor = publicAddressFor;
        this.onMapping = onMapping;
    }

    /** Where the peer behind the NAT sends to reach {@code remote} (a loopback socket standing for it). */
    synchronized InetSocketAddress insideFor(InetSocketAddress remote) {
        DatagramSocket inside = insideByRemote.get(remote);
        if (inside == null) {
            try {
                inside = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            } catch (SocketException e) {
                throw new UncheckedIOException("NAT " + name + ": cannot open an inside socket: " + e.getMessage(), e);
            }
            insideByRemote.put(remote, inside);
            DatagramSocket s = inside;
            start("nat " + name + " inside", () -> receiveInside(s, remote));
        }
        return (InetSocketAddress) inside.getLocalSocketAddress();
    }

    private void receiveInside(DatagramSocket inside, InetSocketAddress remote) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!inside.isClosed()) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                inside.receive(p);
            } catch (IOException e) {
                return;
            }
            Mapping m;
            synchronized (this) {
                if (closed) {
                    return;
                }
                peer = (InetSocketAddress) p.getSocketAddress();
                m = currentMapping(remote);
                if (m == null) {
                    continue;
                }
                m.contacted.add(remote);
                m.lastUsed = System.nanoTime();
            }
            send(m.socket, remote, p);
        }
    }

    /** The live mapping, a new one if it expired or was rebound. */
    private Mapping currentMapping(InetSocketAddress remote) {
        long now = System.nanoTime();
        if (mapping != null && mapping.expired(now)) {
            mapping.socket.close();
            mapping = null;
        }
        if (mapping == null) {
            try {
                lastPublic = publicAddressFor.apply(remote);
                mapping = new Mapping(lastPublic);
            } catch (SocketException e) {
                return null; // as a NAT out of ports: the datagram is lost
            }
            onMapping.accept(name, (InetSocketAddress) mapping.socket.getLocalSocketAddress());
        }
        return mapping;
    }

    /** The NAT's public address: its current mapping's, or the last it used, or null before any. */
    synchronized InetAddress publicAddress() {
        return lastPublic;
    }

    /** Forgets the mapping: the next datagram out gets a new outside port. */
    synchronized void rebind() {
        if (mapping != null) {
            mapping.socket.close();
            mapping = null;
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, DatagramPacket p) {
        try {
            socket.send(new DatagramPacket(p.getData(), p.getOffset(), p.getLength(), to));
        } catch (IOException e) {
            // a send the host refused is a lost datagram, as on a real router
        }
    }

    private static void start(String threadName, Runnable loop) {
        Thread t = new Thread(loop, threadName);
        t.setDaemon(true);
        t.start();
    }

    @Override public synchronized void close() {
        closed = true;
        rebind();
        insideByRemote.values().forEach(DatagramSocket::close);
    }
}
