Feature: Keepalive
  Keepalives confirm that data arrived (passive, 10 s after receiving), notice a silent peer (a new
  handshake 15 s after unanswered data), and keep NAT mappings open (persistent keepalive).

  @check.keepalive-passive @sim @real
  Scenario: A passive keepalive 10 s after receiving data, never in answer to a keepalive
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When we start watching
    Then alice sends no keepalive during the next 9 s
    And within 2 s alice sends a keepalive
    And bob sends no keepalive during the next 30 s
    And alice sends one keepalive

  @check.keepalive-new-handshake-15s @sim
  Scenario: Data sent but never answered starts a new handshake after 15 s
    Given alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When everything bob sends is lost
    And we start watching
    And alice pings bob
    Then alice sends no handshake initiation during the next 15 s
    And within 1 s alice sends a handshake initiation

  @check.keepalive-persistent-nat @sim @real
  Scenario: A persistent keepalive keeps the NAT mapping open
    Given alice is behind a NAT that forgets mappings after 10 s
    And alice and bob are peers
    When alice sends a persistent keepalive to bob every 5 s
    Then within 1 s alice and bob have a session
    When 30 s pass
    And bob pings alice
    Then within 1 s all of bob's pings are answered
    And alice sends at least 6 keepalives

  @check.keepalive-persistent-nat @sim @real
  Scenario: Without a persistent keepalive the NAT forgets the way in
    # alice's passive keepalive 10 s after bob's reply is the last thing through the NAT.
    Given alice is behind a NAT that forgets mappings after 10 s
    And alice and bob are peers
    When alice pings bob
    Then within 1 s all of alice's pings are answered
    When 30 s pass
    And bob pings alice
    And 10 s pass
    Then none of bob's pings are answered
