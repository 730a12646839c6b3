package io.wgsim.check;

import java.net.InetSocketAddress;

/**
 * Where and when a WireGuard datagram was captured.
 *
 * @param frame the 1-based frame number in the file
 * @param time nanoseconds since the capture's first frame
 */
record Packet(long frame, long time, InetSocketAddress source, InetSocketAddress destination) {}
