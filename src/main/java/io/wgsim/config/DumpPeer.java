package io.wgsim.config;

import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A peer line of {@code wg show <if> dump}. The preshared key is reduced to whether one is set.
 *
 * @param endpoint null when the peer has none yet
 * @param latestHandshakeEpochSeconds Unix seconds of the last completed handshake; 0 = never
 * @param rxBytes unsigned 64-bit, as the kernel counts (compare with {@link Long#compareUnsigned})
 * @param txBytes unsigned 64-bit
 * @param persistentKeepaliveSeconds 0..65535; 0 = off
 */
public record DumpPeer(PublicKey publicKey, boolean hasPresharedKey, Endpoint endpoint, List<Cidr> allowedIps,
                       long latestHandshakeEpochSeconds, long rxBytes, long txBytes, int persistentKeepaliveSeconds) {
    private static final String[] FIELDS = {"public-key", "preshared-key", "endpoint", "allowed-ips",
            "latest-handshake", "transfer-rx", "transfer-tx", "persistent-keepalive"};

    public DumpPeer {
        Objects.requireNonNull(publicKey, "publicKey");
        allowedIps = List.copyOf(allowedIps);
        if (latestHandshakeEpochSeconds < 0) {
            throw new IllegalArgumentException("latestHandshakeEpochSeconds " + latestHandshakeEpochSeconds + " is negative");
        }
        if (persistentKeepaliveSeconds < 0 || persistentKeepaliveSeconds > 65535) {
            throw new IllegalArgumentException("persistentKeepaliveSeconds " + persistentKeepaliveSeconds
                    + " is out of range 0..65535");
        }
    }

    public boolean hasHandshake() {
        return latestHandshakeEpochSeconds != 0;
    }

    static DumpPeer parse(String text, int line) {
        DumpFields f = DumpFields.split(text, line, FIELDS);
        return new DumpPeer(
                f.get(0, KeyText::publicKey),
                f.secretIsSet(1, KeyText::presharedKey),
                f.text(2).equals(DumpFields.NONE) ? null : f.get(2, Endpoint::parse),
                f.text(3).equals(DumpFields.NONE) ? List.of() : f.get(3, ConfigValues::cidrs),
                f.get(4, s -> {
                    long seconds = DumpFields.unsigned(s);
                    if (seconds < 0) {
                        throw new IllegalArgumentException("'" + s + "' is too far in the future");
                    }
                    return seconds;
                }),
                f.get(5, DumpFields::unsigned),
                f.get(6, DumpFields::unsigned),
                f.text(7).equals(DumpFields.OFF) ? 0 : f.get(7, s -> DumpFields.number(s, 65535)));
    }

    String format() {
        return String.join("\t",
                publicKey.toBase64(),
                hasPresharedKey ? DumpFields.HIDDEN : DumpFields.NONE,
                endpoint == null ? DumpFields.NONE : endpoint.toString(),
                allowedIps.isEmpty() ? DumpFields.NONE
                        : allowedIps.stream().map(Cidr::toString).collect(Collectors.joining(",")),
                Long.toString(latestHandshakeEpochSeconds),
                Long.toUnsignedString(rxBytes),
                Long.toUnsignedString(txBytes),
                persistentKeepaliveSeconds == 0 ? DumpFields.OFF : Integer.toString(persistentKeepaliveSeconds));
    }
}
