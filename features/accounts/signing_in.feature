Feature: Signing in
  Users sign in with their email address and password, then prove it is them with a second
  factor: a code sent by text or by email, or one shown by an authenticator app. A device the
  user asked to remember is not asked for a code for 30 days. Wrong passwords slow further tries
  down rather than lock anyone out, and too many wrong codes void the sign-in.

  Background:
    Given Tariq has an account at "Alpha Gas Shipping"

  Rule: At the first sign-in the user sets up a second factor

    Scenario: Codes by text to a UK mobile
      When Tariq signs in for the first time, choosing codes by text to "07911 123456", and enters the code he receives
      Then Tariq is signed in
      And the code was sent by text to +447911123456
      And Tariq was shown the number as "+44 7*** ***456"

    Scenario: Codes by email
      When Tariq signs in for the first time, choosing codes by email, and enters the code he receives
      Then Tariq is signed in
      And the code was sent by email to tariq@ags.example
      And Tariq was shown the address as "t***@ags.example"

    Scenario: A landline cannot receive codes by text
      When Tariq signs in for the first time, choosing codes by text to "0113 496 0000"
      Then Tariq is told the number cannot receive texts
      And no code was sent

    Scenario: The advice for a number that cannot receive texts gives one that can
      When Tariq signs in for the first time, choosing codes by text to "0113 496 0000"
      Then the example mobile number in the advice is accepted for codes by text

    Scenario: An authenticator app
      When Tariq signs in for the first time, choosing an authenticator app, and enters the code it shows
      Then Tariq is signed in
      And no code was sent
      And Tariq's app lists the account as tariq@ags.example of "CMS (GB gas)"

  Rule: An authenticator app's code works once

    Background:
      Given Tariq has set up an authenticator app

    Scenario: A later sign-in asks for the app's current code
      When Tariq signs in a minute later and enters the code his app shows
      Then Tariq is signed in

    Scenario: The code used to set up the app is not accepted again
      When Tariq signs in again straight away and enters the code he set up the app with
      Then Tariq is told the code is not right
      And Tariq is not signed in

  Rule: A remembered device is not asked for a code for 30 days; any other device is

    Background:
      Given Tariq has set up codes by email
      And Tariq asked for his laptop to be remembered when he signed in

    Scenario: The remembered device signs in without a code within 30 days
      When Tariq signs in on his laptop 29 days later
      Then Tariq is signed in without being asked for a code

    Scenario: The remembered device is asked for a code again after 30 days
      When Tariq signs in on his laptop 30 days later
      Then Tariq is asked for the code sent by email to "t***@ags.example"

    Scenario: A device that was never remembered is asked for a code
      When Tariq signs in on his phone 1 day later
      Then Tariq is asked for the code sent by email to "t***@ags.example"

  Rule: After five wrong passwords in an hour, each further try has to wait, longer each time

    Background:
      Given Tariq has set up codes by email

    Scenario: Four wrong passwords do not hold the account up
      Given Tariq has entered a wrong password 4 times
      When Tariq signs in with the right password
      Then Tariq is asked for the code sent by email to "t***@ags.example"

    Scenario Outline: Each wrong password after the fourth doubles the wait, up to 15 minutes
      When Tariq enters a wrong password <count> times, each time as soon as he may
      Then Tariq was last told the password is not right and to try again in <wait>

      Examples:
        | count | wait       |
        | 5     | 30 seconds |
        | 6     | 1 minute   |
        | 7     | 2 minutes  |
        | 9     | 8 minutes  |
        | 10    | 15 minutes |
        | 12    | 15 minutes |

    Scenario: Even the right password is refused until the wait is over
      Given Tariq has entered a wrong password 5 times
      When Tariq signs in with the right password 10 seconds after the last wrong one
      Then Tariq is told to try again in 20 seconds

    Scenario: While the account waits, the right password gets the same answer as a wrong one
      Given Tariq has entered a wrong password 5 times
      When Tariq signs in with the right password 10 seconds after the last wrong one
      Then the answer is the same as for a wrong password at that moment

    Scenario: The wait gives nothing away about which accounts exist
      Given Tariq has entered a wrong password 5 times
      And 5 wrong passwords have been entered for "nobody@ags.example", which has no account
      When Tariq signs in with the right password 10 seconds after the last wrong one
      Then the answer is the same as for "nobody@ags.example" at that moment

    Scenario: Once the wait is over the right password works
      Given Tariq has entered a wrong password 5 times
      When Tariq signs in with the right password 30 seconds after the last wrong one
      Then Tariq is asked for the code sent by email to "t***@ags.example"

    Scenario: Wrong passwords spread over more than an hour do not hold the account up
      Given Tariq has entered a wrong password 5 times, 15 minutes apart
      When Tariq signs in with the right password
      Then Tariq is asked for the code sent by email to "t***@ags.example"

    Scenario: Each hold-up is written to the security audit log
      When Tariq enters a wrong password 5 times, each time as soon as he may
      Then the security audit log says Tariq's account must wait 30 seconds after 5 wrong passwords

  Rule: Someone else's wrong passwords do not hold up a device the user asked to remember

    Background:
      Given Tariq has set up codes by email
      And Tariq asked for his laptop to be remembered when he signed in
      And someone else has entered a wrong password for Tariq 10 times, each time as soon as they may

    Scenario: The remembered device signs in at once
      When Tariq signs in on his laptop
      Then Tariq is signed in without being asked for a code

    Scenario: Any other device has to wait
      When Tariq signs in on his phone
      Then Tariq is told to try again in 15 minutes

  Rule: Many wrong passwords from one network slow it down a little, except for remembered devices

    Background:
      Given Tariq has set up codes by email
      And Tariq asked for his laptop to be remembered when he signed in
      And 100 wrong passwords for other people's email addresses have come from Tariq's office

    Scenario: Everyone else at the office waits a moment
      When Tariq signs in on his phone at the office
      Then Tariq is told to try again in 1 second

    Scenario: The remembered device at the office signs in at once
      When Tariq signs in on his laptop at the office
      Then Tariq is signed in without being asked for a code

    Scenario: Other networks are not slowed down
      When Tariq signs in on his phone at home
      Then Tariq is asked for the code sent by email to "t***@ags.example"

  Rule: Five wrong codes void the sign-in

    Background:
      Given Tariq has set up codes by email
      And Tariq has entered his password and been sent a code by email

    Scenario: After five wrong codes the right code no longer works
      When Tariq enters a wrong code 5 times
      Then the right code no longer signs Tariq in
      And Tariq was told the sign-in is void and to sign in again

    Scenario: After four wrong codes the right code still works
      When Tariq enters a wrong code 4 times
      Then the right code still signs Tariq in

  Rule: Signing out ends the session

    Scenario: A session that was signed out no longer lets the user in
      Given Tariq is signed in
      When Tariq signs out
      Then Tariq's session no longer lets him in

  Rule: Changing the password needs the current one, and five wrong tries sign the user out

    Background:
      Given Tariq is signed in

    Scenario: Four wrong current passwords leave the user signed in
      When Tariq tries to change his password giving a wrong current password 4 times
      Then Tariq is told his current password is not right
      And Tariq's session still lets him in

    Scenario: The fifth wrong current password signs the user out
      When Tariq tries to change his password giving a wrong current password 5 times
      Then Tariq is told he has been signed out after too many wrong passwords
      And Tariq's session no longer lets him in
