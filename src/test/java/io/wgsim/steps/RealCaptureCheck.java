package io.wgsim.steps;

import io.wgsim.testing.Tshark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real scenario's capture must decrypt in tshark with nothing but the keys inside it: no message that
 * tshark had keys for fails to decrypt, and (unless an attacker sent forged bytes) every data message
 * decrypts to an IP packet. Checked when the lab has closed the capture; a failure fails the scenario.
 */
final class RealCaptureCheck {
    private RealCaptureCheck() {}

    static void decrypts(Path capture, boolean attackerInvolved) {
        List<String> problems = new ArrayList<>();
        for (Tshark.WgMessage m : Tshark.wireGuard(capture, List.of())) {
            if (m.decryptionError()) {
                problems.add("frame " + m.frame() + " (type " + m.type() + ") did not decrypt");
            } else if (!attackerInvolved && m.type() == 4 && !m.keepalive() && !m.decryptedToIp()) {
                problems.add("frame " + m.frame() + " is a data message tshark could not decrypt");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("the capture " + capture + " does not decrypt with the keys inside it: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? " (" + problems.size() + " in all)" : ""));
        }
    }
}
