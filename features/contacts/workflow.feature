Feature: Working a Meter Number Creation contact
  Once a contact is logged, a CDSP agent validates it and passes it to the gas network that owns
  the site's zone; the network confirms the site, and UK Link then creates the meter point. The
  CDSP or the network may ask the Shipper a question, and the Shipper may withdraw the contact
  until the network accepts it. The contact waits in the work queue of whoever must act next,
  and its history records every step and who took it.

  Background:
    Given Alice works for the shipper "Alpha Gas Shipping"
    And Priya is an agent at the CDSP
    And Carys works for the network "Cadent"
    And the address "41 Palatine Road, MANCHESTER, M20 3JH" has no meter point in UK Link
    And Alice has logged a contact for that address

  Scenario: A contact the network accepts gets its new meter point
    When Priya picks up Alice's contact
    And Priya passes it to the network
    And Carys accepts it
    Then UK Link creates a new meter point for the contact
    And its history shows, in order:
      | what happened           | by      |
      | logged                  | Alice   |
      | picked up               | Priya   |
      | passed to the network   | Priya   |
      | accepted by the network | Carys   |
      | meter point created     | UK Link |

  Scenario: The network books a site visit
    Given Alice's contact is with the network
    When Carys books a site visit for Thursday 12 March 2026
    Then the contact is booked for a site visit
    And the history records that Carys booked a site visit

  Scenario: The Shipper and the network see the date the site visit is planned for
    Given Alice's contact is with the network
    When Carys books a site visit for Thursday 12 March 2026
    Then Alice and Carys see that the site visit is planned for 12 March 2026

  Rule: A site visit is planned for a working day, from today up to six months ahead
    Weekends and England and Wales bank holidays are not working days. Today is Monday 2 March
    2026, so the last day a visit can be planned for is Wednesday 2 September 2026.

    Scenario: A visit six months ahead is booked
      Given Alice's contact is with the network
      When Carys books a site visit for Wednesday 2 September 2026
      Then the contact is booked for a site visit

    Scenario: A visit more than six months ahead is refused
      Given Alice's contact is with the network
      When Carys books a site visit for Thursday 3 September 2026
      Then Carys is told that the visit can be planned no later than Wednesday 2 September 2026
      And the contact is still with the network
      And its history is unchanged

    Scenario: A visit in the far future is refused
      Given Alice's contact is with the network
      When Carys books a site visit for Friday 31 December 9999
      Then Carys is told that the visit can be planned no later than Wednesday 2 September 2026
      And the contact is still with the network

    Scenario: A visit on a weekend is refused
      Given Alice's contact is with the network
      When Carys books a site visit for Saturday 14 March 2026
      Then Carys is told that Saturday 14 March 2026 is not a working day, and that Monday 16 March 2026 is the next
      And the contact is still with the network
      And its history is unchanged

    Scenario: A visit on a bank holiday is refused
      Given Alice's contact is with the network
      When Carys books a site visit for Friday 3 April 2026
      Then Carys is told that Friday 3 April 2026 is not a working day, and that Tuesday 7 April 2026 is the next
      And the contact is still with the network

    Scenario: A visit on a day already gone is refused
      Given Alice's contact is with the network
      When Carys books a site visit for Friday 27 February 2026
      Then Carys is told that the visit must be planned for today or later
      And the contact is still with the network

  Rule: A contact is rejected with a reason from the controlled list, and a note

    Scenario: The CDSP rejects a contact that is not for a new service
      Given Alice's contact is with the CDSP
      When Priya rejects it as "not a new service", noting "The meter was exchanged in 2023; the existing meter point stays."
      Then the contact is rejected
      And the history records that Priya rejected it, noting "The meter was exchanged in 2023; the existing meter point stays."

    Scenario: The network rejects a contact after a failed site visit
      Given Alice's contact is booked for a site visit
      When Carys rejects it as "site visit failed", noting "No new service was found at the rear of the property."
      Then the contact is rejected
      And the history records that Carys rejected it, noting "No new service was found at the rear of the property."

    Scenario: The Shipper sees the reason its contact was rejected for
      Given Alice's contact is with the CDSP
      When Priya rejects it as "duplicate contact", noting "The same site as the contact for 41A Palatine Road."
      Then Alice sees that it was rejected as "duplicate contact"

    Scenario: A reason that is not on the list is refused
      Given Alice's contact is with the CDSP
      When Priya rejects it as "site demolished", noting "The building was pulled down last year."
      Then Priya is told that "site demolished" is not a rejection reason, and which reasons are
      And the contact is still with the CDSP
      And its history is unchanged

  Rule: An answer goes back to whoever asked; a question unanswered for 10 working days lapses
    The Shipper has until the end of the 10th UK working day after the question (weekends and
    England and Wales bank holidays do not count). The daily check lapses it the next morning.

    Scenario: An answer to the CDSP's question goes back to the agent who asked
      Given Priya has asked Alice "Is this a new service, or the old one relaid?"
      When Alice answers "A new service to the rear extension, laid on 20 February."
      Then the contact is back with Priya, in her own work queue
      And the history records that Alice answered the question, noting "A new service to the rear extension, laid on 20 February."

    Scenario: An answer to the network's question goes back to the network
      Given Carys has asked Alice "Where on the site will the meter be fitted?"
      When Alice answers "In a meter box on the rear wall, beside the kitchen door."
      Then the contact is back in Cadent's work queue

    Scenario: A question is still open on its 10th working day
      Given Priya asked Alice "Please send the site plan for the new service." on Monday 2 March 2026
      When the daily checks run up to Monday 16 March 2026
      Then the contact is still awaiting Alice's answer

    Scenario: A question unanswered for 10 working days lapses
      Given Priya asked Alice "Please send the site plan for the new service." on Monday 2 March 2026
      When the daily checks run up to Friday 20 March 2026
      Then the contact lapsed on Tuesday 17 March 2026
      And the history records that the system lapsed it

    Scenario: Bank holidays do not count towards the 10 working days
      Given Priya asked Alice "Please send the site plan for the new service." on Thursday 26 March 2026
      When the daily checks run up to Friday 17 April 2026
      Then the contact lapsed on Tuesday 14 April 2026

  Rule: The Shipper may withdraw a contact until the network accepts it

    Scenario: Alice withdraws a contact that is with the network
      Given Alice's contact is with the network
      When Alice withdraws it, noting "The developer has cancelled the rear extension."
      Then the contact is withdrawn
      And the history records that Alice withdrew it, noting "The developer has cancelled the rear extension."

    Scenario: A contact the network has accepted cannot be withdrawn
      Given Alice's contact is accepted by the network
      When Alice withdraws it, noting "The developer has cancelled the rear extension."
      Then Alice is told that it can no longer be withdrawn, as the network has accepted it
      And UK Link creates a new meter point for the contact

  Rule: Someone who may never make a move is told so before anything else

    Scenario: The Shipper cannot reject its own contact
      Given Alice's contact is with the CDSP
      When Alice tries to reject Alice's contact
      Then Alice is told that only the CDSP or the network can reject a contact
      And the contact is still with the CDSP
      And its history is unchanged

    Scenario: The Shipper is told it cannot reject before anything about the reason it gave
      Given Alice's contact is with the CDSP
      When Alice rejects it as "site demolished", without a note
      Then Alice is told that only the CDSP or the network can reject a contact
      And its history is unchanged

    Scenario: A CDSP agent cannot book a site visit, whatever the contact's status
      Given Alice's contact is with the CDSP
      When Priya tries to book a site visit for Alice's contact
      Then Priya is told that only the network can book a site visit
      And the contact is still with the CDSP

  Rule: A network works only the contacts allocated to it

    Scenario Outline: A user of another network cannot act on the contact, nor learn that it exists
      Given Niall works for the network "Northern Gas Networks"
      And Alice's contact is with the network
      When Niall tries to <move> Alice's contact
      Then Niall is told the same as for a contact that was never issued
      And the contact is still with the network
      And its history is unchanged

      Examples:
        | move                       |
        | accept                     |
        | reject                     |
        | book a site visit for      |
        | ask Alice a question about |

  Rule: A contact waits in the work queue of whoever must act next

    Scenario Outline: The contact is in the work queue of the party it waits on, and only theirs
      Given Alice's contact is <state>
      Then it is in the work queue of <party> only

      Examples:
        | state                   | party              |
        | logged                  | the CDSP           |
        | with the CDSP           | the CDSP           |
        | awaiting Alice's answer | Alpha Gas Shipping |
        | with the network        | Cadent             |
        | booked for a site visit | Cadent             |
        | accepted by the network | nobody             |
        | rejected                | nobody             |

    Scenario: Two agents pick up the same contact at once
      Given Dev is an agent at the CDSP
      When Priya and Dev pick up Alice's contact at the same moment
      Then one of them has it, and the other is told that it is already with the CDSP
      And the history records that it was picked up once

    Scenario: A supervisor assigns a contact to a colleague
      Given Sam is a supervisor at the CDSP
      When Sam assigns Alice's contact to Priya
      Then the contact is in Priya's own work queue
      And it is no longer among the CDSP's unassigned contacts
