package io.wgsim.protocol;

import io.wgsim.crypto.PublicKey;
import java.net.InetSocketAddress;

/**
 * Where a {@link Device} puts everything it produces. The driver (simulator or real socket) implements
 * it; the device never does I/O itself. Calls happen synchronously inside the device's methods.
 */
public interface DeviceSink {

    /** A UDP payload to send to {@code to}. The array is the caller's to keep. */
    void sendDatagram(InetSocketAddress to, byte[] datagram);

    /** An inner IP packet that arrived through the tunnel from {@code peer}, padding removed. */
    void deliverPacket(PublicKey peer, byte[] packet);

    /** Something that happened, for logs, traces and assertions. */
    void event(DeviceEvent event);
}
