Feature: A contact with the wrong gas network
  A contact goes to the gas network that owns the zone its postcode lies in, and the contact says
  so. When that network is the wrong one, the contact need not be rejected: the CDSP moves it to
  the right network, or the network hands it back to the CDSP. Either way somebody writes why,
  the contact's history records it, whoever must act next has their usual time to do it, and
  everyone concerned is told.

  Background:
    Given Alice works for the shipper "Alpha Gas Shipping"
    And Priya is an agent at the CDSP
    And Carys works for the network "Cadent"
    And Wyn works for the network "Wales & West Utilities"
    And the address "41 Palatine Road, MANCHESTER, M20 3JH" has no meter point in UK Link
    And Alice has logged a contact for that address

  Scenario: The contact says which network it is for, and why
    Given Alice's contact is with the network
    Then Alice sees that the contact is for Cadent, because M20 3JH is in the North West zone, which belongs to Cadent

  Rule: The CDSP may move a contact to another network, saying why

    Scenario: The CDSP moves a contact from one network to another
      Given Alice's contact is with the network
      When Priya moves it to "Wales & West Utilities", noting "The new service is fed from the Welsh network."
      Then the contact is with the network
      And Wyn sees the contact, with the network Wales & West Utilities
      And it is in the work queue of Wales & West Utilities only
      And the history records that Priya moved it to another network, noting "The new service is fed from the Welsh network."

    Scenario: The network it was moved from no longer sees it
      Given Alice's contact is with the network
      When Priya moves it to "Wales & West Utilities", noting "The new service is fed from the Welsh network."
      Then Carys can no longer see the contact

    Scenario: The contact says why it was moved
      Given Alice's contact is with the network
      When Priya moves it to "Wales & West Utilities", noting "The new service is fed from the Welsh network."
      Then Alice sees that the contact is for Wales & West Utilities, because the CDSP moved it there: "The new service is fed from the Welsh network."

    Scenario: The new network has its 10 working days from the move
      Given Alice's contact is with the network
      And it is now Wednesday 4 March 2026
      When Priya moves it to "Wales & West Utilities", noting "The new service is fed from the Welsh network."
      Then it is due by the end of Wednesday 18 March 2026

    Scenario: A site visit the first network booked does not carry over
      Given Alice's contact is booked for a site visit
      When Priya moves it to "Wales & West Utilities", noting "The new service is fed from the Welsh network."
      Then the contact is with the network
      And no site visit is planned for it

    Scenario: Both networks and the Shipper are told of the move
      Given Alice's contact is with the network
      When Priya moves it to "Wales & West Utilities", noting "The new service is fed from the Welsh network."
      Then Wyn is told that Alice's contact has been moved to his network, with Priya's note
      And Carys is told that Alice's contact has been moved to another network
      And Alice is told that her contact is now with Wales & West Utilities, for a site check

    Scenario: A contact is not moved to the network it is already with
      Given Alice's contact is with the network
      When Priya moves it to "Cadent", noting "Back to Cadent."
      Then Priya is told the contact is already with that network
      And its history is unchanged

    Scenario: A move without a reason is refused
      Given Alice's contact is with the network
      When Priya moves it to "Wales & West Utilities" without a note
      Then Priya is told to write why
      And the contact is still with the network
      And its history is unchanged

    Scenario: The Shipper cannot move its contact to another network
      Given Alice's contact is with the network
      When Alice moves it to "Wales & West Utilities", noting "It is in Wales."
      Then Alice is refused, as only the CDSP can move a contact to another network
      And its history is unchanged

  Rule: A network may hand a contact back to the CDSP, saying why

    Scenario: The network hands a contact back to the CDSP
      Given Alice's contact is with the network
      When Carys hands it back to the CDSP, noting "Not our main: Palatine Road is fed by Wales & West."
      Then the contact is with the CDSP
      And it is in the work queue of the CDSP only
      And the history records that Carys handed it back, noting "Not our main: Palatine Road is fed by Wales & West."
      And Carys can no longer see the contact

    Scenario: A network hands back a contact it had booked a site visit for
      Given Alice's contact is booked for a site visit
      When Carys hands it back to the CDSP, noting "Not our main: Palatine Road is fed by Wales & West."
      Then the contact is with the CDSP
      And no site visit is planned for it

    Scenario: The CDSP has its 2 working days from the hand-back
      Given Alice's contact is with the network
      And it is now Thursday 5 March 2026
      When Carys hands it back to the CDSP, noting "Not our main: Palatine Road is fed by Wales & West."
      Then it is due by the end of Monday 9 March 2026

    Scenario: The agent who passed the contact to the network is told why it came back
      Given Alice's contact is with the network
      When Carys hands it back to the CDSP, noting "Not our main: Palatine Road is fed by Wales & West."
      Then Priya is told that Alice's contact has been handed back to the CDSP, with Carys's note
      And Alice is told that her contact is back with the CDSP

    Scenario: The contact says who handed it back, and why
      Given Alice's contact is with the network
      When Carys hands it back to the CDSP, noting "Not our main: Palatine Road is fed by Wales & West."
      Then Priya sees that Cadent handed the contact back: "Not our main: Palatine Road is fed by Wales & West."

    Scenario: The CDSP moves a contact handed back to it to the right network
      Given Carys has handed Alice's contact back to the CDSP
      When Priya moves it to "Wales & West Utilities", noting "Wales & West confirm the main is theirs."
      Then Wyn sees the contact, with the network Wales & West Utilities

    Scenario: A hand-back without a reason is refused
      Given Alice's contact is with the network
      When Carys hands it back to the CDSP without a note
      Then Carys is told to write why
      And the contact is still with the network

    Scenario: Another network cannot hand back a contact it does not see
      Given Alice's contact is with the network
      When Wyn hands it back to the CDSP, noting "Not ours."
      Then Wyn is told the same as for a contact that was never issued
      And the contact is still with the network
