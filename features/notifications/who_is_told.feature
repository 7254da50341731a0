Feature: Who is told when a contact moves
  Everyone who has a hand in a Meter Number Creation contact finds a notification in their
  notification area when the contact moves in a way that concerns them. Each notification names
  the contact's reference number and where the contact now stands, and says in one line what
  happened. Nobody is ever told of something they did themselves.

  Background:
    Given Alice works for the shipper "Alpha Gas Shipping"
    And Priya is an agent at the CDSP
    And Carys works for the network "Cadent"
    And the address "41 Palatine Road, MANCHESTER, M20 3JH" has no meter point in UK Link
    And Alice has logged a contact for that address

  Rule: The Shipper user who raised a contact is told whenever its status changes

    Scenario: The Shipper is told when the CDSP picks up her contact
      When Priya picks up Alice's contact
      Then Alice is told that her contact is now with the CDSP
      And Priya is told nothing

    Scenario: The Shipper is told when her contact is passed to the network
      Given Alice's contact is with the CDSP
      When Priya passes it to the network
      Then Alice is told that her contact is now with the network

    Scenario: The Shipper is told the date of the site visit the network has booked
      Given Alice's contact is with the network
      When Carys books a site visit for Thursday 12 March 2026
      Then Alice is told that her contact is now booked for a site visit, on 12 March 2026

    Scenario: The Shipper is told that she has a question to answer
      Given Alice's contact is with the CDSP
      When Priya asks Alice "Is this a new service, or the old one relaid?"
      Then Alice is told that she has been asked a question about her contact

    Scenario: The Shipper is not told of her own moves
      Given Alice's contact is with the network
      When Alice withdraws it, noting "The developer has cancelled the rear extension."
      Then Alice is not told that her contact is now withdrawn

  Rule: A user is told when a supervisor assigns a contact to them

    Scenario: An agent is told when her supervisor assigns a contact to her
      Given Sam is a supervisor at the CDSP
      When Sam assigns Alice's contact to Priya
      Then Priya is told that Alice's contact has been assigned to her
      And Sam is told nothing
      And Alice is told nothing, as her contact has not changed status

    Scenario: A supervisor who takes a contact into his own work queue is not told of it
      Given Sam is a supervisor at the CDSP
      When Sam takes Alice's contact into his own work queue
      Then the contact is in Sam's own work queue
      And Sam is told nothing

  Rule: A user is told when a supervisor takes a contact away from them

    Scenario: An agent is told when her supervisor gives her contact to someone else
      Given Sam is a supervisor at the CDSP
      And Priya has picked up Alice's contact
      When Sam takes Alice's contact into his own work queue
      Then Priya is told that Alice's contact is no longer assigned to her, as it has gone to a colleague
      And Sam is told nothing

    Scenario: An agent is told when her supervisor puts her contact back in the queue
      Given Sam is a supervisor at the CDSP
      And Priya has picked up Alice's contact
      When Sam puts Alice's contact back in the queue
      Then Priya is told that Alice's contact is no longer assigned to her, as it has gone to the queue
      And Sam is told nothing

  Rule: Every active user of a network is told when a contact is allocated to the network

    Scenario: All the network's users are told, and nobody at another network
      Given Nia works for the network "Cadent"
      And Niall works for the network "Northern Gas Networks"
      And Alice's contact is with the CDSP
      When Priya passes it to the network
      Then Carys and Nia are each told that Alice's contact has been allocated to their network
      And Niall is told nothing

    Scenario: A network user whose account is disabled is not told
      Given Nia works for the network "Cadent"
      And Lowri is the Local Security Officer of the network "Cadent"
      And Lowri has disabled Nia's account, noting "Nia has left the company."
      And Alice's contact is with the CDSP
      When Priya passes it to the network
      Then Carys and Lowri are each told that Alice's contact has been allocated to their network
      And Nia is told nothing

  Rule: Whoever asked the Shipper a question is told when it is answered

    Scenario: The CDSP agent who asked is told of the answer
      Given Priya has asked Alice "Is this a new service, or the old one relaid?"
      When Alice answers "A new service to the rear extension, laid on 20 February."
      Then Priya is told that the Shipper has answered her question about Alice's contact

    Scenario: The network user who asked is told of the answer
      Given Carys has asked Alice "Where on the site will the meter be fitted?"
      When Alice answers "In a meter box on the rear wall, beside the kitchen door."
      Then Carys is told that the Shipper has answered her question about Alice's contact

  Rule: Everyone concerned is told when a contact is rejected, withdrawn, lapses or is complete
    Those concerned are the Shipper user who raised it, whoever was working it, and the users of
    the network it was allocated to.

    Scenario: The Shipper and the network are told when the network rejects a contact
      Given Nia works for the network "Cadent"
      And Alice's contact is booked for a site visit
      When Carys rejects it as "site visit failed", noting "No new service was found at the rear of the property."
      Then Alice and Nia are each told that Alice's contact was rejected as "site visit failed"
      And Carys is not told that Alice's contact is now rejected

    Scenario: The agent working a contact is told when her supervisor rejects it
      Given Sam is a supervisor at the CDSP
      And Priya has picked up Alice's contact
      When Sam rejects it as "duplicate contact", noting "The same site as the contact for 41A Palatine Road."
      Then Alice and Priya are each told that Alice's contact was rejected as "duplicate contact"
      And Sam is told nothing

    Scenario: The agent working a contact is told when the Shipper withdraws it
      Given Priya has picked up Alice's contact
      When Alice withdraws it, noting "Raised for the wrong site."
      Then Priya is told that Alice's contact was withdrawn by the Shipper

    Scenario: The network is told when the Shipper withdraws a contact
      Given Alice's contact is with the network
      When Alice withdraws it, noting "The developer has cancelled the rear extension."
      Then Carys is told that Alice's contact was withdrawn by the Shipper

    Scenario: The Shipper and the agent who asked are told when a question lapses
      Given Priya asked Alice "Please send the site plan for the new service." on Monday 2 March 2026
      When the daily checks run up to Friday 20 March 2026
      Then Alice and Priya are each told that Alice's contact lapsed, as the question went unanswered

    Scenario: The Shipper and the network are told when the new meter point is created
      Given Nia works for the network "Cadent"
      And Alice's contact is accepted by the network
      When UK Link creates the contact's meter point
      Then Alice, Carys and Nia are each told that Alice's contact is complete, with its new meter point
