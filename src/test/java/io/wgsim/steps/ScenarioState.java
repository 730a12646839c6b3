package io.wgsim.steps;

import io.cucumber.java.Scenario;
import io.wgsim.lab.Lab;
import io.wgsim.lab.PeerEntry;
import io.wgsim.lab.PeerRole;
import io.wgsim.lab.PingRun;
import io.wgsim.net.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one running scenario knows beyond its lab: the peers' tunnel addresses and [Peer] sections, the
 * pings started, and where "from now on" begins. Step classes share it through {@link #current()}
 * (Cucumber makes new glue objects per scenario, on one thread).
 */
final class ScenarioState {
    private static final ThreadLocal<ScenarioState> CURRENT = new ThreadLocal<>();

    /** The peer that is the implementation under test in every scenario (wireguard-go on the real lab). */
    static final String PEER_UNDER_TEST = "bob";
    static final String INTERNET = "internet";
    static final int LISTEN_PORT = 51820;

    final Scenario scenario;
    final String backend;
    final Path capture;
    final String repoRelativeCapture;
    long seed;
    private Lab lab;
    private final Map<String, Integer> peerNumbers = new LinkedHashMap<>();
    private final Set<String> networks = new LinkedHashSet<>();
    private final Set<String> attackers = new LinkedHashSet<>();
    /** [Peer] sections as configured: peer -> remote -> entry. */
    final Map<String, Map<String, PeerEntry>> entries = new LinkedHashMap<>();
    final Map<String, PingRun> lastPing = new LinkedHashMap<>();
    final List<PingRun> pings = new ArrayList<>();
    /** "From now on": wire observations that say so count from here. */
    long markNanos;
    int markWireIndex;

    ScenarioState(Scenario scenario, String backend, long seed, Path capture, String repoRelativeCapture) {
        this.scenario = scenario;
        this.backend = backend;
        this.seed = seed;
        this.capture = capture;
        this.repoRelativeCapture = repoRelativeCapture;
    }

    static ScenarioState current() {
        ScenarioState s = CURRENT.get();
        if (s == null) {
            throw new IllegalStateException("no scenario is running (steps run only inside a Cucumber scenario)");
        }
        return s;
    }

    static void begin(ScenarioState s) {
        CURRENT.set(s);
    }

    static ScenarioState end() {
        ScenarioState s = CURRENT.get();
        CURRENT.remove();
        return s;
    }

    /** The lab, opened on first use so a scenario may set its seed first. */
    Lab lab() {
        if (lab == null) {
            lab = Backend.open(backend, seed, capture);
        }
        return lab;
    }

    void setSeed(long value) {
        if (lab != null) {
            throw new IllegalStateException("the seed must be set before the first step that builds the network");
        }
        seed = value;
    }

    // ---- building on demand ----

    /**
     * A public network: "internet" is 198.18.0.0/24, the others 198.18.N.0/24 in order of mention; a
     * natted one 198.19.N.0/24.
     */
    String network(String name) {
        if (networks.add(name)) {
            lab().addNetwork(name, Cidr.parse("198.18." + (networks.size() - 1) + ".0/24"));
        }
        return name;
    }

    String nattedNetwork(String name, Duration timeout) {
        if (!networks.add(name)) {
            throw new IllegalStateException("network " + name + " already exists");
        }
        // Inside 198.18.0.0/15 like every network the labs create (198.19.255.0/24 holds NAT public addresses).
        lab().addNattedNetwork(name, Cidr.parse("198.19." + networks.size() + ".0/24"), timeout);
        return name;
    }

    boolean hasPeer(String name) {
        return peerNumbers.containsKey(name);
    }

    /** The peer, created on the internet if new (bob as the peer under test, everyone else as wgsim). */
    String peer(String name) {
        if (!hasPeer(name)) {
            createPeer(name, network(INTERNET));
        }
        return name;
    }

    void createPeer(String name, String network) {
        if (hasPeer(name) || attackers.contains(name)) {
            throw new IllegalStateException(name + " already exists; say where a peer lives before it is first used");
        }
        int n = peerNumbers.size() + 1;
        peerNumbers.put(name, n);
        PeerRole role = name.equals(PEER_UNDER_TEST) ? PeerRole.UNDER_TEST : PeerRole.WGSIM;
        lab().addPeer(name, role, network, List.of(Cidr.parse("10.0.0." + n + "/24"), Cidr.parse("fd00::" + n + "/64")), LISTEN_PORT);
    }

    String attacker(String name) {
        if (attackers.add(name)) {
            if (hasPeer(name)) {
                throw new IllegalStateException(name + " is a peer, not an attacker");
            }
            lab().addAttacker(name, network(INTERNET));
        }
        return name;
    }

    boolean hasAttackers() {
        return !attackers.isEmpty();
    }

    Set<String> peerNames() {
        return peerNumbers.keySet();
    }

    /** The peer's own prefixes as another peer allows them: its IPv4 /32 and IPv6 /128. */
    List<Cidr> hostPrefixes(String peer) {
        int n = peerNumbers.get(peer(peer));
        return List.of(Cidr.parse("10.0.0." + n + "/32"), Cidr.parse("fd00::" + n + "/128"));
    }

    String tunnelAddress(String peer) {
        return "10.0.0." + peerNumbers.get(peer(peer));
    }

    String tunnelAddress6(String peer) {
        return "fd00::" + peerNumbers.get(peer(peer));
    }

    PeerEntry entry(String peer, String remote) {
        PeerEntry e = entries.getOrDefault(peer, Map.of()).get(remote);
        if (e == null) {
            throw new IllegalStateException(peer + " has no [Peer] section for " + remote + "; say '" + peer + " and "
                    + remote + " are peers' first");
        }
        return e;
    }

    void configure(String peer, PeerEntry e) {
        PeerEntry before = entries.computeIfAbsent(peer, k -> new LinkedHashMap<>()).put(e.remote(), e);
        if (before != null && (before.endpoint() && !e.endpoint() || !before.publicKey().equals(e.publicKey()))) {
            // wg set cannot unset an endpoint, and a new key is a new peer: remove the section, then add it.
            lab().removePeerEntry(peer, before.publicKey());
        }
        lab().configure(peer, e);
    }

    void mark() {
        markNanos = lab().elapsed().toNanos();
        markWireIndex = lab().wire().size();
    }
}
