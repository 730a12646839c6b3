package io.wgsim.real;

import io.wgsim.config.DumpInterface;
import io.wgsim.config.DumpPeer;
import io.wgsim.config.Endpoint;
import io.wgsim.config.WgDump;
import io.wgsim.protocol.DeviceStatus;
import io.wgsim.protocol.PeerStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A device's status as {@code wg show <if> dump} text ({@link WgDump}, secrets printed as "(hidden)"),
 * replaced atomically: written to a temporary file in the same directory, then renamed over the old one,
 * so a reader sees the previous status or the new one, never half of one.
 */
final class StatusFile {
    private final Path path;

    StatusFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    void write(DeviceStatus status) throws IOException {
        Path temporary = Files.createTempFile(path.getParent(), "." + path.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temporary, dump(status).format(), StandardCharsets.UTF_8);
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The dump wg(8) would print for this device (with no fwmark, which wgsim has not). */
    static WgDump dump(DeviceStatus status) {
        List<DumpPeer> peers = new ArrayList<>();
        for (PeerStatus p : status.peers()) {
            peers.add(new DumpPeer(p.publicKey(), p.hasPresharedKey(),
                    p.endpoint() == null ? null : Endpoint.of(p.endpoint()), p.allowedIps(),
                    p.latestHandshakeEpochSeconds(), p.rxBytes(), p.txBytes(), p.persistentKeepaliveSeconds()));
        }
        return new WgDump(new DumpInterface(true, status.publicKey(), status.listenPort(), 0), peers);
    }
}
