/**
 * WireGuard as a sans-IO state machine (whitepaper sections 5 and 6; the kernel module's noise.c,
 * cookie.c, timers.c, send.c and receive.c). {@link io.wgsim.protocol.Device} is the only entry point:
 * datagrams, packets and timer ticks go in with an explicit time, datagrams, packets and events come out
 * through a {@link io.wgsim.protocol.DeviceSink}.
 *
 * <p>One concern per class: {@code Handshake} (Noise IKpsk2 over {@code SymmetricState}),
 * {@code CookieChecker} and {@code CookieGenerator} (MAC1/MAC2 and cookie replies), {@code Timers} (the
 * five timers behind eight hooks), {@code Keypairs} (previous/current/next), {@code IndexTable},
 * {@code Inbound} and {@code Outbound} (the receive and send paths). They are package-private; the
 * self-contained parts with no protocol state live in subpackages: {@code wire} (messages and
 * constants), {@code replay}, {@code allowedips} and {@code ratelimit}.
 */
package io.wgsim.protocol;
