package io.wgsim.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.lab.Forgery;
import io.wgsim.lab.Lab;
import io.wgsim.lab.PeerEntry;
import io.wgsim.net.Cidr;
import io.wgsim.sim.RandomStream;
import io.wgsim.sim.link.LinkModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Building the scenario's network: peers in wg-quick terms, NATs, links and what changes in them. */
public class NetworkSteps {
    /** A point of order 8 on Curve25519: every DH with it is all zeros. */
    private static final byte[] LOW_ORDER_POINT =
            HexFormat.of().parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
    private static final Duration DEFAULT_NAT_TIMEOUT = Duration.ofSeconds(30);
    private static final int FLOOD_PER_SECOND = 200;

    private final ScenarioState s = ScenarioState.current();

    private Lab lab() {
        return s.lab();
    }

    @Given("the seed is {long}")
    public void theSeedIs(long seed) {
        s.setSeed(seed);
    }

    @Given("{peer} and {peer} are peers")
    public void arePeers(String a, String b) {
        s.peer(a);
        s.peer(b);
        s.configure(a, entryFor(a, b));
        s.configure(b, entryFor(b, a));
    }

    /** The [Peer] section for {@code remote}: its key and host prefixes, its endpoint unless it is behind a NAT. */
    private PeerEntry entryFor(String peer, String remote) {
        boolean reachable = true;
        try {
            lab().reachableAddress(remote);
        } catch (IllegalStateException natted) {
            reachable = false;
        }
        return new PeerEntry(remote, lab().publicKey(remote), PresharedKey.NONE, s.hostPrefixes(remote), reachable, Duration.ZERO);
    }

    @Given("{peer} knows {peer}, but {peer} does not know {peer}")
    public void knowsOneWay(String a, String b, String b2, String a2) {
        if (!b.equals(b2) || !a.equals(a2)) {
            throw new IllegalArgumentException("say 'A knows B, but B does not know A' with the same two names");
        }
        s.peer(a);
        s.peer(b);
        s.configure(a, entryFor(a, b));
    }

    @Given("{peer} lives on the {word} network")
    public void livesOn(String peer, String network) {
        s.createPeer(peer, s.network(network));
    }

    @Given("{peer} is behind a NAT")
    public void behindNat(String peer) {
        behindNatWithTimeout(peer, DEFAULT_NAT_TIMEOUT);
    }

    @Given("{peer} is behind a NAT that forgets mappings after {duration}")
    public void behindNatWithTimeout(String peer, Duration timeout) {
        s.createPeer(peer, s.nattedNetwork("home-" + peer, timeout));
    }

    @Given("{peer} does not know where {peer} is")
    public void noEndpoint(String peer, String remote) {
        s.configure(peer, s.entry(peer, remote).withEndpoint(false));
    }

    @Given("{peer} and {peer} share a preshared key")
    public void sharePsk(String a, String b) {
        PresharedKey psk = psk("psk:" + a + ":" + b);
        s.configure(a, s.entry(a, b).withPresharedKey(psk));
        s.configure(b, s.entry(b, a).withPresharedKey(psk));
    }

    @Given("{peer} and {peer} have different preshared keys")
    public void differentPsks(String a, String b) {
        s.configure(a, s.entry(a, b).withPresharedKey(psk("psk:" + a)));
        s.configure(b, s.entry(b, a).withPresharedKey(psk("psk:" + b)));
    }

    private PresharedKey psk(String name) {
        byte[] k = new byte[32];
        RandomStream.derive(s.seed, name).nextBytes(k);
        return PresharedKey.of(k);
    }

    @Given("{peer} has the wrong public key for {peer}")
    public void wrongKey(String peer, String remote) {
        PublicKey wrong = PrivateKey.generate(RandomStream.derive(s.seed, "wrong-key:" + remote)).publicKey();
        s.configure(peer, s.entry(peer, remote).withPublicKey(wrong));
    }

    @Given("{peer} has an all-zero public key for {peer}")
    public void zeroKey(String peer, String remote) {
        s.configure(peer, s.entry(peer, remote).withPublicKey(PublicKey.of(new byte[32])));
    }

    @Given("{peer} has a low-order public key for {peer}")
    public void lowOrderKey(String peer, String remote) {
        s.configure(peer, s.entry(peer, remote).withPublicKey(PublicKey.of(LOW_ORDER_POINT)));
    }

    @Given("{peer} sends a persistent keepalive to {peer} every {duration}")
    public void persistentKeepalive(String peer, String remote, Duration every) {
        s.configure(peer, s.entry(peer, remote).withPersistentKeepalive(every));
    }

