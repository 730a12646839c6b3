Feature: Handshake
  The first packet to a peer starts a Noise IKpsk2 handshake. These scenarios check what completes it,
  what it costs on the wire, and what must never complete or never be answered.
  In every scenario bob is the peer under test (wireguard-go on the real backend); the others are wgsim.

  @check.handshake-first-packet @sim @real
  Scenario: The first packet starts a handshake, and data confirms it
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    And the first message alice sends after we started watching is a handshake initiation
    And alice sends one handshake initiation
    And bob sends one handshake response
    And within 1 s alice and bob have a session

  @check.handshake-first-packet @sim @real
  Scenario: With nothing to send, the initiator confirms the session with a keepalive
    Given alice and bob are peers
    When alice sends a persistent keepalive to bob every 25 s
    Then within 1 s alice and bob have a session
    And alice sends one handshake initiation
    And alice sends one keepalive
    And alice sends no data message

  @check.handshake-byte-counters @sim @real
  Scenario: Transfer counters count handshake, data and keepalive bytes exactly
    # 148-byte initiation, 92-byte response; a 56-byte ping is an 84-byte IPv4 packet, padded to 96
    # and sealed with a 16-byte header and 16-byte tag: 128 bytes. A keepalive is 32 bytes.
    Given alice and bob are peers
    When alice pings bob 5 times
    Then within 5 s all of alice's pings are answered
    And alice has sent 788 bytes to bob and received 732 bytes from it
    And bob has sent 732 bytes to alice and received 788 bytes from it
    When 11 s pass
    Then alice has sent 820 bytes to bob and received 732 bytes from it
    And bob has sent 732 bytes to alice and received 820 bytes from it

  @check.handshake-psk @sim @real
  Scenario: A preshared key on both sides works
    Given alice and bob are peers
    And alice and bob share a preshared key
    When alice pings bob
    Then within 1 s all of alice's pings are answered

  @check.handshake-psk @sim @real
  Scenario: Different preshared keys never complete a handshake and send no data
    Given alice and bob are peers
    And alice and bob have different preshared keys
    When alice pings bob
    And 20 s pass
    Then none of alice's pings are answered
    And alice and bob have no session
    And alice sends at least 3 handshake initiations
    And alice sends no transport message
    And bob sends no transport message

  @check.handshake-wrong-static-key @sim @real
  Scenario: An initiation for the wrong static key is never answered
    Given alice and bob are peers
    And alice has the wrong public key for bob
    When alice pings bob
    And 20 s pass
    Then none of alice's pings are answered
    And alice sends at least 3 handshake initiations
    And bob sends no datagram

  @check.handshake-wrong-static-key @sim
  Scenario: The responder refuses an initiation for another key at the mac1 check
    Given alice and bob are peers
    And alice has the wrong public key for bob
    When alice pings bob
    And 1 s passes
    Then bob drops one datagram as BAD_MAC1

  @check.handshake-low-order-keys @sim @real
  Scenario: An all-zero public key for the peer sends nothing at all
    Given alice and bob are peers
    And alice has an all-zero public key for bob
    When alice pings bob
    And 20 s pass
    Then none of alice's pings are answered
    And alice sends no datagram

  @check.handshake-low-order-keys @sim @real
  Scenario: A low-order public key for the peer sends nothing at all
    Given alice and bob are peers
    And alice has a low-order public key for bob
    When alice pings bob
    And 20 s pass
    Then none of alice's pings are answered
    And alice sends no datagram

  @check.handshake-private-key-change @sim @real
  Scenario: After a private key change the next handshake uses the new key at once
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When alice changes its private key and bob learns the new public key
    And we start watching
    And alice pings bob
    Then within 1 s all of alice's pings are answered
    And alice sends one handshake initiation
    And bob sends one handshake response

  @check.handshake-replayed-initiation @sim
  Scenario: A replayed initiation is ignored
    Given alice and bob are peers
    And mallory is an attacker
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When we start watching
    And mallory replays the last handshake initiation from alice to bob
    Then bob sends no datagram during the next 5 s
    And bob drops one datagram as TIMESTAMP_REPLAYED
    And bob sees alice at its current address

  @check.handshake-replayed-initiation @sim
  Scenario: After its clock goes backwards a peer's initiations are refused as old
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When alice's clock goes back 1 h
    And alice restarts
    And we start watching
    And alice pings bob
    And 12 s pass
    Then none of alice's pings are answered
    And alice sends at least 2 handshake initiations
    And bob sends no handshake response
    And bob drops at least 2 datagrams as TIMESTAMP_REPLAYED

  @adversarial
  @check.handshake-initiation-rate @sim
  Scenario: Initiations from one peer faster than 50 a second are dropped
    # With alice's key, mallory sends ten fresh initiations 5 ms apart (at 0, 5, ... 45 ms). The responder
    # refuses one that comes 20 ms or less after the last it accepted: it accepts those at 0 and 25 ms,
    # and answers each where it came from.
    Given alice and bob are peers
    And mallory is an attacker
    When we start watching
    And mallory sends bob 10 handshake initiations as alice 5 ms apart
    And 1 s passes
    Then bob sends 2 handshake responses to mallory

  @adversarial
  @check.handshake-initiation-rate @sim @real
  Scenario: Of initiations from one peer 1 ms apart only the first is answered
    # Ten within 10 ms: the responder accepts the first and refuses the others, each 20 ms or less after
    # it (with room for the wall clock's jitter on real peers, unlike 5 ms apart).
    Given alice and bob are peers
    And mallory is an attacker
    When we start watching
    And mallory sends bob 10 handshake initiations as alice 1 ms apart
    And 1 s passes
    Then bob sends one handshake response to mallory

  @adversarial
  @check.handshake-initiation-rate @sim
  Scenario: The responder counts initiations over the per-peer rate as a flood
    Given alice and bob are peers
    And mallory is an attacker
    When mallory sends bob 10 handshake initiations as alice 5 ms apart
    And 1 s passes
    Then bob drops 8 datagrams as INITIATION_FLOOD

  @check.handshake-simultaneous @sim @real
  Scenario: Both sides initiating at once end with one working session
    Given alice and bob are peers
    When alice pings bob
    And bob pings alice
    Then within 6 s all of alice's pings are answered
    And within 1 s all of bob's pings are answered
    When alice pings bob 10 times every 100 ms
    And bob pings alice 10 times every 100 ms
    Then within 2 s all of alice's pings are answered
    And within 1 s all of bob's pings are answered

  @check.handshake-simultaneous @sim
  Scenario: Simultaneous initiation settles on the two halves of one session
    Given alice and bob are peers
    When alice pings bob
    And bob pings alice
    And 10 s pass
    Then alice and bob settle on one session

  @check.handshake-retransmit-giveup @sim
  Scenario: Retransmission every 5 s with jitter, give up after 90 s, keys zeroed after 540 s
    # As the kernel and wireguard-go count: the first initiation, then 19 retries while the attempts
    # are at most MAX_TIMER_HANDSHAKES (90 s / 5 s = 18); the next timer gives up, and the key material
    # is zeroed 3 x REJECT_AFTER_TIME (540 s) later.
    Given alice and bob are peers
    And everything bob sends is lost
    When we start watching
    And alice pings bob
    And 700 s pass
    Then alice's handshake initiations are 5000 ms to 5334 ms apart
    And alice sends 20 handshake initiations
    And alice's last handshake initiation comes 95 s to 102 s after its first
    And alice gives up on bob between 100 s and 108 s after we started watching
    And alice zeroes its keys for bob between 640 s and 648 s after we started watching
    And alice drops one packet as HANDSHAKE_GAVE_UP
