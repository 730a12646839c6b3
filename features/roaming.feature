Feature: Roaming
  A peer's endpoint follows its authenticated packets: a peer that moves, changes port or is rebound
  by its NAT is found again by the next packet it sends; nothing unauthenticated moves an endpoint.

  @check.roaming-learns-endpoint @sim @real
  Scenario: A peer that moves to another network is found at its new address
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When alice moves to the cafe network
    And alice pings bob
    Then within 1 s all of alice's pings are answered
    And bob sees alice at its current address
    When bob pings alice
    Then within 1 s all of bob's pings are answered

  @check.roaming-learns-endpoint @sim @real
  Scenario: A peer that changes its listen port is found at its new port
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When alice listens on port 51999
    And alice pings bob
    Then within 1 s all of alice's pings are answered
    And bob sees alice at its current address

  @check.roaming-learns-endpoint @sim @real
  Scenario: A responder with no endpoint learns it from the handshake
    Given alice and bob are peers
    And bob does not know where alice is
    When bob pings alice
    And 1 s passes
    Then none of bob's pings are answered
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    And bob sees alice at its current address
    When bob pings alice
    Then within 1 s all of bob's pings are answered

  @check.roaming-disallowed-inner-source @sim
  Scenario: An authenticated packet moves the endpoint even when its inner source is refused
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When alice moves to the cafe network
    And we start watching
    And alice sends a UDP datagram to bob from 10.9.9.9
    Then within 1 s bob sees alice at its current address
    And bob receives no UDP datagrams
    And bob drops one packet as SOURCE_NOT_ALLOWED

  @check.roaming-cookie-reply @sim
  Scenario: A cookie reply from another address does not move the endpoint
    Given bob is flooded with handshake initiations for 30 s
    And alice and bob are peers
    And mallory is an attacker
    When 2 s pass
    And we start watching
    And alice pings bob
    And 1 s passes
    Then bob sends a cookie reply to alice
    When mallory replays the last cookie reply from bob to alice
    And 1 s passes
    Then alice sees bob at its current address
    And within 10 s all of alice's pings are answered
    And alice sees bob at its current address

  @check.roaming-nat-rebinding @sim @real
  Scenario: After the NAT rebinds, traffic resumes with the next authenticated packet
    Given alice is behind a NAT
    And alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When the NAT in front of alice rebinds
    And bob pings alice
    And 2 s pass
    Then none of bob's pings are answered
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    And bob sees alice at its current address
    When bob pings alice
    Then within 1 s all of bob's pings are answered

  @check.roaming-both-sides @sim @real
  Scenario: Both sides move, one after the other
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When alice moves to the cafe network
    And alice pings bob
    Then within 1 s all of alice's pings are answered
    When bob moves to the office network
    And bob pings alice
    Then within 1 s all of bob's pings are answered
    And alice sees bob at its current address
    And bob sees alice at its current address
    When alice pings bob 3 times
    Then within 3 s all of alice's pings are answered

  @check.roaming-both-sides @sim @real
  Scenario: A client behind a NAT roams to another network
    Given alice is behind a NAT
    And alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When alice moves to the cafe network
    And alice pings bob
    Then within 1 s all of alice's pings are answered
    And bob sees alice at its current address
