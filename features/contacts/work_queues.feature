Feature: Narrowing a work queue
  A CDSP agent or a network user narrows their work queue to what they want to work on next:
  contacts in one status, contacts due by a day (overdue ones included), or only the overdue
  ones. The soonest due still comes first. A contact is due two working days after it reaches
  the CDSP.

  Background:
    Given Alice works for the shipper "Alpha Gas Shipping"
    And Priya is a supervisor at the CDSP
    And Alice logged these contacts:
      | address                               | on                     |
      | 41 Palatine Road, MANCHESTER, M20 3JH | Monday 2 March 2026    |
      | 43 Palatine Road, MANCHESTER, M20 3JH | Wednesday 4 March 2026 |
      | 45 Palatine Road, MANCHESTER, M20 3JH | Friday 6 March 2026    |
    And it is now Monday 9 March 2026

  Scenario: Only the overdue contacts
    When Priya narrows the CDSP's work queue to the overdue contacts
    Then she sees, the soonest due first, the contacts for:
      | 41 Palatine Road |
      | 43 Palatine Road |

  Scenario: Contacts due by a day
    When Priya narrows the CDSP's work queue to the contacts due by Friday 6 March 2026
    Then she sees, the soonest due first, the contacts for:
      | 41 Palatine Road |
      | 43 Palatine Road |

  Scenario: Contacts in one status
    Given Priya has picked up the contact for 45 Palatine Road
    When Priya narrows the CDSP's work queue to the contacts with the CDSP
    Then she sees, the soonest due first, the contacts for:
      | 45 Palatine Road |

  Scenario: Nothing is lost when every filter is cleared
    When Priya narrows the CDSP's work queue to nothing in particular
    Then she sees, the soonest due first, the contacts for:
      | 41 Palatine Road |
      | 43 Palatine Road |
      | 45 Palatine Road |
