Feature: The notification area
  Each person has a notification area that lists what they have been told, newest first, and
  counts what they have not read yet. They can read one notification, mark them all read, or
  show only the unread ones; a long list is read a page at a time. A person's notifications are
  theirs alone: nobody else sees them or marks them read, not even a colleague.

  Background:
    Given Alice works for the shipper "Alpha Gas Shipping"
    And Priya is an agent at the CDSP
    And Alice has logged contacts for 41, 43 and 45 Palatine Road, MANCHESTER, M20 3JH
    And Priya has picked them up, in that order

  Scenario: The newest notification comes first
    Then Alice's notification area shows, newest first:
      | contact          | now           | read   |
      | 45 Palatine Road | with the CDSP | unread |
      | 43 Palatine Road | with the CDSP | unread |
      | 41 Palatine Road | with the CDSP | unread |
    And Alice has 3 unread notifications

  Scenario: Reading a notification marks it read
    When Alice reads the notification about 43 Palatine Road
    Then Alice's notification area shows, newest first:
      | contact          | now           | read   |
      | 45 Palatine Road | with the CDSP | unread |
      | 43 Palatine Road | with the CDSP | read   |
      | 41 Palatine Road | with the CDSP | unread |
    And Alice has 2 unread notifications

  Scenario: Showing only the unread notifications
    Given Alice has read the notification about 43 Palatine Road
    When Alice shows only her unread notifications
    Then she sees the notifications about 45 and 41 Palatine Road, in that order

  Scenario: Marking all notifications read
    Given Alice has read the notification about 43 Palatine Road
    When Alice marks all her notifications read
    Then 2 of Alice's notifications are marked read
    And Alice has no unread notifications
    And Alice's notification area still lists all 3

  Scenario: A long notification area is read a page at a time
    When Alice reads her notifications 2 at a time
    Then the first page shows the notifications about 45 and 43 Palatine Road, and that there are more
    And the second page shows the notification about 41 Palatine Road, and that it is the last
    And each page says there are 3 in all

  Rule: A person's notifications are theirs alone

    Scenario: A colleague at the same Shipper does not see another person's notifications
      Given Bob works for the shipper "Alpha Gas Shipping"
      When Bob opens his notification area
      Then it is empty, and he has no unread notifications

    Scenario: Nobody else can mark a person's notification read
      Given Bob works for the shipper "Alpha Gas Shipping"
      When Bob tries to mark Alice's notification about 43 Palatine Road read
      Then Bob is told there is no such notification
      And Alice's notification about 43 Palatine Road is still unread
      And Alice still has 3 unread notifications

    Scenario: Marking all read touches only one's own notifications
      Given Bob works for the shipper "Alpha Gas Shipping"
      When Bob marks all his notifications read
      Then 0 of Bob's notifications are marked read
      And Alice still has 3 unread notifications
