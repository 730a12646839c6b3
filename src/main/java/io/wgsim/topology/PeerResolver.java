package io.wgsim.topology;

import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves every node's peer entries: the key of the node named (or the key given), allowed IPs,
 * endpoint, preshared key and keepalive, with the checks a wg-quick file cannot make by itself: the peer
 * exists and is not the node itself, no prefix is allowed for two peers of one node, and the allowed IPs
 * cover the peer's own tunnel address. Then it looks at pairs: a peer that does not have the node back,
 * two peers neither of which knows where the other is, and two ends with different preshared keys.
 *
 * <p>The pair check packs each entry (node, peer node, entry number) into one long and sorts them, which
 * needs no per-node set: 200,000 entries cost 1.6 MB. Hence the limits: nodes fit 20 bits and entries 23.
 */
final class PeerResolver {
    private static final int NODE_BITS = 20;
    private static final int ENTRY_BITS = 23;
    static final int MAX_NODES = 1 << NODE_BITS;
    static final int MAX_ENTRIES = 1 << ENTRY_BITS;

    private final Diagnostics diagnostics;
    private final Resolver.World w;
    /** Per node, made once and shared by every entry that names it. */
    private final PeerKey.OfNode[] peerKeys;
    private final List<List<Cidr>> hostPrefixes;
    private final InetSocketAddress[] endpoints;
    /** Allowed-IPs lists (shared by generated entries) already checked for host bits. */
    private final Map<Val<List<Cidr>>, Boolean> checkedLists = new IdentityHashMap<>();

    private final long[] pairs;
    private int pairCount;
    private final boolean[] hasEndpoint;
    private final PresharedKey[] pairPsk;
    private final Spec.Peer[] pairSpec;

    PeerResolver(Diagnostics diagnostics, Resolver.World world) {
        this.diagnostics = diagnostics;
        this.w = world;
        int n = world.nodes.size();
        this.peerKeys = new PeerKey.OfNode[n];
        this.hostPrefixes = new ArrayList<>(Collections.nCopies(n, null));
        this.endpoints = new InetSocketAddress[n];
        long all = world.nodes.stream().mapToLong(s -> s.wireguard().peers().size()).sum();
        int entries = (int) Math.min(MAX_ENTRIES, all);
        this.pairs = new long[entries];
        this.hasEndpoint = new boolean[entries];
        this.pairPsk = new PresharedKey[entries];
        this.pairSpec = new Spec.Peer[entries];
    }

    List<List<Peer>> resolve() {
        List<List<Peer>> out = new ArrayList<>(w.nodes.size());
        for (int i = 0; i < w.nodes.size(); i++) {
            out.add(node(i));
        }
        checkPairs();
        checkTunnelAddresses();
        return out;
    }

    private PeerKey.OfNode peerKey(int node) {
        if (peerKeys[node] == null) {
            peerKeys[node] = new PeerKey.OfNode(w.name(node), w.keys[node]);
        }
        return peerKeys[node];
    }

    private List<Cidr> tunnelAddresses(int node) {
        return w.nodes.get(node).wireguard().addresses().value();
    }

    /** The node's tunnel addresses as host prefixes: the default allowed IPs of a peer that names it. */
    private List<Cidr> hostPrefixes(int node) {
        List<Cidr> prefixes = hostPrefixes.get(node);
        if (prefixes == null) {
            prefixes = tunnelAddresses(node).stream().map(c -> Resolver.host(c.address())).toList();
            hostPrefixes.set(node, prefixes);
        }
        return prefixes;
    }

    private InetSocketAddress endpoint(int node) {
        if (endpoints[node] == null) {
            endpoints[node] = new InetSocketAddress(w.addresses[node], w.nodes.get(node).wireguard().listenPort());
        }
        return endpoints[node];
    }

    private String network(int node) {
        return w.nodes.get(node).network().value();
    }

    /**
     * Whether {@code from} can send to {@code to}'s outer address at the start: it can unless {@code to}'s
     * network is behind a NAT, which only its own network sees past.
     */
    private boolean reachable(int from, int to) {
        Spec.Network net = w.networks.get(network(to));
        return net.behindNat() == null || network(to).equals(network(from));
    }

