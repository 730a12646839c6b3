Feature: Replay and bad input
  Every transport counter is accepted once: duplicates and packets older than the replay window are
  dropped, reordered ones within it accepted. Malformed datagrams are dropped and counted, never a crash.
  (The replay window's counter cases are checked by io.wgsim.protocol.replay.ReplayWindowTest.)

  @check.replay-duplicate-reorder @sim @real
  Scenario: Duplicated and reordered packets are delivered once each
    Given alice and bob are peers
    And the link of alice has "delay 20ms 15ms duplicate 30% reorder 25% 50%"
    When alice pings bob 50 times every 20 ms
    Then within 5 s all of alice's pings are answered

  @check.replay-duplicate-reorder @sim
  Scenario: The duplicates a link makes are dropped as replays
    Given alice and bob are peers
    And the link of alice has "delay 20ms 15ms duplicate 30% reorder 25% 50%"
    When alice pings bob 50 times every 20 ms
    Then within 5 s all of alice's pings are answered
    And bob drops at least 5 packets as REPLAYED

  @check.replay-duplicate-reorder @sim @real
  Scenario: A replayed transport packet is not accepted and does not move the endpoint
    Given alice and bob are peers
    And mallory is an attacker
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When we start watching
    And mallory replays the last data message from alice to bob
    And 1 s passes
    Then bob sends no datagram
    And bob sees alice at its current address

  @check.replay-duplicate-reorder @sim
  Scenario: A packet older than the replay window is dropped as too old
    Given alice and bob are peers
    And mallory is an attacker
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When alice's send counter for bob is set to 10000
    And alice pings bob
    Then within 1 s all of alice's pings are answered
    When we start watching
    And mallory replays the first data message from alice to bob
    And mallory replays the last data message from alice to bob
    And 1 s passes
    Then bob drops one packet as COUNTER_TOO_OLD
    And bob drops one packet as REPLAYED
    And bob sends no datagram

  @check.replay-bad-input @sim @real
  Scenario: Malformed datagrams are dropped and the tunnel keeps working
    Given alice and bob are peers
    And mallory is an attacker
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When we start watching
    And mallory sends bob bad datagrams of every kind
    And 1 s passes
    Then bob sends no datagram to mallory
    When alice pings bob 3 times
    Then within 3 s all of alice's pings are answered

  @check.replay-bad-input @sim
  Scenario: Each kind of malformed datagram is counted under its reason
    Given alice and bob are peers
    And mallory is an attacker
    When we start watching
    And mallory sends bob bad datagrams of every kind
    And 1 s passes
    # unknown type, three bytes and random bytes; truncated, oversized and a short transport;
    # non-zero reserved bytes; a transport for an index bob never gave out.
    Then bob drops 3 datagrams from mallory as UNKNOWN_TYPE
    And bob drops 3 datagrams from mallory as WRONG_SIZE
    And bob drops one datagram from mallory as RESERVED_NONZERO
    And bob drops one datagram from mallory as UNKNOWN_INDEX
