Feature: Disabling accounts that are not used
  A check runs every night. A user who has not signed in for 76 days is warned that their account
  will be disabled 14 days later; one who has not signed in for more than 90 days is disabled,
  and both they and their organisation's Local Security Officer (LSO) are told. Only the LSO (or
  the CDSP) can enable the account again.

  Background:
    Given Lena, the Local Security Officer of "Alpha Gas Shipping", signs in every working day
    And Wendy is a user at "Alpha Gas Shipping" who last signed in on 2 March 2026

  Scenario: A user is warned 14 days before their account would be disabled
    When the nightly checks run up to 30 May 2026
    Then Wendy was warned once, on 18 May 2026, that her account will be disabled unless she signs in by 31 May 2026
    And Wendy's account is still enabled

  Scenario: A user who has not signed in for more than 90 days is disabled
    When the nightly checks run up to 1 June 2026
    Then Wendy's account was disabled on 1 June 2026
    And Wendy is told her account was disabled because it was not used for more than 90 days
    And Lena is told that Wendy's account was disabled
    And Wendy cannot sign in

  Scenario: Signing in after the warning keeps the account
    Given Wendy signs in on 20 May 2026
    When the nightly checks run up to 1 June 2026
    Then Wendy's account is still enabled

  Scenario: A user who was activated but never signed in is disabled after 90 days
    Given Nadia set her password from her invitation to "Alpha Gas Shipping" on 2 March 2026, and has never signed in
    When the nightly checks run up to 1 June 2026
    Then Nadia's account was disabled on 1 June 2026
    And Nadia is told her account was disabled because it was not used for more than 90 days
    And Lena is told that Nadia's account was disabled

  Scenario: A user disabled for not signing in who gives the right password is told whom to ask
    Given Wendy's account was disabled on 1 June 2026 because she had not signed in for 90 days
    When Wendy signs in with the right password
    Then Wendy is told her account is disabled because it was not used for more than 90 days, and to ask Lena to enable it again

  Scenario: The LSO enables the account again and the user can sign in
    Given Wendy's account was disabled on 1 June 2026 because she had not signed in for 90 days
    When Lena enables Wendy's account on 3 June 2026
    Then Wendy can sign in
    And Wendy is told her account is enabled again

  Scenario: An account enabled again is not disabled by the next night's check
    Given Wendy's account was disabled on 1 June 2026 because she had not signed in for 90 days
    And Lena has enabled Wendy's account on 3 June 2026
    When the nightly check runs on 4 June 2026
    Then Wendy's account is still enabled
