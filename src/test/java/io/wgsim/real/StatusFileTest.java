package io.wgsim.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.wgsim.config.DumpPeer;
import io.wgsim.config.WgDump;
import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.protocol.DeviceStatus;
import io.wgsim.protocol.PeerStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusFileTest {
    @TempDir
    Path dir;

    private static final PrivateKey KEY = PrivateKey.generate(Entropy.seeded(1));
    private static final PublicKey PEER = PrivateKey.generate(Entropy.seeded(2)).publicKey();

    private static DeviceStatus status(long rx, long tx) {
        PeerStatus peer = new PeerStatus(PEER, true, new InetSocketAddress("198.18.0.2", 51820),
                List.of(Cidr.parse("198.19.0.2/32")), 1_700_000_000L, rx, tx, 25, 1, 1, 1, Map.of());
        return new DeviceStatus(KEY.publicKey(), 51821, List.of(peer), Map.of());
    }

    @Test
    void writesWgShowDumpTextWithTheSecretsHidden() throws IOException {
        Path file = dir.resolve("wg0.dump");
        new StatusFile(file).write(status(100, 200));

        String text = Files.readString(file);
        assertEquals("(hidden)\t" + KEY.publicKey() + "\t51821\toff\n"
                + PEER + "\t(hidden)\t198.18.0.2:51820\t198.19.0.2/32\t1700000000\t100\t200\t25\n", text);
        WgDump dump = WgDump.parse(text);
        DumpPeer peer = dump.peer(PEER).orElseThrow();
        assertEquals(100, peer.rxBytes());
        assertEquals(200, peer.txBytes());
    }

    @Test
    void replacesTheFileAndLeavesNoTemporaryBehind() throws IOException {
        Path file = dir.resolve("wg0.dump");
        StatusFile status = new StatusFile(file);
        status.write(status(1, 2));
        status.write(status(3, 4));

        assertEquals(3, WgDump.parse(Files.readString(file)).peer(PEER).orElseThrow().rxBytes());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aPeerWithoutEndpointOrHandshakePrintsAsWgDoes() {
        PeerStatus peer = new PeerStatus(PEER, false, null, List.of(), 0, 0, 0, 0, 0, 0, 0, Map.of());
        String text = StatusFile.dump(new DeviceStatus(KEY.publicKey(), 0, List.of(peer), Map.of())).format();
        assertEquals(PEER + "\t(none)\t(none)\t(none)\t0\t0\t0\toff", text.lines().toList().get(1));
        assertFalse(text.contains(KEY.toBase64()));
    }
}
