package io.wgsim.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/** The peer image's build context and content tag, from made-up files (no Docker, no host binaries). */
class PeerImageTest {

    private static PeerImage.Context context(byte[] wg) {
        TreeMap<String, byte[]> files = new TreeMap<>(Map.of("/usr/bin/wg", wg, "/bin/busybox", new byte[] {1, 2}));
        TreeMap<String, String> links = new TreeMap<>(Map.of("/bin/sh", "busybox"));
        return new PeerImage.Context(files, links, List.of("/tmp"));
    }

    @Test
    void theTagFollowsTheContentAndNothingElse() {
        byte[] wg = "wg v1".getBytes(StandardCharsets.US_ASCII);
        assertEquals(PeerImage.hash(context(wg)), PeerImage.hash(context(wg.clone())));
        assertNotEquals(PeerImage.hash(context(wg)), PeerImage.hash(context("wg v2".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(64, PeerImage.hash(context(wg)).length());
    }

    @Test
    void theBuildContextHoldsTheDockerfileAndTheRootfs() throws IOException {
        byte[] tar = PeerImage.tar(context("wg v1".getBytes(StandardCharsets.US_ASCII)));
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), e);
                contents.put(e.getName(), in.readAllBytes());
            }
        }
        assertEquals(List.of("Dockerfile", "rootfs/tmp/", "rootfs/bin/busybox", "rootfs/usr/bin/wg", "rootfs/bin/sh"),
                List.copyOf(entries.keySet()));
        assertTrue(new String(contents.get("Dockerfile"), StandardCharsets.UTF_8).contains("FROM scratch"));
        assertArrayEquals("wg v1".getBytes(StandardCharsets.US_ASCII), contents.get("rootfs/usr/bin/wg"));
        assertEquals(0755, entries.get("rootfs/usr/bin/wg").getMode() & 07777);
        assertEquals(01777, entries.get("rootfs/tmp/").getMode() & 07777);
        assertTrue(entries.get("rootfs/bin/sh").isSymbolicLink());
        assertEquals("busybox", entries.get("rootfs/bin/sh").getLinkName());
    }
}
