package io.wgsim.steps;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.crypto.PresharedKey;
import io.wgsim.lab.PeerEntry;
import io.wgsim.lab.PeerRole;
import io.wgsim.lab.SimLab;
import io.wgsim.net.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check on real captures accepts one that decrypts and refuses the same capture without its keys. */
class RealCaptureCheckTest {
    @TempDir Path dir;

    private Path pingCapture() {
        Path capture = dir.resolve("ping.pcapng");
        SimLab lab = new SimLab(5, capture);
        lab.addNetwork("internet", Cidr.parse("198.18.0.0/24"));
        lab.addPeer("alice", PeerRole.WGSIM, "internet", List.of(Cidr.parse("10.0.0.1/24")), 51820);
        lab.addPeer("bob", PeerRole.UNDER_TEST, "internet", List.of(Cidr.parse("10.0.0.2/24")), 51820);
        lab.configure("alice", new PeerEntry("bob", lab.publicKey("bob"), PresharedKey.NONE, List.of(Cidr.parse("10.0.0.2/32")), true, null));
        lab.configure("bob", new PeerEntry("alice", lab.publicKey("alice"), PresharedKey.NONE, List.of(Cidr.parse("10.0.0.1/32")), true, null));
        lab.ping("alice", "bob", null, 3, Duration.ofMillis(100), 56);
        lab.advance(Duration.ofSeconds(2));
        lab.close();
        return capture;
    }

    @Test
    void aCaptureWithItsKeysPassesAndWithoutThemFails() throws Exception {
        Path capture = pingCapture();
        assertDoesNotThrow(() -> RealCaptureCheck.decrypts(capture, false));
        Path stripped = dir.resolve("stripped.pcapng");
        Process editcap = new ProcessBuilder("editcap", "--discard-all-secrets", capture.toString(), stripped.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, editcap.waitFor(), new String(editcap.getInputStream().readAllBytes()));
        AssertionError e = assertThrows(AssertionError.class, () -> RealCaptureCheck.decrypts(stripped, false));
        assertTrue(e.getMessage().contains("data message tshark could not decrypt"), e.getMessage());
    }
}
