package io.wgsim.capture;

import java.util.List;

/**
 * A whole capture file read into memory by {@link CaptureReader#readAll}.
 *
 * @param format the file's format
 * @param interfaces every interface, in file order
 * @param records every packet, in file order
 * @param secrets every Decryption Secrets Block, in file order (none in classic pcap)
 */
public record Capture(CaptureFormat format, List<CaptureInterface> interfaces, List<CaptureRecord> records,
        List<DecryptionSecrets> secrets) {

    public Capture {
        interfaces = List.copyOf(interfaces);
        records = List.copyOf(records);
        secrets = List.copyOf(secrets);
    }

    /** The lines of every WireGuard key-log secrets block, in file order. */
    public List<String> wireGuardKeyLog() {
        return secrets.stream().filter(DecryptionSecrets::isWireGuardKeyLog)
                .flatMap(s -> s.lines().stream()).toList();
    }
}
