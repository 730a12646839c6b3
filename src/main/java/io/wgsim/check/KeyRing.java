package io.wgsim.check;

import io.wgsim.config.PeerConfig;
import io.wgsim.config.WgQuickConfig;
import io.wgsim.crypto.Blake2s;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.crypto.X25519;
import io.wgsim.protocol.wire.Protocol;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every key the checker was given, from key logs and wg-quick files: static key pairs, static public
 * keys, ephemeral private keys (found by their public half, as a handshake message shows it) and
 * preshared keys. Insertion-ordered, so the same inputs are always tried in the same order.
 */
final class KeyRing {
    private final Map<PublicKey, PrivateKey> staticPrivate = new LinkedHashMap<>();
    private final Map<PublicKey, byte[]> mac1Keys = new LinkedHashMap<>();
    private final Map<PublicKey, Ephemeral> ephemerals = new LinkedHashMap<>();
    private final Set<PresharedKey> presharedKeys = new LinkedHashSet<>();
    private final Map<PublicKey, WgQuickConfig> configs = new LinkedHashMap<>();
    private final Map<PublicKey, String> configSources = new LinkedHashMap<>();

    /** An ephemeral private key, with the preshared key the key log gave after it (or null). */
    record Ephemeral(byte[] privateKey, PresharedKey presharedKey) {}

    KeyRing() {
        presharedKeys.add(PresharedKey.NONE);
    }

    void addKeyLog(List<KeyLog.Entry> entries) {
        byte[] lastEphemeralPublic = null;
        for (KeyLog.Entry e : entries) {
            switch (e.type()) {
                case LOCAL_STATIC_PRIVATE_KEY -> addStatic(PrivateKey.of(e.key()));
                case REMOTE_STATIC_PUBLIC_KEY -> addPublic(PublicKey.of(e.key()));
                case LOCAL_EPHEMERAL_PRIVATE_KEY -> {
                    byte[] pub = X25519.publicKey(e.key());
                    ephemerals.putIfAbsent(PublicKey.of(pub), new Ephemeral(e.key().clone(), null));
                    lastEphemeralPublic = pub;
                }
                case PRESHARED_KEY -> {
                    PresharedKey psk = PresharedKey.of(e.key());
                    presharedKeys.add(psk);
                    if (lastEphemeralPublic != null) {
                        PublicKey eph = PublicKey.of(lastEphemeralPublic);
                        ephemerals.put(eph, new Ephemeral(ephemerals.get(eph).privateKey(), psk));
                    }
                }
            }
        }
    }

    void addConfig(WgQuickConfig config, String source) {
        PrivateKey own = config.iface().privateKey();
        addStatic(own);
        configs.put(own.publicKey(), config);
        configSources.put(own.publicKey(), source);
        for (PeerConfig peer : config.peers()) {
            addPublic(peer.publicKey());
            presharedKeys.add(peer.presharedKey());
        }
    }

    private void addStatic(PrivateKey key) {
        staticPrivate.putIfAbsent(key.publicKey(), key);
        addPublic(key.publicKey());
    }

    private void addPublic(PublicKey key) {
        mac1Keys.computeIfAbsent(key, k -> Blake2s.hash(Protocol.LABEL_MAC1.getBytes(StandardCharsets.US_ASCII), k.bytes()));
    }

    int publicKeyCount() {
        return mac1Keys.size();
    }

    boolean hasConfigs() {
        return !configs.isEmpty();
    }

    /** The known public key whose mac1 key authenticates {@code message[0..mac1Offset)}, or null. */
    PublicKey mac1Owner(byte[] message, int mac1Offset) {
        byte[] mac1 = Arrays.copyOfRange(message, mac1Offset, mac1Offset + Protocol.MAC_LENGTH);
        for (Map.Entry<PublicKey, byte[]> e : mac1Keys.entrySet()) {
            if (MessageDigest.isEqual(mac1, Blake2s.mac(e.getValue(), message, 0, mac1Offset))) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The static private key of a public key, or null. */
    PrivateKey staticPrivate(PublicKey key) {
        return staticPrivate.get(key);
    }

    /** The ephemeral private key whose public half a handshake message carries, or null. */
    Ephemeral ephemeral(byte[] publicKey) {
        return ephemerals.get(PublicKey.of(publicKey));
    }

    /** Preshared keys to try for a session, the one logged with its ephemeral first, then all-zero, then the rest. */
    List<PresharedKey> presharedKeysFor(PresharedKey logged) {
        LinkedHashSet<PresharedKey> order = new LinkedHashSet<>();
        if (logged != null) {
            order.add(logged);
        }
        order.addAll(presharedKeys);
        return List.copyOf(order);
    }

    /** The file a configuration came from. */
    String configSource(PublicKey iface) {
        return configSources.get(iface);
    }

    /** Every configuration given, in order. */
    java.util.Collection<WgQuickConfig> configs() {
        return configs.values();
    }

    /** The configuration whose interface has this public key, or null. */
    WgQuickConfig configOf(PublicKey iface) {
        return iface == null ? null : configs.get(iface);
    }
}
