package io.wgsim.topology;

import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.crypto.X25519;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A node's WireGuard key pair: either given in the file, or derived from the seed and the node's name
 * (see {@link KeyDerivation}). A derived key is computed when first asked for, not when the file is
 * parsed: its public key costs a Curve25519 multiplication (about 70 microseconds), which would be most
 * of the time spent reading a topology of 10,000 nodes. Computing it is deterministic and safe from any
 * thread; {@link Topology#precomputeKeys()} does all of a topology's in parallel.
 *
 * <p>Two NodeKeys are equal when their private keys are. toString never shows the private key.
 */
public final class NodeKey {
    private final long seed;
    private final String node;
    private final int generation;
    /**
     * The clamped scalar, and the key built from it (which computes the public key). Both are set from the
     * start for a given key, and on first use for a derived one: a benign race, every thread computing
     * the same value. The scalar alone is cheap (one BLAKE2s), and is what equals and hashCode compare.
     */
    private volatile byte[] secret;
    private volatile PrivateKey privateKey;

    private NodeKey(long seed, String node, int generation, PrivateKey privateKey) {
        this.seed = seed;
        this.node = node;
        this.generation = generation;
        this.privateKey = privateKey;
        this.secret = privateKey == null ? null : privateKey.bytes();
    }

    /** A key written in the file. */
    public static NodeKey of(PrivateKey privateKey) {
        return new NodeKey(0, null, 0, Objects.requireNonNull(privateKey, "privateKey"));
    }

    /** The key a node gets from the seed when the file gives it none. */
    public static NodeKey derived(long seed, String node) {
        return derived(seed, node, 0);
    }

    /** The key a node gets from its {@code generation}-th rotate-key event (0: its first key). */
    public static NodeKey derived(long seed, String node, int generation) {
        Objects.requireNonNull(node, "node");
        if (generation < 0) {
            throw new IllegalArgumentException("generation must be 0 or more, not " + generation);
        }
        return new NodeKey(seed, node, generation, null);
    }

    /** Whether the key comes from the seed rather than from the file. */
    public boolean isDerived() {
        return node != null;
    }

    public PrivateKey privateKey() {
        PrivateKey key = privateKey;
        if (key == null) {
            key = PrivateKey.of(secret());
            privateKey = key;
        }
        return key;
    }

    private byte[] secret() {
        byte[] s = secret;
        if (s == null) {
            s = X25519.clamp(KeyDerivation.privateKey(seed, node, generation));
            secret = s;
        }
        return s;
    }

    /** Whether the key pair has been computed (for tests of the laziness that keeps big topologies fast). */
    boolean isComputed() {
        return privateKey != null;
    }

    public PublicKey publicKey() {
        return privateKey().publicKey();
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof NodeKey other)) {
            return false;
        }
        return MessageDigest.isEqual(secret(), other.secret());
    }

    @Override public int hashCode() {
        return Arrays.hashCode(secret());
    }

    @Override public String toString() {
        return isDerived()
                ? "NodeKey[derived: seed " + seed + ", node " + node
                        + (generation > 0 ? ", rotation " + generation : "") + "]"
                : "NodeKey[given, public " + publicKey() + "]";
    }
}
