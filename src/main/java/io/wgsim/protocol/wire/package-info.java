/**
 * WireGuard's wire format (whitepaper section 5.4): the four message layouts as records, strict
 * decoding with typed drop reasons, and every protocol constant in {@link io.wgsim.protocol.wire.Protocol}.
 */
package io.wgsim.protocol.wire;
