/**
 * Packet captures: what wgsim writes so Wireshark and tshark can show and decrypt a run, and what its
 * checks read back.
 *
 * <ul>
 *   <li>{@link io.wgsim.capture.PcapngWriter} streams pcapng (draft-ietf-opsawg-pcapng): a Section
 *       Header Block, Interface Description Blocks with nanosecond timestamps, Enhanced Packet Blocks
 *       and Decryption Secrets Blocks. A secrets block of type WireGuard key log (0x57474b4c) holding
 *       the lines of {@code DeviceEvent.SessionSecrets} lets Wireshark decrypt the capture with no
 *       settings at all. Such a file holds private keys, so a writer given a path creates it with mode
 *       0600 where POSIX permissions exist.</li>
 *   <li>{@link io.wgsim.capture.OuterPacket} is the IPv4 or IPv6 + UDP packet a WireGuard datagram
 *       travels in, for captures of links between simulated hosts ({@link io.wgsim.capture.LinkType#RAW}:
 *       no link-layer header).</li>
 *   <li>{@link io.wgsim.capture.CaptureReader} reads pcapng ({@link io.wgsim.capture.PcapngReader}) and
 *       classic pcap ({@link io.wgsim.capture.PcapReader}) files in either byte order, returning each
 *       packet with its link type and a nanosecond timestamp, and the decryption secrets. Truncated or
 *       corrupt files raise a {@link io.wgsim.capture.CaptureFormatException} naming the byte offset.</li>
 * </ul>
 */
package io.wgsim.capture;
