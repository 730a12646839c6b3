@sim
Feature: Handshake demo

  Background:
    Given a peer

  @check.handshake-first-packet @slow
  Scenario: First packet <triggers> & "quotes"
    When it sends
    Then it fails

  Scenario Outline: outline <n>
    When it sends
    Examples:
      | n |
      | 1 |
      | 2 |

  Scenario: undefined one
    When something undefined
