package io.wgsim.protocol;

import io.wgsim.crypto.Entropy;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps our 32-bit sender indices to the handshake or keypair they name (kernel peerlookup.c). Indices
 * are random so they reveal nothing; a fresh one never collides with a live one. Only looked up, never
 * iterated, so hash order cannot leak into a run.
 */
final class IndexTable {
    /** What an index names: a peer's handshake in flight (keypair null) or one of its keypairs. */
    record Entry(Peer peer, Keypair keypair) {}

    private final Map<Integer, Entry> entries = new HashMap<>();
    private final Entropy entropy;

    IndexTable(Entropy entropy) {
        this.entropy = entropy;
    }

    /** A random index not in use, reserved for the peer's handshake. */
    int allocate(Peer peer) {
        while (true) {
            int index = entropy.nextInt();
            if (!entries.containsKey(index)) {
                entries.put(index, new Entry(peer, null));
                return index;
            }
        }
    }

    /** Reserves a given index (tests inject indices); returns false when it is taken. */
    boolean reserve(int index, Peer peer) {
        return entries.putIfAbsent(index, new Entry(peer, null)) == null;
    }

    void bindKeypair(Keypair keypair, Peer peer) {
        entries.put(keypair.localIndex, new Entry(peer, keypair));
    }

    Entry get(int index) {
        return entries.get(index);
    }

    /** Frees an index if it still names this peer's handshake (not a keypair that took it over). */
    void releaseHandshake(int index, Peer peer) {
        Entry e = entries.get(index);
        if (e != null && e.peer() == peer && e.keypair() == null) {
            entries.remove(index);
        }
    }

    void releaseKeypair(Keypair keypair) {
        if (keypair == null) {
            return;
        }
        Entry e = entries.get(keypair.localIndex);
        if (e != null && e.keypair() == keypair) {
            entries.remove(keypair.localIndex);
        }
        keypair.destroy();
    }

    int size() {
        return entries.size();
    }
}
