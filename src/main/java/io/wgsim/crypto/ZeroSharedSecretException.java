package io.wgsim.crypto;

import java.security.GeneralSecurityException;

/** The peer's public key is a low-order point: DH gave all zeros and the handshake must stop. */
public final class ZeroSharedSecretException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    public ZeroSharedSecretException() {
        super("X25519 shared secret is all zeros (low-order public key)");
    }
}
