package io.wgsim.check;

import java.util.List;
import java.util.Map;

/**
 * What {@link Checker} found in one capture.
 *
 * @param capture the file checked
 * @param frames packets in the file
 * @param wireGuardDatagrams datagrams of flows that carry WireGuard, malformed ones included
 * @param skipped frames not judged, by reason (not UDP, fragment, truncated, unknown link type, UDP
 *        that is not WireGuard)
 * @param sessions sessions seen (one per handshake response, plus one per index whose handshake the
 *        capture lacks)
 * @param decryptedSessions sessions whose transport keys the keys given derived
 * @param decryptedMessages transport messages decrypted
 * @param undecryptable transport messages of a decrypted session that did not authenticate (corrupted on
 *        the way, or forged): counted, not judged
 * @param copies datagrams whose bytes the capture already held for the same message (duplicated by the
 *        network, or captured twice)
 * @param violations every violation, by frame
 * @param counts violations per rule, for every rule applied (zero included)
 * @param notApplied rules that could not be applied, with the reason
 */
public record CheckReport(String capture, long frames, long wireGuardDatagrams, Map<String, Long> skipped, int sessions,
                          int decryptedSessions, long decryptedMessages, long undecryptable, long copies, List<Violation> violations,
                          Map<RuleId, Long> counts, Map<RuleId, String> notApplied) {

    public CheckReport {
        skipped = Map.copyOf(skipped);
        violations = List.copyOf(violations);
        counts = Map.copyOf(counts);
        notApplied = Map.copyOf(notApplied);
    }

    public boolean clean() {
        return violations.isEmpty();
    }
}
