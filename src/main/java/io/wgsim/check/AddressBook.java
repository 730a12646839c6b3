package io.wgsim.check;

import io.wgsim.crypto.PublicKey;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which static public keys live at which outer addresses, learnt before the checker's main pass: the
 * destination of a handshake message holds the key its mac1 authenticates under, and a configured
 * Endpoint holds its peer's key. An address that held several keys over the capture (a NAT port given to
 * another host) names no single party.
 */
final class AddressBook {
    private final Map<InetSocketAddress, Set<PublicKey>> keys = new HashMap<>();

    void bind(InetSocketAddress address, PublicKey key) {
        keys.computeIfAbsent(address, a -> new LinkedHashSet<>()).add(key);
    }

    /** Whether some handshake message to this address was authenticated by a known key. */
    boolean knowsKeyAt(InetSocketAddress address) {
        return keys.containsKey(address);
    }

    /** The party at an address: its key when exactly one was seen there, else the address itself. */
    Party party(InetSocketAddress address) {
        Set<PublicKey> k = keys.get(address);
        return k != null && k.size() == 1 ? Party.of(k.iterator().next()) : Party.of(address);
    }
}
