package io.wgsim.check;

import static io.wgsim.check.RecordedPeers.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the datagrams hold, the checker reports on them and never throws: captures of the core made
 * faulty at random (bytes flipped, messages cut, frames copied, a port set to 0), from a fixed seed.
 */
class CheckerRobustnessTest {
    @TempDir
    Path dir;

    @Test
    void randomlyDamagedCapturesAreJudgedNotThrownAt() throws Exception {
        Random random = new Random(20261125);
        int judged = 0;
        for (int round = 0; round < 60; round++) {
            RecordedPeers p = new RecordedPeers().handshake(SECOND);
            for (int s = 2; s <= 6; s++) {
                p.alice.send(s * SECOND, 60);
                p.bob.send(s * SECOND + SECOND / 10, 60);
            }
            p.alice.initiate(12 * SECOND);
            p.bob.send(13 * SECOND, 60);
            for (int n = 0; n < 4; n++) {
                RecordedPeers.Frame f = p.frames.get(random.nextInt(p.frames.size()));
                switch (random.nextInt(3)) {
                    case 0 -> f.payload[random.nextInt(f.payload.length)] ^= (byte) (1 << random.nextInt(8));
                    case 1 -> f.payload = java.util.Arrays.copyOf(f.payload, random.nextInt(f.payload.length + 1));
                    default -> p.frames.add(random.nextInt(p.frames.size() + 1), f.copy());
                }
            }
            if (round % 2 == 0) {
                // Port 0 is no endpoint a configuration may name, but a capture can hold it.
                int at = random.nextInt(p.frames.size());
                RecordedPeers.Frame f = p.frames.get(at);
                p.frames.set(at, new RecordedPeers.Frame(f.time, new InetSocketAddress(f.source.getAddress(), 0),
                        f.destination, f.payload));
            }
            CheckReport r = Checker.check(p.write(dir.resolve("damaged" + round + ".pcapng"), random.nextBoolean()),
                    List.of(), List.of(), CheckOptions.defaults());
            assertEquals(p.frames.size(), r.frames());
            judged += r.violations().isEmpty() ? 0 : 1;
        }
        assertTrue(judged > 30, "most damaged captures break some rule: " + judged);
    }
}
