package io.wgsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.config.WgDump;
import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PrivateKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerCommandTest {
    @TempDir
    Path dir;

    private final PrivateKey key = PrivateKey.generate(Entropy.secure());
    private final PrivateKey peerKey = PrivateKey.generate(Entropy.secure());

    private Path config(String extraInterfaceLines) throws IOException {
        Path file = dir.resolve("alice.conf");
        Files.writeString(file, """
                [Interface]
                PrivateKey = %s
                Address = 198.19.0.1/24
                %s
                [Peer]
                PublicKey = %s
                AllowedIPs = 198.19.0.2/32
                """.formatted(key.toBase64(), extraInterfaceLines, peerKey.publicKey()));
        return file;
    }

    @Test
    void helpDocumentsEveryOption() {
        Cli.Result r = Cli.run("", "peer", "--help");
        assertEquals(0, r.exitCode());
        for (String option : List.of("--config=FILE", "--listen=ADDR[:PORT]", "--ping=ADDR", "--count=N",
                "--interval=DURATION", "--for=DURATION", "--status-file=FILE", "--keylog=FILE", "500ms, 10s, 2m")) {
            assertTrue(r.out().contains(option), () -> option + " missing from:\n" + r.out());
        }
    }

    @Test
    void runsForAWhileOnARandomLoopbackPortAndWritesItsStatus() throws IOException {
        Path status = dir.resolve("alice.dump");
        Cli.Result r = Cli.run("", "peer", "--config", config("DNS = 198.18.0.53").toString(), "--listen", "127.0.0.1",
                "--for", "300ms", "--status-file", status.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("warning: " + dir.resolve("alice.conf") + ":4: DNS is not used by wgsim"), r.err());
        assertTrue(r.err().contains("listening on UDP 127.0.0.1:"), r.err());
        assertTrue(r.err().contains("peer " + peerKey.publicKey() + " endpoint (none until it sends)"), r.err());
        WgDump dump = WgDump.parse(Files.readString(status));
        assertEquals(key.publicKey(), dump.iface().publicKey());
        assertTrue(dump.iface().listenPort() > 0);
        assertFalse((r.out() + r.err()).contains(key.toBase64()), "the private key was printed");
    }

    @Test
    void aConfigErrorNamesFileAndLineAndExitsOne() throws IOException {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "[Interface]\nPrivateKey = %s\nListenPort = eleven\n".formatted(key.toBase64()));
        Cli.Result r = Cli.run("", "peer", "--config", file.toString());

        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("wgsim: " + file + ":3: [Interface] ListenPort: "), r.err());
        assertFalse(r.err().contains(key.toBase64()));
    }

    @Test
    void aMissingConfigFileExitsOne() {
        Cli.Result r = Cli.run("", "peer", "--config", dir.resolve("nope.conf").toString());
        assertEquals(1, r.exitCode());
        assertEquals("wgsim: " + dir.resolve("nope.conf") + ": no such file\n", r.err());
    }

    @Test
    void aPingWithoutARouteIsRefusedBeforeAnythingStarts() throws IOException {
        Cli.Result r = Cli.run("", "peer", "--config", config("").toString(), "--ping", "198.19.0.9");
        assertEquals(1, r.exitCode());
        assertEquals("wgsim: no peer's AllowedIPs contain 198.19.0.9: the ping would have no route\n", r.err());

        Cli.Result v6 = Cli.run("", "peer", "--config", config("").toString(), "--ping", "fd00::2");
        assertEquals(1, v6.exitCode());
        assertTrue(v6.err().contains("the [Interface] has no IPv6 Address to send from"), v6.err());
    }

    @Test
    void usageMistakesExitTwo() throws IOException {
        String conf = config("").toString();
        Cli.Result countAlone = Cli.run("", "peer", "--config", conf, "--count", "3");
        assertEquals(2, countAlone.exitCode());
        assertTrue(countAlone.err().contains("--count and --interval go with --ping"), countAlone.err());

        Cli.Result badDuration = Cli.run("", "peer", "--config", conf, "--for", "5");
        assertEquals(2, badDuration.exitCode());
        assertTrue(badDuration.err().contains("needs a unit"), badDuration.err());

        assertEquals(2, Cli.run("", "peer").exitCode(), "--config is required");
    }

    @Test
    void unusableFilesAndAddressesAreOneLineErrors() throws IOException {
        String conf = config("").toString();
        Path nowhere = dir.resolve("no-such-dir");
        Cli.Result keyLog = Cli.run("", "peer", "--config", conf, "--listen", "127.0.0.1",
                "--keylog", nowhere.resolve("keys").toString());
        assertEquals("wgsim: cannot open key log " + nowhere.resolve("keys") + ": no such directory\n", keyLog.err());

        Cli.Result status = Cli.run("", "peer", "--config", conf, "--listen", "127.0.0.1",
                "--status-file", nowhere.resolve("dump").toString());
        assertEquals("wgsim: cannot write status file " + nowhere.resolve("dump") + ": no directory " + nowhere + "\n",
                status.err());

        Cli.Result bind = Cli.run("", "peer", "--config", conf, "--listen", "198.18.255.254:51820");
        assertEquals(1, bind.exitCode());
        assertTrue(bind.err().startsWith("wgsim: cannot listen on 198.18.255.254:51820: "), bind.err());
    }

    @Test
    void badListenAndPingAddressesAreOneLineErrors() throws IOException {
        String conf = config("").toString();
        Cli.Result listen = Cli.run("", "peer", "--config", conf, "--listen", "localhost:51820");
        assertEquals(1, listen.exitCode());
        assertTrue(listen.err().startsWith("wgsim: --listen: 'localhost:51820' names a host"), listen.err());

        Cli.Result ping = Cli.run("", "peer", "--config", conf, "--ping", "peer.example");
        assertEquals("wgsim: --ping: 'peer.example' is not an IP address\n", ping.err());

        Cli.Result count = Cli.run("", "peer", "--config", conf, "--ping", "198.19.0.2", "--count", "0");
        assertEquals("wgsim: --count 0 is out of range 1..65535\n", count.err());
    }
}
