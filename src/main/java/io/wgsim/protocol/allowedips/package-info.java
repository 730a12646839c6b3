/**
 * Cryptokey routing (whitepaper section 2): the table from IP prefixes to peers that picks the peer
 * for an outbound packet and checks the source of an inbound one, by longest-prefix match.
 */
package io.wgsim.protocol.allowedips;
