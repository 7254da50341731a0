import { graphql } from "../../graphql/generated";

// What the list and the account page show of an account.
export const AccountSummary = graphql(`
  fragment AccountSummary on User {
    id
    name
    email
    status
    roles
    lastSignInAt
    daysInactive
    mfaChannel
    organisation { id name }
  }
`);

export const UsersQuery = graphql(`
  query Users($search: String, $status: AccountStatus) {
    users(search: $search, status: $status) { ...AccountSummary }
  }
`);

export const UserQuery = graphql(`
  query User($id: ID!) {
    user(id: $id) { ...AccountSummary }
  }
`);

// What every account change answers: the account as it is now, or why not.
export const AccountChangeOutcome = graphql(`
  fragment AccountChangeOutcome on AccountChangeResult {
    __typename
    ... on User { id status mfaChannel }
    ... on InvalidInput { reasons { code field message } }
    ... on NotPermitted { message }
  }
`);

export const DisableUserMutation = graphql(`
  mutation DisableUser($id: ID!, $reason: String!) {
    disableUser(id: $id, reason: $reason) { ...AccountChangeOutcome }
  }
`);

export const EnableUserMutation = graphql(`
  mutation EnableUser($id: ID!, $reason: String) {
    enableUser(id: $id, reason: $reason) { ...AccountChangeOutcome }
  }
`);

export const ResetSecondFactorMutation = graphql(`
  mutation ResetSecondFactor($id: ID!, $reason: String!) {
    resetSecondFactor(id: $id, reason: $reason) { ...AccountChangeOutcome }
  }
`);

export const ResendInvitationMutation = graphql(`
  mutation ResendInvitation($id: ID!) {
    resendInvitation(id: $id) { ...AccountChangeOutcome }
  }
`);

export const AuditLogQuery = graphql(`
  query AuditLog($afterSeq: Int!, $first: Int!, $userId: ID, $event: String) {
    auditLog(afterSeq: $afterSeq, first: $first, userId: $userId, event: $event) {
      seq
      at
      event
      actorId
      subjectId
      clientAddress
      details
    }
  }
`);

export const AuditChainQuery = graphql(`
  query AuditChain {
    auditChainVerified { ok checkedEntries firstBrokenSeq reason }
  }
`);

export const AuditPeopleQuery = graphql(`
  query AuditPeople {
    users { id name email organisation { id name } }
  }
`);
