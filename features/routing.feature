Feature: Cryptokey routing
  Allowed IPs choose the peer an outgoing packet goes to (longest prefix wins) and the sources a peer
  may send from; changes take effect at once, at any table size.

  @check.routing-longest-prefix @sim @real
  Scenario: The most specific allowed IP picks the peer, IPv4 and IPv6
    Given carol lives on the office network
    And alice and bob are peers
    And alice and carol are peers
    And alice also allows 10.0.0.0/24, fd00::/64 from bob
    When we start watching
    And alice pings carol
    Then within 1 s all of alice's pings are answered
    And alice has sent something to carol
    And alice sends at least 1 data message to carol
    And carol sends at least 1 data message to alice
    When alice pings carol over IPv6
    Then within 1 s all of alice's pings are answered
    And alice has sent nothing to bob
    When alice pings bob over IPv6
    Then within 1 s all of alice's pings are answered

  @check.routing-inbound-source @sim @real
  Scenario: A packet from a source outside the sender's allowed IPs is dropped
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When alice pings bob from 10.0.0.99
    And 2 s pass
    Then none of alice's pings are answered
    When alice pings bob from 10.0.0.1
    Then within 1 s all of alice's pings are answered

  @check.routing-inbound-source @sim
  Scenario: The responder counts packets from disallowed sources
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When we start watching
    And alice sends a UDP datagram to bob from 10.0.0.99
    And alice sends a UDP datagram to bob
    And 1 s passes
    Then bob drops one packet as SOURCE_NOT_ALLOWED
    And bob receives one UDP datagram

  @check.routing-no-peer @sim
  Scenario: A packet no peer's allowed IPs cover is dropped and sends nothing
    Given alice and bob are peers
    When we start watching
    And alice pings 10.0.0.77
    And 6 s pass
    Then none of alice's pings are answered
    And alice sends no datagram
    And alice drops one packet as NO_ROUTE

  @check.routing-updates @sim
  Scenario: Moving a prefix from one peer to another takes effect at once
    Given alice and bob are peers
    And alice and carol are peers
    And alice allows 10.0.0.2/32, 10.0.0.3/32 from bob
    When alice pings carol
    And 2 s pass
    Then none of alice's pings are answered
    And alice has sent nothing to carol
    When alice allows 10.0.0.3/32 from carol
    And alice pings carol
    Then within 1 s all of alice's pings are answered
    When alice allows 10.0.0.2/32 from carol
    And alice pings bob
    And 2 s pass
    Then none of alice's pings are answered

  @check.routing-large-tables @sim
  Scenario: One peer with 130,561 allowed IPs
    Given alice and bob are peers
    And alice allows 130559 more generated prefixes from bob
    And bob allows 130559 more generated prefixes from alice
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When we start watching
    And alice sends a UDP datagram to 10.64.254.255
    And alice sends a UDP datagram to fd01::fefe
    And 1 s passes
    Then alice sends 2 data messages to bob

  @check.routing-large-tables @sim
  Scenario: Forty peers with 52 allowed IPs each
    Given alice and bob are peers
    And alice has 40 other peers with 52 allowed prefixes each
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When we start watching
    And alice sends a UDP datagram to 10.200.40.51
    And alice sends a UDP datagram to 10.200.1.0
    And alice sends a UDP datagram to 10.200.41.0
    Then alice drops 2 packets as NO_ENDPOINT
    And alice drops one packet as NO_ROUTE

  @check.routing-loop @sim
  Scenario: A routing loop between two peers does not amplify
    # Both forward what is not theirs back into the tunnel, decrementing the TTL: one packet with
    # TTL 64 crosses the tunnel 64 times in all, and never more.
    Given alice and bob are peers
    And alice allows 10.0.0.0/24 from bob
    And bob allows 10.0.0.0/24 from alice
    And alice forwards packets that are not for it back into the tunnel
    And bob forwards packets that are not for it back into the tunnel
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When we start watching
    And alice sends a UDP datagram to 10.0.0.99 with TTL 64
    And 5 s pass
    Then alice sends 32 data messages
    And bob sends 32 data messages
