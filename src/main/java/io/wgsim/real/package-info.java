/**
 * The real-world driver of the protocol core: one {@link io.wgsim.protocol.Device} behind a real UDP
 * socket and the wall clock, with a minimal userspace IP layer on its tunnel side. This is what
 * {@code wgsim peer} runs, and what the conformance runs point at wireguard-go.
 *
 * <p>One job per class: {@code DriverClock} (driver time and the Unix time it maps to), {@code UdpSocket}
 * (a non-blocking channel and its selector), {@code IpLayer} (answers ICMP echo and UDP echo on the
 * interface's addresses), {@code Pinger} (echo requests out, replies matched, round trips timed),
 * {@code StatusFile} ({@code wg show dump} text, replaced atomically), {@code KeyLogFile} (Wireshark key
 * log, mode 0600), {@code EventLines} (what a person sees on stderr; never a secret) and
 * {@code DeviceConfig} (wg-quick settings to core settings). {@link io.wgsim.real.RealPeer} is the
 * single-threaded event loop that ties them together.
 *
 * <p>{@link io.wgsim.real.ImpairmentRelay} stands between two real peers and applies the simulator's link
 * model to what passes, in real time and from its own seed ({@code RelayDirection} is one way through it,
 * {@code PendingDelivery} a copy waiting for its time). It, {@code RealPeer} and
 * {@link io.wgsim.real.PeerOptions} are the only public types.
 */
package io.wgsim.real;
