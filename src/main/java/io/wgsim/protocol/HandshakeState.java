package io.wgsim.protocol;

/** Where a peer's handshake stands, named for the local side's last action (the kernel's five states). */
enum HandshakeState {
    ZEROED,
    CREATED_INITIATION,
    CONSUMED_INITIATION,
    CREATED_RESPONSE,
    CONSUMED_RESPONSE
}
