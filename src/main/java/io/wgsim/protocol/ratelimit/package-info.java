/**
 * Per-source rate limiting of handshake messages while under load (whitepaper section 5.3, the
 * kernel's ratelimiter.c and wireguard-go's ratelimiter package).
 */
package io.wgsim.protocol.ratelimit;
