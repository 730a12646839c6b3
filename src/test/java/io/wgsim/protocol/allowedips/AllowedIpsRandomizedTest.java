package io.wgsim.protocol.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trie against {@link NaiveRouter} over random prefixes, as the kernel's allowedips randomized
 * selftest does: random routes, each followed by "mutated" routes sharing a random number of its
 * leading bits (so prefixes nest and fork), random lookups, then peers removed one by one with the
 * lookups repeated after each removal. The seed is fixed and printed in every failure message.
 */
class AllowedIpsRandomizedTest {

    private static final long SEED = 0x7767_7369_6d00_0001L;
    private static final int PEERS = 8;
    private static final int ROUTES = 200;
    private static final int MUTATED_PER_ROUTE = 10;
    private static final int QUERIES = 2000;

    @ParameterizedTest(name = "{0}-byte addresses")
    @ValueSource(ints = {4, 16})
    void matchesTheNaiveRouter(int addressBytes) {
        SplittableRandom random = new SplittableRandom(SEED + addressBytes);
        String where = "seed " + Long.toHexString(SEED + addressBytes) + ", " + addressBytes + "-byte addresses: ";
        int bits = addressBytes * 8;
        AllowedIps<Integer> trie = new AllowedIps<>();
        NaiveRouter<Integer> naive = new NaiveRouter<>();
        List<byte[]> inserted = new ArrayList<>();

        for (int i = 0; i < ROUTES; i++) {
            byte[] base = randomBytes(random, addressBytes);
            insertBoth(trie, naive, inserted, base, 1 + random.nextInt(bits), random.nextInt(PEERS));
            for (int j = 0; j < MUTATED_PER_ROUTE; j++) {
                byte[] mutated = mutate(random, base, random.nextInt(bits));
                insertBoth(trie, naive, inserted, mutated, 1 + random.nextInt(bits), random.nextInt(PEERS));
            }
        }
        // A few default routes and host routes too, which the kernel's draw (1..bits) seldom makes.
        insertBoth(trie, naive, inserted, new byte[addressBytes], 0, 0);
        insertBoth(trie, naive, inserted, inserted.get(7), bits, 1);
        assertEquals(naive.size(), trie.size(), where + "size");
        assertTrue(trie.checkInvariants() < 2 * trie.size(), where + "a path-compressed trie has < 2n nodes");

        for (int peer = 0; peer <= PEERS; peer++) {
            compareLookups(random, trie, naive, inserted, addressBytes, where + "after removing " + peer + " peers: ");
            for (int p = 0; p < PEERS; p++) {
                assertEquals(naive.prefixesOf(p), trie.prefixesOf(p), where + "prefixes of " + p);
            }
            if (peer < PEERS) {
                trie.removeByValue(peer);
                naive.removeByValue(peer);
                assertEquals(naive.size(), trie.size(), where + "size after removing peer " + peer);
                trie.checkInvariants();
            }
        }
        assertEquals(0, trie.size(), where);
        assertTrue(trie.isStructurallyEmpty(), where + "glue nodes left behind");
    }

    @ParameterizedTest(name = "{0}-byte addresses")
    @ValueSource(ints = {4, 16})
    void removingSinglePrefixesMatchesTheNaiveRouter(int addressBytes) {
        long seed = SEED ^ 0xabcdefL ^ addressBytes;
        SplittableRandom random = new SplittableRandom(seed);
        String where = "seed " + Long.toHexString(seed) + ": ";
        int bits = addressBytes * 8;
        AllowedIps<Integer> trie = new AllowedIps<>();
        NaiveRouter<Integer> naive = new NaiveRouter<>();
        List<byte[]> inserted = new ArrayList<>();
        List<Cidr> prefixes = new ArrayList<>();
        byte[] base = randomBytes(random, addressBytes);
        for (int i = 0; i < 1500; i++) {
            // Few distinct short-ish prefixes around one base, so inserts often hit existing ones.
            byte[] addr = mutate(random, base, random.nextInt(Math.min(bits, 24)));
            int length = random.nextInt(Math.min(bits, 28) + 1);
            insertBoth(trie, naive, inserted, addr, length, random.nextInt(PEERS));
            prefixes.add(NaiveRouter.prefix(addr, length));
        }
        assertEquals(naive.size(), trie.size(), where + "size");
        for (int round = 0; round < 10; round++) {
            for (int k = 0; k < prefixes.size() / 10; k++) {
                Cidr victim = prefixes.get(random.nextInt(prefixes.size()));
                assertEquals(naive.remove(victim), trie.remove(victim), where + "remove " + victim);
            }
            assertEquals(naive.size(), trie.size(), where + "size in round " + round);
            trie.checkInvariants();
            for (int p = 0; p < PEERS; p++) {
                // Prefixes move between peers when re-inserted and go when removed: the per-peer index follows.
                assertEquals(naive.prefixesOf(p), trie.prefixesOf(p), where + "prefixes of " + p + " in round " + round);
            }
            compareLookups(random, trie, naive, inserted, addressBytes, where + "round " + round + ": ");
        }
    }

    private static void compareLookups(SplittableRandom random, AllowedIps<Integer> trie, NaiveRouter<Integer> naive,
            List<byte[]> inserted, int addressBytes, String where) {
        int bits = addressBytes * 8;
        for (int q = 0; q < QUERIES; q++) {
            // Half uniformly random, half near an inserted address, so long prefixes get hit too.
            byte[] addr = q % 2 == 0
                    ? randomBytes(random, addressBytes)
                    : mutate(random, inserted.get(random.nextInt(inserted.size())), random.nextInt(bits + 1));
            assertEquals(naive.lookup(addr), trie.lookup(addr), () -> where + "lookup " + IpAddresses.format(
                    IpAddresses.fromBytes(addr)));
        }
    }

    private static void insertBoth(AllowedIps<Integer> trie, NaiveRouter<Integer> naive, List<byte[]> inserted,
            byte[] address, int length, int peer) {
        Cidr prefix = NaiveRouter.prefix(address, length);
        trie.insert(prefix, peer);
        naive.insert(prefix, peer);
        inserted.add(address);
    }

    private static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    /** Keeps the first keep bits of the address and randomizes the rest. */
    private static byte[] mutate(SplittableRandom random, byte[] address, int keep) {
        byte[] out = randomBytes(random, address.length);
        for (int i = 0; i < keep; i++) {
            int mask = 0x80 >>> (i % 8);
            out[i / 8] = (byte) ((out[i / 8] & ~mask) | (address[i / 8] & mask));
        }
        return out;
    }
}