    private List<Peer> node(int i) {
        List<Spec.Peer> specs = w.nodes.get(i).wireguard().peers();
        List<Peer> out = new ArrayList<>(specs.size());
        Map<Cidr, Integer> prefixOwner = specs.size() > 1 ? new HashMap<>(specs.size() * 2) : null;
        Map<PublicKey, Integer> seenKeys = null;
        for (int k = 0; k < specs.size(); k++) {
            Spec.Peer ps = specs.get(k);
            int target = -1;
            PeerKey key;
            if (ps.node() != null) {
                Integer t = w.index.get(ps.node().value());
                if (t == null) {
                    diagnostics.error(ps.node().pos(), "unknown-peer", w.who(i) + "no node is called '"
                            + ps.node().value() + "'" + Suggest.hint(ps.node().value(), w.index.keySet()));
                    continue;
                }
                if (t == i) {
                    diagnostics.error(ps.node().pos(), w.who(i) + "a node cannot be its own peer");
                    continue;
                }
                // A node named twice shows up as two equal pairs in checkPairs.
                target = t;
                key = peerKey(t);
            } else {
                key = new PeerKey.External(ps.publicKey().value());
                if (seenKeys == null) {
                    seenKeys = new HashMap<>();
                }
                Integer earlier = seenKeys.putIfAbsent(ps.publicKey().value(), k);
                if (earlier != null) {
                    diagnostics.error(ps.publicKey().pos(), w.who(i) + "this key is already peers[" + earlier + "]'s");
                    continue;
                }
                if (ps.publicKey().value().equals(keyIfGiven(i))) {
                    diagnostics.error(ps.publicKey().pos(), w.who(i) + "this is the node's own public key");
                    continue;
                }
            }
            List<Cidr> allowed = allowedIps(i, k, ps, target, prefixOwner);
            if (allowed == null) {
                continue;
            }
            InetSocketAddress endpoint = switch (ps.endpointMode()) {
                case GIVEN -> ps.endpoint().value();
                case NONE -> null;
                case AUTO -> target >= 0 && reachable(i, target) ? endpoint(target) : null;
            };
            PresharedKey psk = switch (ps.pskMode()) {
                case NONE -> PresharedKey.NONE;
                case GIVEN -> ps.presharedKey();
                case AUTO -> target >= 0 ? KeyDerivation.presharedKey(w.seed, w.name(i), w.name(target)) : null;
            };
            if (psk == null) {
                diagnostics.error(ps.pos(), w.who(i) + "preshared-key: auto derives the key from both nodes' names;"
                        + " a peer known by its public key needs the key written out");
                continue;
            }
            out.add(new Peer(key, psk, allowed, endpoint, ps.keepalive()));
            if (target >= 0 && pairCount < pairs.length) {
                int e = pairCount++;
                pairs[e] = pack(i, target, e);
                hasEndpoint[e] = endpoint != null;
                pairPsk[e] = psk;
                pairSpec[e] = ps;
            }
        }
        return out;
    }

    /** The node's own public key when the file gave its private key (a derived one is not computed here). */
    private PublicKey keyIfGiven(int node) {
        NodeKey key = w.keys[node];
        return key.isDerived() ? null : key.publicKey();
    }

    private List<Cidr> allowedIps(int i, int k, Spec.Peer ps, int target, Map<Cidr, Integer> prefixOwner) {
        List<Cidr> allowed;
        Pos at;
        if (ps.allowedIps() != null) {
            allowed = ps.allowedIps().value();
            at = ps.allowedIps().pos();
            if (i < w.written && checkedLists.put(ps.allowedIps(), Boolean.TRUE) == null) {
                for (int a = 0; a < allowed.size(); a++) {
                    Cidr c = allowed.get(a);
                    if (!c.equals(c.network())) {
                        diagnostics.warn(at.item(a, at.line()), "host-bits", "'" + c + "' has host bits set;"
                                + " WireGuard uses " + c.network());
                    }
                }
            }
        } else if (target >= 0) {
            allowed = hostPrefixes(target);
            at = ps.pos();
            if (allowed.isEmpty()) {
                diagnostics.error(ps.pos(), w.who(i) + w.name(target) + " has no tunnel address, so this peer needs"
                        + " allowed-ips written out");
                return null;
            }
        } else {
            diagnostics.error(ps.pos(), w.who(i) + "a peer known by its public key needs allowed-ips");
            return null;
        }
        if (prefixOwner != null) {
            for (Cidr c : allowed) {
                Integer owner = prefixOwner.putIfAbsent(c.network(), k);
                if (owner != null && owner != k && !sameNode(ps, w.nodes.get(i).wireguard().peers().get(owner))) {
                    diagnostics.error(at, "allowed-ips-conflict", w.who(i) + c.network() + " is also allowed for peers["
                            + owner + "] (" + label(w.nodes.get(i).wireguard().peers().get(owner)) + "): WireGuard"
                            + " routes a prefix to one peer only, the one configured last");
                    return null;
                }
            }
        }
        if (target >= 0 && !tunnelAddresses(target).isEmpty() && !covers(allowed, tunnelAddresses(target))) {
            diagnostics.warn(at, "not-covered", w.who(i) + "the allowed-ips for " + w.name(target)
                    + " leave out its tunnel address " + IpAddresses.format(tunnelAddresses(target).get(0).address())
                    + ": what it sends will be dropped");
        }
        return allowed;
    }

