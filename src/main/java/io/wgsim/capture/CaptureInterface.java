package io.wgsim.capture;

/**
 * An interface a capture holds packets from: a pcapng Interface Description Block, or the file header
 * of a classic pcap file.
 *
 * @param section the pcapng section it belongs to, counting from 0 (always 0 for classic pcap)
 * @param id its Interface ID within the section
 * @param linkType its link-layer type (see {@link LinkType})
 * @param snapLength the most bytes kept of each packet; 0 means no limit
 * @param name the if_name option, or null if absent
 * @param timestampResolution the if_tsresol option byte (6 = microseconds, 9 = nanoseconds; high bit
 *        set means a power of two), 6 when absent
 */
public record CaptureInterface(int section, int id, int linkType, long snapLength, String name,
        int timestampResolution) {}
