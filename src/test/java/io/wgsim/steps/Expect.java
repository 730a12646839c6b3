package io.wgsim.steps;

import io.wgsim.crypto.PublicKey;
import io.wgsim.lab.Lab;
import io.wgsim.lab.WireMessage;
import io.wgsim.protocol.DeviceEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Failure messages that explain themselves: what was expected, what was observed, the last events of
 * the peers involved and the last messages on the wire, the scenario's time, seed and capture.
 */
final class Expect {
    private static final int LAST = 8;

    private Expect() {}

    static void that(boolean ok, String expected, String observed, String... peers) {
        if (!ok) {
            throw new AssertionError(explain(expected, observed, peers));
        }
    }

    static String explain(String expected, String observed, String... peers) {
        ScenarioState s = ScenarioState.current();
        Lab lab = s.lab();
        StringBuilder b = new StringBuilder();
        b.append("\nExpected: ").append(expected);
        b.append("\nObserved: ").append(observed);
        b.append("\nAt ").append(String.format(java.util.Locale.ROOT, "%.3f s", lab.elapsed().toNanos() / 1e9))
                .append(" of the scenario (").append(lab.backend()).append(", seed ").append(s.seed).append(")");
        Map<PublicKey, String> names = new LinkedHashMap<>();
        for (String p : s.peerNames()) {
            names.put(lab.publicKey(p), p);
        }
        for (String p : peers) {
            if (!s.hasPeer(p)) {
                continue;
            }
            Optional<List<DeviceEvent>> events = lab.events(p);
            if (events.isEmpty()) {
                b.append("\nLast events of ").append(p).append(": (not a wgsim peer; see its wg show dump below)");
            } else {
                List<DeviceEvent> all = events.get();
                b.append("\nLast events of ").append(p).append(" (").append(all.size()).append(" in all):");
                for (DeviceEvent e : all.subList(Math.max(0, all.size() - LAST), all.size())) {
                    b.append("\n  ").append(describe(e, names));
                }
            }
            for (String other : s.peerNames()) {
                lab.view(p, lab.publicKey(other)).ifPresent(v -> b.append("\n  ").append(p).append(" wg show, peer ")
                        .append(other).append(": ").append(v));
            }
        }
        List<WireMessage> wire = lab.wire();
        b.append("\nLast on the wire (").append(wire.size()).append(" datagrams in all):");
        for (WireMessage m : wire.subList(Math.max(0, wire.size() - LAST), wire.size())) {
            b.append("\n  ").append(m.describe());
        }
        b.append("\nCapture: ").append(s.repoRelativeCapture).append(" (complete when the scenario ends; opens decrypted in Wireshark)");
        return b.toString();
    }

    /** An event with peers named and time in seconds. */
    static String describe(DeviceEvent e, Map<PublicKey, String> names) {
        String text = e.toString();
        for (Map.Entry<PublicKey, String> n : names.entrySet()) {
            text = text.replace(n.getKey().toString(), n.getValue());
        }
        return String.format(java.util.Locale.ROOT, "%.3f s %s", e.at() / 1e9, text);
    }
}
