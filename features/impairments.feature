Feature: Impairments
  The handshake and the tunnel survive what real networks do: random and bursty loss, reordering,
  duplication, jitter, a bandwidth limit, a partition that heals. (On the real backend these run
  through the impairment relay, which applies the same link model.)

  @check.impairments-random-loss @sim @real
  Scenario: The handshake completes under 30% random loss each way
    Given the seed is 7
    And alice and bob are peers
    And the link of alice has "delay 20ms loss 30%"
    When alice pings bob
    Then within 90 s alice and bob have a session

  @check.impairments-random-loss @sim @real
  Scenario: Most pings get through 10% loss each way
    Given alice and bob are peers
    And the link of alice has 10% loss
    When alice pings bob 50 times every 100 ms
    And 10 s pass
    Then at least 30 of alice's pings are answered

  @check.impairments-burst-loss @sim @real
  Scenario: The handshake completes under bursty Gilbert-Elliott loss
    Given alice and bob are peers
    And the link of alice has "delay 20ms loss gemodel 10% 30% 80% 1%"
    When alice pings bob
    Then within 90 s alice and bob have a session

  @check.impairments-reorder-duplicate-jitter @sim @real
  Scenario: Pings survive reordering, duplication and jitter
    Given alice and bob are peers
    And the link of alice has "delay 40ms 30ms reorder 20% 50% duplicate 10%"
    And the link of bob has "delay 10ms 5ms"
    When alice pings bob 40 times every 50 ms
    Then within 5 s all of alice's pings are answered

  @check.impairments-rate-partition @sim @real
  Scenario: Large pings through a 1 Mbit/s link all arrive
    Given alice and bob are peers
    And the link of alice has "delay 5ms rate 1mbit"
    When alice pings bob 20 times every 20 ms with 1000 bytes of payload
    Then within 5 s all of alice's pings are answered

  @check.impairments-rate-partition @sim @real
  Scenario: A partition stops the tunnel and healing restores it
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When the link of bob goes down
    And alice pings bob 3 times
    And 5 s pass
    Then none of alice's pings are answered
    When the link of bob comes back
    And alice pings bob 3 times
    Then within 8 s all of alice's pings are answered
