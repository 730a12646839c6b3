Feature: Padding and MTU
  Plaintext is padded to a multiple of 16 bytes, but never past the MTU (1420); a packet exactly at the
  MTU still passes. A transport message is the padded plaintext plus 32 bytes (header and tag).

  @check.padding-mtu @sim
  Scenario Outline: A <payload>-byte ping is sealed into a <message>-byte transport message
    Given alice and bob are peers
    When we start watching
    And alice pings bob with <payload> bytes of payload
    Then within 1 s all of alice's pings are answered
    And alice's data messages are all <message> bytes long
    And bob's data messages are all <message> bytes long

    Examples:
      | payload | message | why                                             |
      | 0       | 64      | 28-byte packet padded to 32                     |
      | 1       | 64      | 29 -> 32                                        |
      | 4       | 64      | 32 needs no padding                             |
      | 5       | 80      | 33 -> 48                                        |
      | 56      | 128     | ping's default: 84 -> 96                        |
      | 1380    | 1440    | 1408 is already a multiple of 16                |
      | 1390    | 1452    | 1418 would pad to 1424, capped at the MTU: 1420 |
      | 1392    | 1452    | exactly the MTU: 1420, not padded               |