    /** Two entries for one node: reported as a duplicate peer, not as a conflict. */
    private static boolean sameNode(Spec.Peer a, Spec.Peer b) {
        return a.node() != null && b.node() != null && a.node().value().equals(b.node().value());
    }

    private static boolean covers(List<Cidr> allowed, List<Cidr> addresses) {
        for (Cidr a : addresses) {
            byte[] bytes = a.address().getAddress();
            for (Cidr c : allowed) {
                if (c.contains(bytes)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String label(Spec.Peer p) {
        return p.node() != null ? p.node().value() : "public-key " + p.publicKey().value();
    }

    private static long pack(int node, int peer, int entry) {
        return (long) node << (NODE_BITS + ENTRY_BITS) | (long) peer << ENTRY_BITS | entry;
    }

    /** The entry of {@code node}'s peer {@code peer}, or -1; {@code pairs[0..pairCount)} is sorted. */
    private int find(int node, int peer) {
        long lowest = pack(node, peer, 0);
        int at = Arrays.binarySearch(pairs, 0, pairCount, lowest);
        if (at < 0) {
            at = -at - 1;
        }
        if (at < pairCount && pairs[at] >>> ENTRY_BITS == lowest >>> ENTRY_BITS) {
            return (int) (pairs[at] & (MAX_ENTRIES - 1));
        }
        return -1;
    }

    private void checkPairs() {
        Arrays.sort(pairs, 0, pairCount);
        for (int p = 0; p < pairCount; p++) {
            long packed = pairs[p];
            int node = (int) (packed >>> (NODE_BITS + ENTRY_BITS));
            int peer = (int) (packed >>> ENTRY_BITS) & (MAX_NODES - 1);
            int e = (int) (packed & (MAX_ENTRIES - 1));
            if (p > 0 && pairs[p - 1] >>> ENTRY_BITS == packed >>> ENTRY_BITS) {
                // Sorted by entry number too, so this is the later of the two.
                diagnostics.error(pairSpec[e].node().pos(), "duplicate-peer", w.who(node) + w.name(peer)
                        + " is this node's peer twice");
                continue;
            }
            int back = find(peer, node);
            if (back < 0) {
                String a = w.name(node);
                String b = w.name(peer);
                diagnostics.warn(pairSpec[e].pos(), "one-way", w.who(node) + b + " is a peer of " + a + ", but " + a
                        + " is not a peer of " + b + ": " + b + " will ignore " + a + "'s handshakes");
                continue;
            }
            if (node > peer) {
                continue;
            }
            if (!hasEndpoint[e] && !hasEndpoint[back]) {
                diagnostics.warn(pairSpec[e].pos(), "no-endpoint", w.who(node) + "neither " + w.name(node) + " nor "
                        + w.name(peer) + " has an endpoint for the other, so no handshake between them can start"
                        + " (both behind NATs?)");
            }
            if (pairPsk[e] != pairPsk[back] && !pairPsk[e].equals(pairPsk[back])) {
                diagnostics.warn(pairSpec[e].pos(), "psk-mismatch", w.who(node) + w.name(node) + " and " + w.name(peer)
                        + " use different preshared keys for each other: their handshakes will fail");
            }
        }
    }

    /** Two nodes with one tunnel address: a warning, since separate tunnels may reuse addresses on purpose. */
    private void checkTunnelAddresses() {
        Map<InetAddress, Integer> owner = new HashMap<>();
        Set<Integer> reported = new HashSet<>();
        for (int i = 0; i < w.nodes.size(); i++) {
            for (Cidr c : tunnelAddresses(i)) {
                Integer other = owner.putIfAbsent(c.address(), i);
                if (other != null && other != i && reported.add(i)) {
                    diagnostics.warn(w.nodes.get(i).wireguard().addresses().pos(), "tunnel-duplicate", w.who(i)
                            + IpAddresses.format(c.address()) + " is also " + w.name(other) + "'s tunnel address");
                }
            }
        }
    }
}
