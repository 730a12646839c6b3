package io.wgsim.protocol;

/** The outcome of checking a handshake message's MACs (the kernel's cookie_mac_state). */
enum MacCheck {
    /** mac1 is wrong: the message is not for us. */
    INVALID_MAC1,
    /** mac1 is right; mac2 is absent or does not carry a current cookie for this source. */
    VALID_MAC1_NO_COOKIE,
    /** mac1 is right and mac2 proves the sender holds our current cookie for its address. */
    VALID_COOKIE
}
