package io.wgsim.net;

import io.wgsim.protocol.wire.Protocol;

/**
 * How long a transport plaintext is once padded (whitepaper section 5.4.6): zeros up to a multiple
 * of {@link Protocol#PADDING_MULTIPLE}, but not past the MTU, so a full-size packet stays full-size.
 */
public final class Padding {
    private Padding() {}

    /**
     * The padded length of a plaintext of this many bytes. A keepalive (0) stays 0. The result is
     * never below the plaintext length, even for a plaintext longer than the MTU.
     *
     * <p>An mtu of 0 means "unknown" and gives plain rounding up, as in both references. For a
     * plaintext longer than a non-zero MTU the kernel and wireguard-go pad {@code length % mtu} (a
     * leftover of GSO superpackets); here such a plaintext is left as it is. Neither reference can
     * put one on the wire, since the interface MTU bounds what they encrypt.
     */
    public static int paddedLength(int plaintextLength, int mtu) {
        if (plaintextLength < 0) {
            throw new IllegalArgumentException("plaintext length " + plaintextLength + " is negative");
        }
        if (mtu < 0) {
            throw new IllegalArgumentException("mtu " + mtu + " is negative");
        }
        int multiple = Protocol.PADDING_MULTIPLE;
        // Long arithmetic: rounding Integer.MAX_VALUE up must not wrap.
        long rounded = ((long) plaintextLength + multiple - 1) / multiple * multiple;
        if (mtu != 0) {
            rounded = Math.min(rounded, mtu);
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(rounded, plaintextLength));
    }
}