    @Given("{peer} allows {prefixes} from {peer}")
    public void allows(String peer, List<Cidr> prefixes, String remote) {
        if (!s.entries.getOrDefault(peer, java.util.Map.of()).containsKey(remote)) {
            s.peer(peer);
            s.peer(remote);
            s.configure(peer, entryFor(peer, remote).withAllowedIps(prefixes));
            return;
        }
        s.configure(peer, s.entry(peer, remote).withAllowedIps(prefixes));
    }

    @Given("{peer} also allows {prefixes} from {peer}")
    public void alsoAllows(String peer, List<Cidr> prefixes, String remote) {
        List<Cidr> all = new ArrayList<>(s.entry(peer, remote).allowedIps());
        all.addAll(prefixes);
        s.configure(peer, s.entry(peer, remote).withAllowedIps(all));
    }

    @Given("{peer} allows {int} more generated prefixes from {peer}")
    public void allowsGenerated(String peer, int count, String remote) {
        List<Cidr> all = new ArrayList<>(s.entry(peer, remote).allowedIps());
        all.addAll(GeneratedPrefixes.distinct(count));
        s.configure(peer, s.entry(peer, remote).withAllowedIps(all));
    }

    @Given("{peer} has {int} other peers with {int} allowed prefixes each")
    public void manyPeers(String peer, int peers, int each) {
        List<List<Cidr>> tables = GeneratedPrefixes.perPeer(peers, each);
        for (int i = 0; i < peers; i++) {
            PublicKey key = PrivateKey.generate(RandomStream.derive(s.seed, "other-peer:" + (i + 1))).publicKey();
            s.configure(peer, new PeerEntry("other-" + (i + 1), key, PresharedKey.NONE, tables.get(i), false, Duration.ZERO));
        }
    }

    @Given("{peer} is an attacker")
    public void attacker(String name) {
        s.attacker(name);
    }

    @Given("{peer} forwards packets that are not for it back into the tunnel")
    public void forwards(String peer) {
        lab().enableForwarding(s.peer(peer));
    }

    // ---- links ----

    @Given("the link of {peer} has {netem}")
    public void link(String peer, LinkModel model) {
        lab().impair(s.peer(peer), model, model);
    }

    @Given("the link of {peer} has {percentage} loss")
    public void linkLoss(String peer, Double percent) {
        LinkModel m = lab().baseLink().toBuilder().loss(percent).build();
        lab().impair(s.peer(peer), m, m);
    }

    @Given("everything {peer} sends is lost")
    public void uplinkCut(String peer) {
        lab().impair(s.peer(peer), lab().baseLink().toBuilder().loss(100).build(), lab().baseLink());
    }

    @When("the link of {peer} goes down")
    public void linkDown(String peer) {
        LinkModel cut = lab().baseLink().toBuilder().loss(100).build();
        lab().impair(s.peer(peer), cut, cut);
    }

    @When("the link of {peer} comes back")
    public void linkUp(String peer) {
        lab().impair(s.peer(peer), lab().baseLink(), lab().baseLink());
    }

    // ---- changes ----

    @When("{peer} moves to the {word} network")
    public void moves(String peer, String network) {
        lab().move(s.peer(peer), s.network(network));
    }

    @When("the NAT in front of {peer} rebinds")
    public void natRebinds(String peer) {
        lab().rebindNat("home-" + peer);
    }

    @When("{peer} listens on port {int}")
    public void listensOn(String peer, int port) {
        lab().changeListenPort(s.peer(peer), port);
    }

    @When("{peer} restarts")
    public void restarts(String peer) {
        lab().restart(s.peer(peer));
    }

    @When("{peer} changes its private key and {peer} learns the new public key")
    public void changesKey(String peer, String other) {
        PublicKey fresh = lab().changePrivateKey(s.peer(peer));
        s.configure(other, s.entry(other, peer).withPublicKey(fresh));
    }

    @When("{peer}'s clock goes back {duration}")
    public void clockBack(String peer, Duration by) {
        lab().shiftClock(s.peer(peer), by.negated());
    }

    @When("{peer}'s send counter for {peer} is set to {counter}")
    public void sendCounter(String peer, String remote, Long counter) {
        lab().setSendCounter(peer, remote, counter);
    }

    @Given("{peer} is flooded with handshake initiations for {duration}")
    public void flooded(String peer, Duration during) {
        s.peer(peer);
        String flooder = s.attacker("flooder");
        PrivateKey stranger = PrivateKey.generate(RandomStream.derive(s.seed, "flooder-key"));
        byte[] initiation = Forgery.initiation(stranger, lab().publicKey(peer), lab().unixNanosNow(),
                RandomStream.derive(s.seed, "flooder"));
        int count = (int) (during.toMillis() * FLOOD_PER_SECOND / 1000);
        lab().injectRepeatedly(flooder, peer, initiation, count, Duration.ofNanos(1_000_000_000L / FLOOD_PER_SECOND));
    }
}
