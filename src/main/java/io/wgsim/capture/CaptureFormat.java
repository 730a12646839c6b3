package io.wgsim.capture;

/** The two capture file formats {@link CaptureReader} reads. */
public enum CaptureFormat {
    /** Classic libpcap (draft-ietf-opsawg-pcap): magic 0xA1B2C3D4 (microseconds) or 0xA1B23C4D (nanoseconds). */
    PCAP,
    /** pcap next generation (draft-ietf-opsawg-pcapng): blocks, starting with a Section Header Block. */
    PCAPNG
}
