package io.wgsim.config;

import io.wgsim.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The output of {@code wg show <interface> dump} (wireguard-tools src/show.c, dump_print): a first line
 * for the interface, then one line per peer, fields separated by tabs, "(none)" for what is unset and
 * "off" for a zero fwmark or keepalive.
 *
 * <p>One deliberate difference in {@link #format()}: where wg(8) prints the private key and a set
 * preshared key in base64, we print "(hidden)" (the word wg(8) itself uses for hidden keys), because the
 * dump we write is a status file that must not leak secrets. {@link #parse} reads both forms: real keys
 * are checked for form and then dropped, so the records never hold a secret. Everything else is
 * printed exactly as wg(8) prints it.
 *
 * <p>{@link #parse} reads the single-interface form only ({@code wg show all dump} prefixes each line with
 * the interface name), and an IPv6 endpoint with a zone ({@code [fe80::1%eth0]:51820}) is refused, as
 * {@link Endpoint} is for literal global addresses.
 */
public record WgDump(DumpInterface iface, List<DumpPeer> peers) {

    public WgDump {
        Objects.requireNonNull(iface, "iface");
        peers = List.copyOf(peers);
    }

    /** Reads dump text; throws IllegalArgumentException naming the line and field that is wrong. */
    public static WgDump parse(String text) {
        List<String> lines = text.lines().toList();
        DumpInterface iface = null;
        List<DumpPeer> peers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (iface == null) {
                iface = DumpInterface.parse(line, i + 1);
            } else {
                peers.add(DumpPeer.parse(line, i + 1));
            }
        }
        if (iface == null) {
            throw new IllegalArgumentException("wg dump is empty: expected at least the interface line");
        }
        return new WgDump(iface, peers);
    }

    /** The dump text, one line per record, each ending in a newline as wg(8) ends them. */
    public String format() {
        StringBuilder out = new StringBuilder(iface.format()).append('\n');
        for (DumpPeer peer : peers) {
            out.append(peer.format()).append('\n');
        }
        return out.toString();
    }

    public Optional<DumpPeer> peer(PublicKey publicKey) {
        return peers.stream().filter(p -> p.publicKey().equals(publicKey)).findFirst();
    }
}
