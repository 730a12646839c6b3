Feature: Rekey and key lifetimes
  Sessions are replaced before they wear out: by time (120 s of sending for the initiator, 165 s on
  receive), by message count, and never used past 180 s. Traffic must not notice the rotation.

  @check.rekey-after-time @sim @real @slow
  Scenario: The initiator rekeys after 120 s of sending; the responder does not rekey on time
    Given alice and bob are peers
    When we start watching
    And alice pings bob every 1 s for 130 s
    And 131 s pass
    Then all of alice's pings are answered
    And alice sends 2 handshake initiations
    And alice's handshake initiations are 120 s to 122 s apart
    And bob sends no handshake initiation

  @check.rekey-last-minute @sim
  Scenario: An initiator that only receives rekeys at 165 s
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When we start watching
    Then alice sends no handshake initiation during the next 166 s
    When bob sends a UDP datagram to alice
    Then within 1 s alice sends a handshake initiation
    And alice receives one UDP datagram
    And bob sends no handshake initiation

  @check.rekey-reject-after-time @sim
  Scenario: A packet sent at 179 s still uses the old session, and starts a new one
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When 178 s pass
    And we start watching
    And alice pings bob
    Then within 1 s all of alice's pings are answered
    And the first message alice sends after we started watching is a data message
    And alice sends one handshake initiation

  @check.rekey-reject-after-time @sim
  Scenario: Nothing is sent on a session older than 180 s
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When 181 s pass
    And we start watching
    And bob pings alice
    Then within 1 s all of bob's pings are answered
    And the first message bob sends after we started watching is a handshake initiation

  @check.rekey-message-limits @sim
  Scenario: Sending past REKEY_AFTER_MESSAGES starts a new handshake
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    # More than REKEY_TIMEOUT after the first handshake, so a new one may start at once.
    When 6 s pass
    And alice's send counter for bob is set to REKEY_AFTER_MESSAGES
    And we start watching
    And alice pings bob
    Then within 1 s all of alice's pings are answered
    And alice sends one handshake initiation

  @check.rekey-message-limits @sim
  Scenario: Sending up to REKEY_AFTER_MESSAGES does not rekey yet
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    # More than REKEY_TIMEOUT after the first handshake, so a new one may start at once.
    When 6 s pass
    And alice's send counter for bob is set to REKEY_AFTER_MESSAGES - 1
    And we start watching
    And alice pings bob
    Then within 1 s all of alice's pings are answered
    And alice sends no handshake initiation

  @check.rekey-message-limits @sim
  Scenario: Nothing is sent with a counter at REJECT_AFTER_MESSAGES; a new session carries on
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    # More than REKEY_TIMEOUT after the first handshake, so a new one may start at once.
    When 6 s pass
    And alice's send counter for bob is set to REJECT_AFTER_MESSAGES - 1
    And we start watching
    And alice pings bob 3 times every 10 ms
    Then within 1 s all of alice's pings are answered
    And alice sends one handshake initiation
    And alice sends no transport message with a counter of REJECT_AFTER_MESSAGES or more
    And bob drops no packets as COUNTER_LIMIT

  @check.rekey-previous-keypair @sim @real @slow
  Scenario: Traffic both ways loses nothing across a rekey
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When alice pings bob every 200 ms for 130 s
    And bob pings alice every 200 ms for 130 s
    And 131 s pass
    Then all of alice's pings are answered
    And all of bob's pings are answered
    And alice sends at least 2 handshake initiations

  @check.rekey-previous-keypair @sim
  Scenario: No packet is refused for an unknown index across three rekeys
    Given alice and bob are peers
    And the link of alice has "delay 20ms 10ms"
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When alice pings bob every 100 ms for 400 s
    And bob pings alice every 100 ms for 400 s
    And 401 s pass
    Then all of alice's pings are answered
    And all of bob's pings are answered
    And alice drops no packets as UNKNOWN_INDEX
    And bob drops no packets as UNKNOWN_INDEX
    And alice sends at least 4 handshake initiations
