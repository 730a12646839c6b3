package io.wgsim.real;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * One non-blocking UDP socket and the selector that waits on it. Only the loop's thread uses it, except
 * {@link #wakeup()}, which any thread may call to end a wait early.
 */
final class UdpSocket implements Closeable {
    /** The largest UDP payload over IPv4 or IPv6 without jumbograms. */
    static final int MAX_DATAGRAM = 65535;
    /** Datagrams read per {@link #receiveAll} call, so a flood cannot starve the timers. */
    static final int RECEIVE_BATCH = 1024;
    /** A wait with no time limit. */
    static final long FOREVER = Long.MAX_VALUE;

    /** Where {@link #receiveAll} hands each datagram; {@code datagram[0, length)} is valid only during the call. */
    interface Receiver {
        void datagram(InetSocketAddress from, byte[] datagram, int length);
    }

    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    private long sendFailures;
    private long receiveFailures;

    private UdpSocket(DatagramChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    /**
     * Binds to {@code address}. A wildcard address binds every address of both families where the host
     * has IPv6; a specific one binds just that address, in its own family.
     */
    static UdpSocket bind(InetSocketAddress address) throws IOException {
        DatagramChannel channel;
        if (address.getAddress().isAnyLocalAddress()) {
            channel = DatagramChannel.open();
        } else {
            channel = DatagramChannel.open(address.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        }
        Selector selector = null;
        try {
            channel.bind(address);
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            return new UdpSocket(channel, selector);
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * Sends one datagram. Returns null, or why it was not sent (counted): the caller reports it, because
     * a UDP send failing is news, not a reason to stop.
     */
    IOException send(InetSocketAddress to, byte[] datagram) {
        try {
            if (channel.send(ByteBuffer.wrap(datagram), to) == 0) {
                sendFailures++;
                return new IOException("no room in the socket's send buffer");
            }
            return null;
        } catch (IOException e) {
            sendFailures++;
            return e;
        }
    }

    /**
     * Waits until a datagram can be read, {@code timeoutNanos} have passed, or {@link #wakeup()} is
     * called. A timeout of zero or less only polls; {@link #FOREVER} has no limit.
     */
    void await(long timeoutNanos) throws IOException {
        if (timeoutNanos <= 0) {
            selector.selectNow();
        } else if (timeoutNanos == FOREVER) {
            selector.select();
        } else {
            // Rounded up, so a wait never ends just before its deadline (and select(0) would mean forever).
            long millis = timeoutNanos / 1_000_000 + (timeoutNanos % 1_000_000 == 0 ? 0 : 1);
            selector.select(millis);
        }
        selector.selectedKeys().clear();
    }

    /**
     * Reads the datagrams waiting, up to {@link #RECEIVE_BATCH}, and hands each to {@code receiver}.
     * Returns how many were read; a read error is counted and ends the batch.
     */
    int receiveAll(Receiver receiver) {
        int count = 0;
        while (count < RECEIVE_BATCH) {
            buffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                receiveFailures++; // e.g. an ICMP error reported on the socket; the next read goes on
                return count;
            }
            if (from == null) {
                return count;
            }
            count++;
            receiver.datagram(from, buffer.array(), buffer.position());
        }
        return count;
    }

    /** Ends a wait in progress (or the next one) at once. Safe from any thread. */
    void wakeup() {
        selector.wakeup();
    }

    long sendFailures() {
        return sendFailures;
    }

    long receiveFailures() {
        return receiveFailures;
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
