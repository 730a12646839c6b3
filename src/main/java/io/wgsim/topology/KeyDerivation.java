package io.wgsim.topology;

import io.wgsim.crypto.Blake2s;
import io.wgsim.crypto.PresharedKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The keys a topology derives when the file gives none: a function of the seed and node names only, so
 * a file gives the same keys on every machine and different keys under another seed. Each is one
 * BLAKE2s-256 over a label, a zero byte and fixed-width fields (big-endian), so a script can recompute
 * them:
 * <pre>
 * private key  = clamp(BLAKE2s("wgsim topology private key v1" 0x00 seed:u64 generation:u32 node:utf8))
 * preshared key = BLAKE2s("wgsim topology preshared key v1" 0x00 seed:u64 len(a):u16 a len(b):u16 b)
 * </pre>
 * where generation is 0 for a node's first key and n for the key its n-th rotate-key event gives it,
 * and a, b are the two node names in ascending order, so both ends of a pair derive the same key.
 */
final class KeyDerivation {
    private static final byte[] PRIVATE_LABEL = "wgsim topology private key v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PSK_LABEL = "wgsim topology preshared key v1".getBytes(StandardCharsets.US_ASCII);

    private KeyDerivation() {}

    /** The 32 bytes of a derived private key, not yet clamped. */
    static byte[] privateKey(long seed, String node, int generation) {
        byte[] name = node.getBytes(StandardCharsets.UTF_8);
        ByteBuffer fields = ByteBuffer.allocate(1 + 8 + 4 + name.length);
        fields.put((byte) 0).putLong(seed).putInt(generation).put(name);
        return Blake2s.hash(PRIVATE_LABEL, fields.array());
    }

    /** The preshared key shared by nodes {@code a} and {@code b}, whichever way round they are given. */
    static PresharedKey presharedKey(long seed, String a, String b) {
        String first = a.compareTo(b) <= 0 ? a : b;
        String second = first.equals(a) ? b : a;
        byte[] x = first.getBytes(StandardCharsets.UTF_8);
        byte[] y = second.getBytes(StandardCharsets.UTF_8);
        ByteBuffer fields = ByteBuffer.allocate(1 + 8 + 2 + x.length + 2 + y.length);
        fields.put((byte) 0).putLong(seed).putShort((short) x.length).put(x).putShort((short) y.length).put(y);
        return PresharedKey.of(Blake2s.hash(PSK_LABEL, fields.array()));
    }
}
