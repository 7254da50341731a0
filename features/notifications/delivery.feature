Feature: Notifications reach their recipients at once, and only once
  A person who has the service open sees a new notification appear without reloading the page;
  nobody else's page shows it. The service tells people from its record of what happened, so a
  restart never tells anybody the same thing twice, in the service or by email.

  Background:
    Given Alice works for the shipper "Alpha Gas Shipping"
    And Priya is an agent at the CDSP
    And Carys works for the network "Cadent"
    And the address "41 Palatine Road, MANCHESTER, M20 3JH" has no meter point in UK Link
    And Alice has logged a contact for that address

  Scenario: A new notification appears at once on its recipient's open page, and only theirs
    Given Bob works for the shipper "Alpha Gas Shipping"
    And Alice and Bob have the service open
    When Priya picks up Alice's contact
    Then Alice's open page shows at once that her contact is now with the CDSP
    And Bob's open page shows no notification

  Scenario: After the service restarts, nobody is told anything twice
    Given Alice has switched on email copies of her notifications
    And Alice's contact is with the network
    And everyone concerned has been told
    When the service restarts and catches up again
    Then nobody has been told anything twice
    And Alice is sent an email copy of each of her 2 notifications
