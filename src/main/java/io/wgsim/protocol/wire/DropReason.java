package io.wgsim.protocol.wire;

/**
 * Why a datagram or packet was dropped. Every refusal in the core has exactly one of these names so
 * that counters, events and scenarios can say what happened.
 */
public enum DropReason {
    // ---- decoding (any message) ----
    /** Shorter than four bytes or of no known type. */
    UNKNOWN_TYPE,
    /** A handshake or cookie message of the wrong length, or a transport message under 32 bytes. */
    WRONG_SIZE,
    /** The three reserved bytes after the type were not zero. */
    RESERVED_NONZERO,

    // ---- handshake path ----
    /** mac1 did not match our public key: not for us, or corrupted. */
    BAD_MAC1,
    /** Under load and mac2 was missing or stale: a cookie reply was sent instead. */
    COOKIE_REQUIRED,
    /** Under load and the source address exceeded its handshake rate. */
    RATE_LIMITED,
    /** An initiation whose static key or timestamp did not decrypt. */
    HANDSHAKE_DECRYPT_FAILED,
    /** An initiation from a public key that is not one of our peers. */
    UNKNOWN_PEER,
    /** An initiation whose timestamp was not newer than the last accepted one from that peer. */
    TIMESTAMP_REPLAYED,
    /** An initiation that came sooner than the per-peer initiation rate allows. */
    INITIATION_FLOOD,
    /** A DH result was all zeros (a low-order public key). */
    ZERO_SHARED_SECRET,
    /** A response or cookie reply for an index we have no pending handshake for. */
    UNEXPECTED_HANDSHAKE,
    /** A cookie reply that did not decrypt. */
    BAD_COOKIE_REPLY,

    // ---- transport path ----
    /** The receiver index names no current keypair. */
    UNKNOWN_INDEX,
    /** The keypair is past REJECT_AFTER_TIME or REJECT_AFTER_MESSAGES. */
    KEYPAIR_EXPIRED,
    /** The counter was already seen. */
    REPLAYED,
    /** The counter is older than the replay window. */
    COUNTER_TOO_OLD,
    /** The counter is at or beyond REJECT_AFTER_MESSAGES. */
    COUNTER_LIMIT,
    /** Authentication tag mismatch. */
    BAD_TAG,
    /** The plaintext is not an IPv4 or IPv6 packet of consistent length. */
    NOT_IP,
    /** The inner source address is not in the sending peer's allowed IPs. */
    SOURCE_NOT_ALLOWED,

    // ---- outbound ----
    /** No peer's allowed IPs contain the destination. */
    NO_ROUTE,
    /** The peer has no endpoint to send to. */
    NO_ENDPOINT,
    /**
     * The outbound packet is not an IPv4 or IPv6 packet of consistent length. (A packet longer than the
     * MTU is not refused: it is sealed unpadded, as {@code io.wgsim.net.Padding} describes.)
     */
    BAD_OUTBOUND_PACKET,
    /** Queued while waiting for a handshake that gave up (a full queue is QUEUE_OVERFLOW). */
    HANDSHAKE_GAVE_UP,
    /** Pushed out of the per-peer staged queue by newer packets. */
    QUEUE_OVERFLOW
}
