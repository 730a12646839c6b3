package io.wgsim.protocol.wire;

import java.time.Duration;

/**
 * Every protocol number of WireGuard, grouped by concern, in one place (the kernel's messages.h plays
 * this role). Derived values are written as formulas over the others. No other class spells a
 * protocol number.
 */
public final class Protocol {
    private Protocol() {}

    // ---- Noise construction (whitepaper 5.4) ----
    public static final String CONSTRUCTION = "Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s";
    public static final String IDENTIFIER = "WireGuard v1 zx2c4 Jason@zx2c4.com";
    public static final String LABEL_MAC1 = "mac1----";
    public static final String LABEL_COOKIE = "cookie--";

    // ---- Lengths ----
    public static final int KEY_LENGTH = 32;
    public static final int TAG_LENGTH = 16;
    public static final int MAC_LENGTH = 16;
    public static final int TIMESTAMP_LENGTH = 12;
    public static final int COOKIE_NONCE_LENGTH = 24;
    public static final int COOKIE_LENGTH = 16;

    // ---- Message sizes (whitepaper 5.4.2 - 5.4.7) ----
    public static final int INITIATION_SIZE = 4 + 4 + KEY_LENGTH + (KEY_LENGTH + TAG_LENGTH)
            + (TIMESTAMP_LENGTH + TAG_LENGTH) + MAC_LENGTH + MAC_LENGTH; // 148
    public static final int RESPONSE_SIZE = 4 + 4 + 4 + KEY_LENGTH + TAG_LENGTH + MAC_LENGTH + MAC_LENGTH; // 92
    public static final int COOKIE_REPLY_SIZE = 4 + 4 + COOKIE_NONCE_LENGTH + COOKIE_LENGTH + TAG_LENGTH; // 64
    public static final int TRANSPORT_HEADER_SIZE = 4 + 4 + 8; // 16
    public static final int TRANSPORT_MIN_SIZE = TRANSPORT_HEADER_SIZE + TAG_LENGTH; // 32, a keepalive
    /** Plaintexts are zero-padded to a multiple of this, capped at the MTU. */
    public static final int PADDING_MULTIPLE = 16;

    // ---- Counters (whitepaper 6.1; kernel messages.h) ----
    public static final int COUNTER_BITS_TOTAL = 8192;
    /** Default replay window: the ring's bits minus one 64-bit word (8128), as kernel and wireguard-go. */
    public static final int DEFAULT_REPLAY_WINDOW = COUNTER_BITS_TOTAL - Long.SIZE;
    /** REKEY_AFTER_MESSAGES = 2^60. */
    public static final long REKEY_AFTER_MESSAGES = 1L << 60;
    /**
     * REJECT_AFTER_MESSAGES = 2^64 - 2^13 - 1 (unsigned; here as a signed long bit pattern). Compare with
     * {@link Long#compareUnsigned}.
     */
    public static final long REJECT_AFTER_MESSAGES = -(1L << 13) - 1;

    // ---- Timers (whitepaper 6.1 - 6.5) ----
    public static final Duration REKEY_AFTER_TIME = Duration.ofSeconds(120);
    public static final Duration REJECT_AFTER_TIME = Duration.ofSeconds(180);
    public static final Duration REKEY_ATTEMPT_TIME = Duration.ofSeconds(90);
    public static final Duration REKEY_TIMEOUT = Duration.ofSeconds(5);
    /** Retransmissions add up to this much random jitter to REKEY_TIMEOUT. */
    public static final Duration REKEY_TIMEOUT_JITTER_MAX = Duration.ofMillis(333);
    public static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration COOKIE_REFRESH_TIME = Duration.ofSeconds(120);
    /** Initiations sent before giving up: REKEY_ATTEMPT_TIME / REKEY_TIMEOUT (18). */
    public static final int MAX_TIMER_HANDSHAKES = (int) (REKEY_ATTEMPT_TIME.toNanos() / REKEY_TIMEOUT.toNanos());
    /** The receive-side rekey threshold: REJECT_AFTER_TIME - KEEPALIVE_TIMEOUT - REKEY_TIMEOUT (165 s). */
    public static final Duration REKEY_ON_RECEIVE_AFTER = REJECT_AFTER_TIME.minus(KEEPALIVE_TIMEOUT).minus(REKEY_TIMEOUT);
    /** Key material is zeroed this long after the last handshake (3 x REJECT_AFTER_TIME, 540 s). */
    public static final Duration ZERO_KEYS_AFTER = REJECT_AFTER_TIME.multipliedBy(3);
    /** New handshake if data was sent and nothing came back for this long (15 s). */
    public static final Duration NEW_HANDSHAKE_AFTER = KEEPALIVE_TIMEOUT.plus(REKEY_TIMEOUT);

    // ---- Handshake flood control ----
    /** The responder accepts at most one initiation per peer per this interval (wireguard-go). */
    public static final Duration INITIATIONS_PER_PEER_INTERVAL = Duration.ofMillis(20);
    /** Per-source-address rate limit on handshake messages while under load. */
    public static final int RATE_LIMIT_PACKETS_PER_SECOND = 20;
    public static final int RATE_LIMIT_BURST = 5;
    /** Default under-load threshold: pending handshakes at which cookies are demanded (wireguard-go). */
    public static final int DEFAULT_UNDER_LOAD_THRESHOLD = 128;
    /** How long the under-load state persists after the queue drains (wireguard-go). */
    public static final Duration UNDER_LOAD_HOLD = Duration.ofSeconds(1);

    // ---- TAI64N ----
    /**
     * TAI64 label written for Unix second 0: 2^62 + 10, the 10 s being TAI-UTC in 1970 (later leap
     * seconds are ignored). wireguard-go and the Linux kernel use this base, and the 2018 Wireshark
     * captures confirm it (label = capture second + 10); boringtun uses 2^62 + 37. A responder only
     * compares timestamps from one sender, so peers interoperate either way, but reproducing real
     * messages byte for byte needs this value.
     */
    public static final long TAI64_BASE = (1L << 62) + 10;
    /**
     * wireguard-go clears the low 24 bits of the nanoseconds (about 16.8 ms granularity); the kernel
     * rounds down to the same 2^24 ns (the power of two below 1 s / 50 initiations).
     */
    public static final int TAI64N_WHITENER_MASK = 0x1000000 - 1;

    // ---- Defaults ----
    public static final int DEFAULT_MTU = 1420;
}
