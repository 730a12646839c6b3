Feature: Handshake
  The first packet to a peer starts a Noise IKpsk2 handshake; what completes it, and what must never.
  In every scenario bob is the peer under test (wireguard-go on the real backend); the others are wgsim.

  @check.handshake-first-packet @sim @real
  Scenario: The first packet starts a handshake, and data confirms it
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    And alice sends one handshake initiation
    And bob sends one handshake response
    And the first message alice sends after we started watching is a handshake initiation
    And within 1 s alice and bob have a session
