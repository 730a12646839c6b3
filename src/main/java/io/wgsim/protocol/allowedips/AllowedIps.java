package io.wgsim.protocol.allowedips;

import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cryptokey routing table: IPv4 and IPv6 prefixes, each owned by one value (a peer). Outbound,
 * {@link #lookup} picks the peer for a destination; inbound, it tells whether a decrypted packet's
 * source belongs to the peer that sent it.
 *
 * <p>Values are compared with {@code equals}. An IPv4-mapped IPv6 address is IPv6 here, as in the
 * kernel: it only matches IPv6 prefixes. Iteration order is fixed by the prefixes alone. Not
 * thread-safe.
 */
public final class AllowedIps<T> {

    private final PrefixTrie<T> v4 = new PrefixTrie<>(32);
    private final PrefixTrie<T> v6 = new PrefixTrie<>(128);

    /**
     * Gives the prefix (host bits cleared) to the value. If another value owned exactly this prefix,
     * it loses it, as with {@code wg set ... allowed-ips} moving a prefix to another peer.
     */
    public void insert(Cidr prefix, T value) {
        Objects.requireNonNull(value, "value");
        trie(prefix).insert(prefix.address().getAddress(), prefix.length(), value);
    }

    /** The owner of the longest prefix containing the address (4 or 16 bytes), or null. */
    public T lookup(byte[] address) {
        return trie(address.length).lookup(address);
    }

    /** The owner of the longest prefix containing the address, or null. */
    public T lookup(InetAddress address) {
        return lookup(address.getAddress());
    }

    /** Removes exactly this prefix (host bits ignored); false if no one owned it. */
    public boolean remove(Cidr prefix) {
        return trie(prefix).remove(prefix.address().getAddress(), prefix.length());
    }

    /** Removes every prefix the value owns, as when a peer is removed; costs what it removes, not the table's size. */
    public void removeByValue(T value) {
        v4.removeAll(value);
        v6.removeAll(value);
    }

    /**
     * The prefixes the value owns: IPv4 first, then by address, then by length. Costs what it
     * returns, not the table's size, so a status of every peer is not quadratic.
     */
    public List<Cidr> prefixesOf(T value) {
        List<Cidr> out = new ArrayList<>();
        for (PrefixTrie<T> trie : List.of(v4, v6)) {
            for (PrefixTrie.Entry<T> e : trie.entriesOf(value)) {
                out.add(new Cidr(IpAddresses.fromBytes(e.key()), e.length()));
            }
        }
        return out;
    }

    /** How many prefixes are stored, both families together. */
    public int size() {
        return v4.size() + v6.size();
    }

    /** Whether the underlying tries hold no nodes at all (not even glue); for tests. */
    boolean isStructurallyEmpty() {
        return v4.isEmpty() && v6.isEmpty();
    }

    /** Checks both tries' shape (see {@link PrefixTrie#checkInvariants}); returns the node count. For tests. */
    int checkInvariants() {
        return v4.checkInvariants() + v6.checkInvariants();
    }

    private PrefixTrie<T> trie(Cidr prefix) {
        return prefix.isIpv4() ? v4 : v6;
    }

    private PrefixTrie<T> trie(int addressLength) {
        if (addressLength == 4) {
            return v4;
        }
        if (addressLength == 16) {
            return v6;
        }
        throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + addressLength);
    }
}
