/**
 * Anti-replay for transport data counters (whitepaper section 5.4.6): the sliding bitmap window of
 * RFC 6479, kept as a ring of 64-bit words the way the kernel's counter_validate and wireguard-go's
 * replay.Filter keep it.
 */
package io.wgsim.protocol.replay;
