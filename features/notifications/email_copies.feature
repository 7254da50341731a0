Feature: Email copies of notifications
  The notification area is where people are told. A person may also ask for a copy of each of
  their notifications by email; copies are off until they switch them on, and they may switch
  them off again at any time.

  Background:
    Given Alice works for the shipper "Alpha Gas Shipping"
    And Priya is an agent at the CDSP
    And Carys works for the network "Cadent"
    And the address "41 Palatine Road, MANCHESTER, M20 3JH" has no meter point in UK Link
    And Alice has logged a contact for that address

  Scenario: Nobody gets email copies unless they switch them on
    When Priya picks up Alice's contact
    Then Alice is told that her contact is now with the CDSP
    And Alice is sent no email copy

  Scenario: A person who switched email copies on gets each notification by email too
    Given Alice has switched on email copies of her notifications
    When Priya picks up Alice's contact
    And Priya passes it to the network
    Then Alice is sent an email copy of each of her 2 notifications

  Scenario: Only the people who switched email copies on get them
    Given Carys has switched on email copies of her notifications
    And Alice's contact is with the CDSP
    When Priya passes it to the network
    Then Carys is sent an email copy of her notification
    And Alice is sent no email copy

  Scenario: A person who switches email copies off again gets no more
    Given Alice has switched on email copies of her notifications
    And Alice has switched them off again
    When Priya picks up Alice's contact
    Then Alice is sent no email copy
