Feature: The life of an account
  An organisation's Local Security Officer (LSO) nominates the people who need an account; a CDSP
  account administrator approves the nomination, which creates the account and emails an
  invitation to set a password within 72 hours. Only the organisation's own LSO (or the CDSP)
  can disable or enable its users.

  Background:
    Given Lena is the Local Security Officer of "Alpha Gas Shipping"
    And Priya is an account administrator at the CDSP

  Rule: An account is made from the LSO's nomination once the CDSP approves it

    Scenario: A nominated person signs in for the first time
      When Lena nominates Nadia, nadia@ags.example, for an account
      And Priya approves the nomination
      And Nadia sets the password "copper kettle lantern" from the invitation in her email
      And Nadia signs in for the first time, choosing codes by email, and enters the code she receives
      Then Nadia is signed in as a user of "Alpha Gas Shipping"

    Scenario: A nomination waits for the CDSP's approval
      When Lena nominates Nadia, nadia@ags.example, for an account
      Then the nomination waits for the CDSP's approval
      And no invitation has been sent to Nadia

    Scenario: Approving the nomination emails an invitation that lasts 72 hours
      Given Lena has nominated Nadia, nadia@ags.example, for an account
      When Priya approves the nomination
      Then an invitation to set a password within 72 hours is emailed to nadia@ags.example
      And no nomination waits for the CDSP's approval

    Scenario: An ordinary user cannot nominate
      Given Tariq is a user at "Alpha Gas Shipping"
      When Tariq nominates Nadia, nadia@ags.example, for an account
      Then Tariq is told that only the organisation's Local Security Officer can nominate users
      And no nomination waits for the CDSP's approval

  Rule: The CDSP sets up each new organisation and nominates its first Local Security Officer

    Scenario: The CDSP sets up a shipper whose first LSO then signs in
      When Priya sets up the shipper "Gamma Gas Supply" with the short code "GGS"
      And Priya nominates Gina, gina@ggs.example, as the Local Security Officer of "Gamma Gas Supply"
      And Priya approves the nomination
      And Gina sets the password "copper kettle lantern" from the invitation in her email
      And Gina signs in for the first time, choosing codes by email, and enters the code she receives
      Then Gina is signed in as the Local Security Officer of "Gamma Gas Supply"

    Scenario: A short code already in use is refused, naming its organisation
      When Priya sets up the shipper "Alpha Two" with the short code "ags"
      Then Priya is told the short code AGS is already used by "Alpha Gas Shipping"

    Scenario: A zone that belongs to a network already is refused, naming the network
      When Priya sets up the network "Yorkshire Gas" with the short code "YGN", owning the LDZs NE and NO
      Then Priya is told that LDZ NE already belongs to "Northern Gas Networks"
      And Priya is told that LDZ NO already belongs to "Northern Gas Networks"

    Scenario: A network is set up with the zones it owns
      When Priya sets up the network "Yorkshire Gas" with the short code "YGN"
      Then Priya is told that a network must own at least one LDZ

    Scenario: Only a CDSP account administrator sets up organisations
      When Lena sets up the shipper "Gamma Gas Supply" with the short code "GGS"
      Then Lena is told that only a CDSP account administrator can set up organisations

    Scenario: An LSO nominates people to her own organisation only
      When Lena nominates Gina, gina@bet.example, as the Local Security Officer of "Beta Energy Trading"
      Then Lena is told she may nominate people only to her own organisation
      And no nomination waits for the CDSP's approval

  Rule: The CDSP may reject a nomination, saying why, and the LSO who made it is told

    Scenario: The CDSP rejects a nomination and the LSO is told why
      Given Lena has nominated Nadia, nadia@ags.example, for an account
      When Priya rejects the nomination because "Nadia already has an account under her maiden name."
      Then no nomination waits for the CDSP's approval
      And Lena is told the nomination of Nadia was rejected because "Nadia already has an account under her maiden name."
      And no invitation has been sent to Nadia
      And the security audit log records that Priya rejected the nomination

    Scenario: A nomination is not rejected without a reason
      Given Lena has nominated Nadia, nadia@ags.example, for an account
      When Priya rejects the nomination without a reason
      Then Priya is told to say why
      And the nomination still waits for the CDSP's approval

    Scenario: Only a CDSP account administrator rejects nominations
      Given Lena has nominated Nadia, nadia@ags.example, for an account
      When Lena rejects the nomination because "I nominated the wrong person."
      Then Lena is told that only a CDSP account administrator can reject nominations
      And the nomination still waits for the CDSP's approval

    Scenario: A rejected nomination cannot be approved afterwards
      Given Lena has nominated Nadia, nadia@ags.example, for an account
      And Priya has rejected the nomination because "Nadia already has an account under her maiden name."
      When Priya approves the nomination
      Then Priya is told that no such nomination waits for approval
      And no invitation has been sent to Nadia

    Scenario: A person whose nomination was rejected can be nominated again
      Given Lena has nominated Nadia, nadia@ags.example, for an account
      And Priya has rejected the nomination because "The email address has a typing error."
      When Lena nominates Nadia, nadia@ags.example, for an account
      Then the nomination waits for the CDSP's approval

  Rule: Nominating tells an LSO nothing about other organisations' accounts

    Scenario: A person with an account at another organisation can be nominated
      Given Bruno has an account at "Beta Energy Trading"
      When Lena nominates Bruno, bruno@bet.example, for an account
      Then the nomination waits for the CDSP's approval

    Scenario: A person another organisation has nominated can be nominated too
      Given Bruno is the Local Security Officer of "Beta Energy Trading"
      And Bruno has nominated Nadia, nadia@shared.example, for an account
      When Lena nominates Nadia, nadia@shared.example, for an account
      Then both nominations wait for the CDSP's approval

    Scenario: The CDSP account administrator sees that the email already has an account
      Given Bruno has an account at "Beta Energy Trading"
      And Lena has nominated Bruno, bruno@bet.example, for an account
      Then Priya sees that the nomination's email already has an account at "Beta Energy Trading"

    Scenario: The LSO is not shown the other organisation's account
      Given Bruno has an account at "Beta Energy Trading"
      And Lena has nominated Bruno, bruno@bet.example, for an account
      Then Lena's view of the nomination shows no clash

    Scenario: Approving a nomination whose email already has an account is refused, saying why
      Given Bruno has an account at "Beta Energy Trading"
      And Lena has nominated Bruno, bruno@bet.example, for an account
      When Priya approves the nomination
      Then Priya is told bruno@bet.example already has an account at "Beta Energy Trading"

    Scenario: A person who already has an account in the LSO's own organisation is not nominated again
      Given Tariq is a user at "Alpha Gas Shipping"
      When Lena nominates Tariq, tariq@ags.example, for an account
      Then Lena is told Tariq already has an account in her organisation
      And no nomination waits for the CDSP's approval

  Rule: The password set from the invitation must be hard to guess, within 72 hours

    Background:
      Given Lena has nominated Nadia, nadia@ags.example, for an account
      And Priya has approved the nomination

    Scenario Outline: A password that is easy to guess is refused
      When Nadia sets the password "<password>" from the invitation in her email
      Then Nadia is told the password <problem>
      And Nadia can still set a password from the same invitation

      Examples:
        | password     | problem       |
        | qwerty123456 | is too common |
        | kettle lamp  | is too short  |

    Scenario: An invitation used within 72 hours sets the password
      When Nadia sets the password "copper kettle lantern" from the invitation 71 hours after it was sent
      Then Nadia can sign in with the password "copper kettle lantern"

    Scenario: An invitation older than 72 hours is refused
      When Nadia sets the password "copper kettle lantern" from the invitation 73 hours after it was sent
      Then Nadia is told the invitation has expired and to ask Lena to send it again
      And Nadia cannot sign in with the password "copper kettle lantern"

    Scenario: The LSO sends an expired invitation again
      Given 73 hours have passed since the invitation was sent
      When Lena sends Nadia's invitation again
      And Nadia sets the password "copper kettle lantern" from the invitation in her email
      Then Nadia can sign in with the password "copper kettle lantern"

    Scenario: Nominating a person whose invitation waits points the LSO to sending it again
      When Lena nominates Nadia, nadia@ags.example, for an account
      Then Lena is told Nadia's account waits for its password, and to send the invitation again

  Rule: Only the organisation's own LSO disables and enables its users

    Background:
      Given Tariq is a user at "Alpha Gas Shipping" who has set up codes by email
      And Bruno is the Local Security Officer of "Beta Energy Trading"

    Scenario: The LSO disables one of her users
      When Lena disables Tariq's account because "He has left the company"
      Then Tariq cannot sign in
      And Tariq's session has ended
      And Tariq is told his account was disabled because "He has left the company"

    Scenario: A disabled user who gives the right password is told why, and whom to ask
      Given Lena has disabled Tariq's account because "He is on long-term leave"
      When Tariq signs in with the right password
      Then Tariq is told his account is disabled because "He is on long-term leave", and to ask Lena to enable it again

    Scenario: A wrong password for a disabled account says nothing about the account
      Given Lena has disabled Tariq's account because "He is on long-term leave"
      When Tariq signs in with a wrong password
      Then Tariq is told only that the email address or password is not right
      And the answer is the same as for "nobody@ags.example" at that moment

    Scenario: An LSO of another organisation cannot disable Alpha's user
      When Bruno disables Tariq's account because "He has left the company"
      Then Bruno is told he may administer only his own organisation's accounts
      And Tariq can still sign in

    Scenario: The LSO enables a user again, saying why
      Given Lena has disabled Tariq's account because "He is on long-term leave"
      When Lena enables Tariq's account because "He is back from leave"
      Then Tariq can sign in
      And Tariq is told his account is enabled again
      And the security audit log records that Lena enabled Tariq's account because "He is back from leave"

    Scenario: An LSO of another organisation cannot enable Alpha's user
      Given Lena has disabled Tariq's account because "He is on long-term leave"
      When Bruno enables Tariq's account
      Then Bruno is told he may administer only his own organisation's accounts
      And Tariq cannot sign in

  Rule: The LSO resets the second factor of a user who lost it; they set up a new one

    Background:
      Given Tariq is a user at "Alpha Gas Shipping" who has set up codes by email
      And Bruno is the Local Security Officer of "Beta Energy Trading"

    Scenario: After a reset the user sets up a second factor again at the next sign-in
      When Lena resets Tariq's second factor because "He lost his phone"
      Then Tariq is asked to set up a second factor when he next signs in
      And Tariq is told his second factor was reset because "He lost his phone"
      And the security audit log records that Lena reset Tariq's second factor because "He lost his phone"

    Scenario: A reset forgets the devices the user asked to be remembered, and ends his sessions
      Given Tariq asked for his laptop to be remembered when he signed in
      When Lena resets Tariq's second factor because "He lost his phone"
      Then Tariq's session has ended
      And Tariq is asked to set up a second factor when he signs in on his laptop

    Scenario: A code sent before the reset no longer signs in
      Given Tariq has entered his password and been sent a code by email
      When Lena resets Tariq's second factor because "He lost his phone"
      And Tariq enters the code he was sent
      Then Tariq is not signed in

    Scenario: A CDSP account administrator resets any organisation's user
      When Priya resets Tariq's second factor because "He lost his phone; his LSO is away"
      Then Tariq is asked to set up a second factor when he next signs in

    Scenario: An LSO of another organisation cannot reset Alpha's user
      When Bruno resets Tariq's second factor because "He lost his phone"
      Then Bruno is told he may administer only his own organisation's accounts
      And Tariq is asked for a code by email when he next signs in

    Scenario: A reset is not made without a reason
      When Lena resets Tariq's second factor without a reason
      Then Lena is told to say why
      And Tariq is asked for a code by email when he next signs in

