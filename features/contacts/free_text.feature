Feature: Free text is plain text, wherever it is typed
  Questions, answers and notes are read by people in other organisations. A character that
  cannot be seen, or one that turns text round to read from right to left, could make words
  read differently from what was written. Every free-text field refuses such characters by the
  same rule as a new request's notes, and says which field to retype.

  Background:
    Given Alice works for the shipper "Alpha Gas Shipping"
    And Priya is an agent at the CDSP
    And Carys works for the network "Cadent"
    And the address "41 Palatine Road, MANCHESTER, M20 3JH" has no meter point in UK Link
    And Alice has logged a contact for that address

  Scenario Outline: A hidden character in <what> is refused
    Given Alice's contact is <state>
    When <name> writes <what> with <hidden> in it
    Then <name> is told that the <field> holds <hidden>, and to retype it as plain text
    And the contact is still <state>
    And its history is unchanged

    Examples:
      | state                   | name  | what                             | hidden                   | field    |
      | with the CDSP           | Priya | a question for Alice             | a right-to-left override | question |
      | awaiting Alice's answer | Alice | her answer                       | a zero-width space       | answer   |
      | with the CDSP           | Priya | a note passing it to the network | a left-to-right isolate  | note     |
      | with the network        | Carys | a note booking a site visit      | a zero-width joiner      | note     |
      | with the network        | Carys | a note accepting it              | a byte order mark        | note     |
      | with the network        | Carys | a note rejecting it              | a right-to-left mark     | note     |
      | with the network        | Alice | a note withdrawing it            | a word joiner            | note     |

  Scenario: Line breaks and tabs are plain text
    Given Alice's contact is with the CDSP
    When Priya writes a question for Alice with line breaks and a tab in it
    Then the contact is awaiting Alice's answer
