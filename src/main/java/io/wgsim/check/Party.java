package io.wgsim.check;

import io.wgsim.crypto.PublicKey;
import io.wgsim.net.IpAddresses;
import java.net.InetSocketAddress;

/**
 * One side of a WireGuard conversation as the capture shows it: its static public key when the keys
 * reveal it, else its outer address. Rules compare parties by {@link #id()}.
 *
 * @param key the static public key, or null when only the address is known
 */
record Party(String id, PublicKey key) {

    static Party of(PublicKey key) {
        return new Party("key " + key.toBase64(), key);
    }

    static Party of(InetSocketAddress address) {
        // Not Endpoint: a capture may hold port 0, which a configuration must refuse but a report must show.
        return new Party(IpAddresses.format(address), null);
    }

    /** Short enough for a report line: the key's first 8 base64 characters, or the address. */
    String label() {
        return key == null ? id : "peer " + key.toBase64().substring(0, 8) + "...";
    }

    /** An ordered pair of parties: who sends to whom. */
    record Pair(Party from, Party to) {
        Pair reversed() {
            return new Pair(to, from);
        }
    }
}
