import { graphql } from "../../graphql/generated";

export const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignedIn { user { id } }
      ... on MfaRequired { challengeId channel maskedDestination totpProvisioningUri }
      ... on MfaEnrolmentRequired { challengeId }
      ... on SignInFailed { message accountDisabled }
    }
  }
`);

export const EnrolMfaMutation = graphql(`
  mutation EnrolMfa($input: EnrolMfaInput!) {
    enrolMfa(input: $input) {
      __typename
      ... on MfaRequired { challengeId channel maskedDestination totpProvisioningUri }
      ... on InvalidInput { reasons { code field message } }
    }
  }
`);

export const VerifyMfaMutation = graphql(`
  mutation VerifyMfa($input: VerifyMfaInput!) {
    verifyMfa(input: $input) {
      __typename
      ... on SignedIn { user { id } }
      ... on MfaFailed { message attemptsLeft }
    }
  }
`);
