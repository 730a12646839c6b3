package io.wgsim.lab;

import io.wgsim.crypto.PresharedKey;
import io.wgsim.net.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void both() {
        SimLab lab = new SimLab(5, Path.of("target/scratch.pcapng"));
        lab.addNetwork("internet", Cidr.parse("198.18.0.0/24"));
        lab.addPeer("alice", PeerRole.WGSIM, "internet", List.of(Cidr.parse("10.0.0.1/24")), 51820);
        lab.addPeer("bob", PeerRole.UNDER_TEST, "internet", List.of(Cidr.parse("10.0.0.2/24")), 51820);
        lab.configure("alice", new PeerEntry("bob", lab.publicKey("bob"), PresharedKey.NONE, List.of(Cidr.parse("10.0.0.2/32")), true, null));
        lab.configure("bob", new PeerEntry("alice", lab.publicKey("alice"), PresharedKey.NONE, List.of(Cidr.parse("10.0.0.1/32")), true, null));
        PingRun a = lab.ping("alice", "10.0.0.2", null, 50, Duration.ofMillis(200), 56);
        PingRun b = lab.ping("bob", "10.0.0.1", null, 50, Duration.ofMillis(200), 56);
        lab.advance(Duration.ofSeconds(11));
        System.out.println(a.describe() + " / " + b.describe());
        lab.events("alice").get().stream().limit(30).forEach(e -> System.out.println("A " + e));
        lab.events("bob").get().stream().limit(30).forEach(e -> System.out.println("B " + e));
        lab.wire().stream().limit(30).forEach(m -> System.out.println(m.describe() + " rx=" + m.receiverIndex() + " c=" + m.counter()));
        lab.close();
    }
}
