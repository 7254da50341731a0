Feature: Raising a Meter Number Creation contact
  Shippers ask for a new meter point for a site that has none, and learn at once whether the
  request was logged. Every submission check runs, every fault is reported together, and a
  refused request leaves no contact behind but still counts for the right-first-time report.

  Background:
    Given Alice works for the shipper "Alpha Gas Shipping"
    And the address "12 Oak Road, LEEDS, LS6 2AB" has no meter point in UK Link

  Scenario: A site without a meter point is logged with a reference number
    When Alice raises a domestic MNC contact for that address with an annual quantity of 12,000 kWh
    Then the contact is logged with a contact reference number
    And its history shows it was logged by Alice

  Scenario: A domestic annual quantity above the domestic range is logged with a warning
    When Alice raises a domestic MNC contact for that address with an annual quantity of 80,000 kWh
    Then the contact is logged with a contact reference number
    And Alice is warned that the annual quantity is above the domestic range

  Scenario: An address the PAF has no match for is logged for the CDSP to review
    When Alice raises a domestic MNC contact for the address she typed in herself, "The Old Dairy, Mill Lane, HARROGATE, HG3 1RZ"
    Then the contact is logged with a contact reference number
    And the address is flagged for the CDSP to review

  Rule: An address typed by hand is checked against the PAF before it is submitted
    Alice types an address only when the address search has no match. If the PAF holds it
    after all, she is asked to choose it from the search; if it does not, the contact is logged
    with the address as she typed it, and the CDSP checks it by hand.

    Scenario: A typed address that the PAF holds is refused, naming the address to choose
      When Alice raises a domestic MNC contact for the address she typed in herself, "12 Oak Rd, Leeds, ls62ab"
      Then Alice is told the address is in the PAF as "12 Oak Road, LEEDS, LS6 2AB", to choose from the address search instead
      And Alice's contact list is empty

    Scenario: A typed address the PAF does not hold is logged for the CDSP to check by hand
      When Alice raises a domestic MNC contact for the address she typed in herself, "14 Oak Road, LEEDS, LS6 2AB"
      Then the contact is logged with a contact reference number
      And the address is flagged for the CDSP to review
      And Alice is told that the CDSP will check the address by hand, as the PAF does not hold it

  Rule: A submission that fails a check is refused with a reason Alice can act on

    Scenario: An address that is no longer in the PAF is refused
      When Alice raises a domestic MNC contact for the delivery point 23759999, which the PAF does not hold
      Then the contact is refused because the address is not in the PAF

    Scenario: A Northern Ireland address is refused as outside the GB gas networks
      When Alice raises a domestic MNC contact for the address she typed in herself, "3 Malone Road, BELFAST, BT9 6AD"
      Then the contact is refused because the address is outside the GB gas networks

    Scenario: A typed address with a postcode that cannot exist is refused
      When Alice raises a domestic MNC contact for the address she typed in herself, "5 Oak Road, LEEDS, LS6 2CK"
      Then the contact is refused because the postcode is not a valid UK postcode

    Scenario: A site that already has a meter point is refused
      Given the address "14 Oak Road, LEEDS, LS6 2AB" has the meter point 3938424403
      When Alice raises a domestic MNC contact for that address
      Then the contact is refused because the site already has a meter point
      And the refusal names the meter point 3938424403

    Scenario: A second open contact for the same site is refused
      Given Alice has logged a contact for that address
      When Alice raises a domestic MNC contact for that address
      Then the contact is refused because a contact is already open for that site
      And the refusal names her open contact's reference number

    Scenario Outline: An annual quantity that is not positive is refused
      When Alice raises a domestic MNC contact for that address with an annual quantity of <quantity> kWh
      Then the contact is refused because the annual quantity is not a positive number

      Examples:
        | quantity |
        | 0        |
        | -4,500   |

    Scenario: A meter serial number longer than 14 characters is refused
      When Alice raises a domestic MNC contact for that address with the meter serial number "E6S12345672161-01"
      Then the contact is refused because the meter serial number is too long

    Scenario: Notes longer than 1,000 characters are refused
      When Alice raises a domestic MNC contact for that address with notes of 1,001 characters
      Then the contact is refused because the notes are too long

    Scenario: A site contact phone number that cannot be dialled is refused
      When Alice raises a domestic MNC contact for that address with the site contact phone "0113 49"
      Then the contact is refused because the site contact phone cannot be dialled

    Scenario: A contact with no address at all is refused
      When Alice raises a domestic MNC contact without an address
      Then the contact is refused because no address was given

    Scenario: Every fault is reported at once
      When Alice raises a domestic MNC contact for that address with:
        | annual quantity     | 0                 |
        | meter serial number | E6S12345672161-01 |
        | site contact phone  | 0113 49           |
      Then the contact is refused for all of these reasons:
        | the annual quantity is not a positive number |
        | the meter serial number is too long          |
        | the site contact phone cannot be dialled     |

    Scenario: A refused submission leaves no contact but is counted
      When Alice raises a domestic MNC contact for that address with an annual quantity of 0 kWh
      Then Alice's contact list is empty
      And "Alpha Gas Shipping" has 1 refused submission on record

  Rule: Only the raising shipper, the CDSP and, once allocated, the network see a contact

    Background:
      Given the address "41 Palatine Road, MANCHESTER, M20 3JH" has no meter point in UK Link
      And Alice has logged a contact for that address
      And Bob works for the shipper "Beta Energy Trading"
      And Priya is an agent at the CDSP
      And Carys works for the network "Cadent"

    Scenario: Another shipper cannot find the contact by its reference number
      When Bob looks up Alice's contact by its reference number
      Then Bob gets the same answer as for a reference number that was never issued
      And Bob's contact list is empty

    Scenario: A CDSP agent can find the contact
      When Priya looks up Alice's contact by its reference number
      Then Priya sees the contact, logged for Cadent's network

    Scenario: The network cannot see the contact before it is allocated to it
      When Carys looks up Alice's contact by its reference number
      Then Carys gets the same answer as for a reference number that was never issued
      And Carys's contact list is empty

    Scenario: Another shipper's open contact for the same site is not revealed
      When Bob raises a domestic MNC contact for that address
      Then the contact is refused because a contact is already open for that site
      And the refusal does not reveal Alice's contact reference number
