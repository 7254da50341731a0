import { graphql } from "../../../graphql/generated";

// What every move answers: the contact, or why not. Each move's mutation spreads it.
export const ActionOutcome = graphql(`
  fragment ActionOutcome on ContactActionResult {
    __typename
    ... on InvalidInput { reasons { code field message } }
    ... on InvalidTransition { message }
    ... on NotPermitted { message }
    ... on NotFound { message }
  }
`);
