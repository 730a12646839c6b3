package io.wgsim.check;

import java.util.Locale;

/**
 * The rules {@code wgsim check} applies, each with the id it prints. docs/check.md defines every rule
 * precisely: what it flags, where the requirement comes from, and what it exempts.
 */
public enum RuleId {
    MESSAGE_SIZE("a message of unknown type, or of the wrong size for its type, on a WireGuard flow"),
    RESERVED_BYTES("the three bytes after the message type are not zero"),
    MAC1("a handshake message whose mac1 matches no known public key, sent to an endpoint known to hold one"),
    COUNTER_REUSE("two different transport messages with the same counter on one session"),
    COUNTER_WINDOW("a new counter more than the replay window below the session's highest, or past REJECT_AFTER_MESSAGES"),
    KEYPAIR_AGE("transport data on a keypair older than REJECT_AFTER_TIME (180 s)"),
    REKEY_TIMEOUT("a retry less than REKEY_TIMEOUT (5 s) after an initiation whose handshake did not complete"),
    KEEPALIVE_ECHO("a keepalive KEEPALIVE_TIMEOUT (10 s) after receiving only keepalives, neither confirmation, passive nor persistent"),
    RESPONDER_INITIATION("the responder of a fresh session it still uses initiates, with no timer that allows it"),
    SOURCE_ADDRESS("a decrypted packet whose inner source is outside the sender's allowed IPs (needs --config)");

    private final String summary;

    RuleId(String summary) {
        this.summary = summary;
    }

    /** The id printed in reports, e.g. {@code counter-reuse}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** One line saying what the rule flags. */
    public String summary() {
        return summary;
    }

    /** The rule with this printed id, or null. */
    public static RuleId byId(String id) {
        for (RuleId r : values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }
}
