package io.wgsim.topology;

import java.util.Locale;

/** Advice for unknown fields that are likely a known confusion rather than a typo. */
final class Hints {
    private Hints() {}

    /** A hint (starting with a space) for {@code key} written in a map of {@code shape}, or null. */
    static String forField(Shape shape, String key) {
        String k = key.toLowerCase(Locale.ROOT).replace('_', '-');
        if (shape == Format.NODE && Format.WIREGUARD.has(k)) {
            return " ('" + k + "' belongs under 'wireguard')";
        }
        if (shape == Format.NODE && Format.PEER.has(k)) {
            return " ('" + k + "' belongs to a peer, under wireguard.peers)";
        }
        if (shape == Format.WIREGUARD && Format.PEER.has(k) && !k.equals("node")) {
            return " ('" + k + "' belongs to each peer, under 'peers')";
        }
        if (shape == Format.NAT && (k.equals("rebind") || k.equals("rebinds"))) {
            return " (a forced rebinding is an event: {at: 4m, rebind: <nat>})";
        }
        if (Format.EVENTS.contains(shape) || shape == Format.GENERATOR || shape == Format.TRAFFIC) {
            return forAction(k);
        }
        return null;
    }

    /** Hints for an unknown event action. */
    static String forAction(String k) {
        if (k.equals("rekey")) {
            return " ('rekey' is WireGuard's own new session, made every 2 minutes by itself;"
                    + " to give a node a new private key write 'rotate-key')";
        }
        if (k.equals("heal") || k.equals("up")) {
            return " (a partition heals by itself: {at: 30s, partition: <node>, for: 20s})";
        }
        return null;
    }
}
