Feature: Cookie and load
  Under load a responder answers handshake messages without a valid mac2 with a cookie reply, and
  spends no Curve25519 work on them; an initiator with a fresh cookie gets through. Cookies are bound
  to the source address, and each source is rate limited.

  Background:
    # 200 initiations a second from a stranger put bob over its under-load threshold.
    Given bob is flooded with handshake initiations for 60 s
    And alice and bob are peers
    When 2 s pass

  @check.cookie-reply-under-load @sim @real
  Scenario: Under load the responder answers an initiation without mac2 with a cookie reply
    When we start watching
    And alice pings bob
    And 1 s passes
    Then bob sends one cookie reply to alice
    And bob sends no handshake response to alice

  @check.cookie-reply-under-load @sim
  Scenario: The responder counts initiations it asked a cookie for
    When we start watching
    And alice pings bob
    And 1 s passes
    Then bob drops at least 1 datagram as COOKIE_REQUIRED

  @check.cookie-mac2-completes @sim @real
  Scenario: An initiator with a fresh cookie sets mac2 and completes
    When we start watching
    And alice pings bob
    Then within 7 s all of alice's pings are answered
    And alice sends 2 handshake initiations
    And bob sends one handshake response to alice

  @check.cookie-mac2-bound-to-source @sim
  Scenario: The same cookie from another address is refused
    Given mallory is an attacker
    When alice pings bob
    Then within 7 s all of alice's pings are answered
    When we start watching
    And mallory replays the last handshake initiation from alice to bob
    And 1 s passes
    Then bob sends one cookie reply to mallory
    And bob sends no handshake response to mallory

  @check.cookie-bad-mac1 @sim @real
  Scenario: An initiation with a bad mac1 is dropped silently
    Given mallory is an attacker
    When we start watching
    And mallory sends bob a handshake initiation with a bad mac1
    And 1 s passes
    Then bob sends no datagram to mallory

  @check.cookie-bad-mac1 @sim
  Scenario: A bad mac1 is refused before any other check
    Given mallory is an attacker
    When we start watching
    And mallory sends bob a handshake initiation with a bad mac1
    And 1 s passes
    Then bob drops one datagram from mallory as BAD_MAC1
    And bob drops no datagrams from mallory as COOKIE_REQUIRED

  @check.cookie-source-rate-limit @sim
  Scenario: Each source address gets 5 handshakes at once, then 20 a second
    # mallory is a wgsim peer bob does not know: its second initiation carries a valid cookie, so bob
    # lets it through the rate limit and drops it as UNKNOWN_PEER. Replayed from the same address 40
    # times in one second (every 25 ms), the burst of 5 gets through and then one per 50 ms: 24 of 40.
    Given mallory knows bob, but bob does not know mallory
    When mallory pings bob
    And 6 s pass
    Then bob drops one datagram from mallory as UNKNOWN_PEER
    When we start watching
    And mallory replays the last handshake initiation from mallory to bob 40 times within 1 s
    And 1 s passes
    Then bob drops 16 datagrams from mallory as RATE_LIMITED
    And bob drops 24 datagrams from mallory as UNKNOWN_PEER
