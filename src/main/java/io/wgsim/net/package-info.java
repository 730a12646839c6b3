/**
 * IP-level plumbing below the protocol: addresses and prefixes (strict parsing, RFC 5952 output),
 * the inner packets carried in transport plaintexts (whitepaper section 5.4.6: parsing, padding)
 * and builders and readers for the IPv4/IPv6, UDP and ICMP echo packets scenarios send.
 */
package io.wgsim.net;
