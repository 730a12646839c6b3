/**
 * The capture checker behind {@code wgsim check}: reads a pcap or pcapng capture, follows WireGuard's
 * handshakes and sessions in it (decrypting them, as Wireshark does, with whatever keys a key log, the
 * capture's Decryption Secrets Blocks or wg-quick files give) and reports protocol violations by frame.
 *
 * <ul>
 *   <li>{@link io.wgsim.check.Checker} is the entry point: two passes over the capture, then every rule.</li>
 *   <li>The tracker turns each WireGuard datagram into an observation: sessions by receiver index,
 *       parties by key or address, copies recognised, plaintext when decrypted. Message decoding is the
 *       core's {@code MessageCodec}; the Noise steps are the core's {@code SymmetricState}.</li>
 *   <li>One class per rule ({@link io.wgsim.check.RuleId} lists them); each is defined precisely, with
 *       its source and exemptions, in docs/check.md, and reports {@link io.wgsim.check.Violation}s.</li>
 * </ul>
 */
package io.wgsim.check;
