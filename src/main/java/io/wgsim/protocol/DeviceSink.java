package io.wgsim.protocol;

import io.wgsim.crypto.PublicKey;
import java.net.InetSocketAddress;

/**
 * Where a {@link Device} puts everything it produces. The driver (simulator or real socket) implements
 * it; the device never does I/O itself. Calls happen synchronously inside the device's methods.
 */
public interface DeviceSink {

    /**
     * A UDP payload to send to {@code to}. The array is the sink's to keep, unless
     * {@link #keepsDatagrams()} says otherwise.
     */
    void sendDatagram(InetSocketAddress to, byte[] datagram);

    /**
     * Whether this sink holds on to the arrays given to {@link #sendDatagram} after the call returns.
     * A sink that writes each datagram to a socket before returning answers false, and the device
     * then seals transport messages into a buffer it reuses, so the data path allocates nothing per
     * packet: on a JDK whose ChaCha20-Poly1305 is fast, allocating a fresh 1.5 kB array per packet
     * costs about a sixth of the sealing itself (docs/benchmarks.md). The simulator keeps datagrams
     * in flight on its links, so it keeps the default.
     */
    default boolean keepsDatagrams() {
        return true;
    }

    /**
     * An inner IP packet that arrived through the tunnel from {@code peer}: {@code buffer[offset ..
     * offset + length)}, padding removed. The bytes are the device's and valid only during this call
     * (the device opens the next message in the same place), so a sink that keeps a packet copies it.
     * Handing out a slice rather than an exact-length array spares an allocation per packet, as a
     * kernel's write to its TUN device reads from the decryption buffer.
     */
    void deliverPacket(PublicKey peer, byte[] buffer, int offset, int length);

    /** Something that happened, for logs, traces and assertions. */
    void event(DeviceEvent event);
}
