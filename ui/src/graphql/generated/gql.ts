/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AddressSearch($query: String!, $first: Int) {\n    addressSearch(query: $query, first: $first) {\n      udprn\n      summary\n      postcode\n    }\n  }\n": typeof types.AddressSearchDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      email\n      roles\n      mfaChannel\n      organisation {\n        id\n        name\n        kind\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query UnreadCount {\n    unreadNotificationCount\n  }\n": typeof types.UnreadCountDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      crn\n      status\n      message\n      createdAt\n      read\n    }\n  }\n": typeof types.NotificationAddedDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  query NotificationPreferences {\n    notificationPreferences { emailCopies }\n  }\n": typeof types.NotificationPreferencesDocument,
    "\n  mutation SetNotificationPreferences($emailCopies: Boolean!) {\n    setNotificationPreferences(emailCopies: $emailCopies) { emailCopies }\n  }\n": typeof types.SetNotificationPreferencesDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on InvalidInput { reasons { code field message } }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation AnswerQuestion($crn: String!, $answer: String!) {\n    answerQuestion(crn: $crn, answer: $answer) {\n      ...ActionOutcome\n    }\n  }\n": typeof types.AnswerQuestionDocument,
    "\n  mutation WithdrawContact($crn: String!, $note: String!) {\n    withdrawContact(crn: $crn, note: $note) {\n      ...ActionOutcome\n    }\n  }\n": typeof types.WithdrawContactDocument,
    "\n  query Contact($crn: String!) {\n    contact(crn: $crn) {\n      crn\n      status\n      raisedAt\n      raisedBy { id name organisation { name } }\n      shipper { name }\n      network { name }\n      ldz\n      ldzName\n      allocationReason\n      address { lines postcode }\n      manualAddress\n      marketSector\n      annualQuantityKwh\n      reason\n      meterSerialNumber\n      siteContactName\n      siteContactPhone\n      notes\n      mprn\n      dueBy\n      overdue\n      plannedVisit\n      rejectionReason { code description }\n      assignee { name }\n      availableActions\n      openQuestion\n      history { at kind fromStatus toStatus note reasonCode plannedFor actor { name organisation { name } } }\n    }\n  }\n": typeof types.ContactDocument,
    "\n  subscription ContactChanged($crn: String!) {\n    contactStatusChanged(crn: $crn) { crn toStatus at }\n  }\n": typeof types.ContactChangedDocument,
    "\n  query ContactsList($filter: ContactFilter, $orderBy: ContactOrder, $first: Int, $after: String) {\n    contacts(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          crn\n          status\n          raisedAt\n          dueBy\n          overdue\n          address { lines postcode }\n          raisedBy { name }\n        }\n      }\n    }\n  }\n": typeof types.ContactsListDocument,
    "\n  mutation AcceptContact($crn: String!, $note: String) {\n    acceptContact(crn: $crn, note: $note) {\n      ...ActionOutcome\n    }\n  }\n": typeof types.AcceptContactDocument,
    "\n  fragment ActionOutcome on ContactActionResult {\n    __typename\n    ... on InvalidInput { reasons { code field message } }\n    ... on InvalidTransition { message }\n    ... on NotPermitted { message }\n    ... on NotFound { message }\n  }\n": typeof types.ActionOutcomeFragmentDoc,
    "\n  mutation AllocateToNetwork($crn: String!, $note: String) {\n    allocateToNetwork(crn: $crn, note: $note) {\n      ...ActionOutcome\n    }\n  }\n": typeof types.AllocateToNetworkDocument,
    "\n  mutation AskShipper($crn: String!, $question: String!) {\n    askShipper(crn: $crn, question: $question) {\n      ...ActionOutcome\n    }\n  }\n": typeof types.AskShipperDocument,
    "\n  mutation BookSiteVisit($crn: String!, $plannedFor: Date!, $note: String) {\n    bookSiteVisit(crn: $crn, plannedFor: $plannedFor, note: $note) {\n      ...ActionOutcome\n    }\n  }\n": typeof types.BookSiteVisitDocument,
    "\n  mutation HandBackToCdsp($crn: String!, $note: String!) {\n    handBackToCdsp(crn: $crn, note: $note) {\n      __typename\n      ... on ContactHandedBack { message }\n      ... on InvalidInput { reasons { code field message } }\n      ... on InvalidTransition { message }\n      ... on NotPermitted { message }\n      ... on NotFound { message }\n    }\n  }\n": typeof types.HandBackToCdspDocument,
    "\n  mutation MoveToNetwork($crn: String!, $networkId: ID!, $note: String!) {\n    moveToNetwork(crn: $crn, networkId: $networkId, note: $note) {\n      ...ActionOutcome\n    }\n  }\n": typeof types.MoveToNetworkDocument,
    "\n  query Networks {\n    networks { id name ldzs { code name } }\n  }\n": typeof types.NetworksDocument,
    "\n  mutation PickUpContact($crn: String!) {\n    pickUpContact(crn: $crn) {\n      ...ActionOutcome\n    }\n  }\n": typeof types.PickUpContactDocument,
    "\n  mutation RejectContact($crn: String!, $reasonCode: String!, $note: String!) {\n    rejectContact(crn: $crn, reasonCode: $reasonCode, note: $note) {\n      ...ActionOutcome\n    }\n  }\n": typeof types.RejectContactDocument,
    "\n  query RejectionReasons {\n    rejectionReasons { code description }\n  }\n": typeof types.RejectionReasonsDocument,
    "\n  mutation AssignContact($crn: String!, $assigneeId: ID) {\n    assignContact(crn: $crn, assigneeId: $assigneeId) {\n      ...ActionOutcome\n    }\n  }\n": typeof types.AssignContactDocument,
    "\n  query Colleagues {\n    colleagues { id name }\n  }\n": typeof types.ColleaguesDocument,
    "\n  query Notifications($first: Int, $after: String) {\n    notifications(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id createdAt read message crn status } }\n    }\n    unreadNotificationCount\n  }\n": typeof types.NotificationsDocument,
    "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) { id read }\n  }\n": typeof types.MarkNotificationReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": typeof types.MarkAllNotificationsReadDocument,
    "\n  query Invitation($token: String!) {\n    invitation(token: $token) {\n      state\n      name\n      maskedEmail\n      organisation\n      expiresAt\n      askWhom\n      message\n      passwordRules\n    }\n  }\n": typeof types.InvitationDocument,
    "\n  mutation AcceptInvitation($token: String!, $password: String!) {\n    acceptInvitation(token: $token, password: $password) {\n      __typename\n      ... on User { id }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  mutation OnboardingNominate($input: NominateUserInput!) {\n    nominateUser(input: $input) {\n      __typename\n      ... on Nomination { id name email roles organisation { id name } }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n": typeof types.OnboardingNominateDocument,
    "\n  query OnboardingNominations {\n    nominations {\n      id\n      name\n      email\n      roles\n      createdAt\n      clash\n      organisation { id name shortCode }\n      nominatedBy { name }\n    }\n    organisations { id name kind shortCode }\n  }\n": typeof types.OnboardingNominationsDocument,
    "\n  mutation OnboardingApproveNomination($id: ID!) {\n    approveNomination(id: $id) {\n      __typename\n      ... on User { id name email }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n": typeof types.OnboardingApproveNominationDocument,
    "\n  mutation OnboardingRejectNomination($id: ID!, $reason: String!) {\n    rejectNomination(id: $id, reason: $reason) {\n      __typename\n      ... on Nomination { id name }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n": typeof types.OnboardingRejectNominationDocument,
    "\n  query OnboardingOrganisations {\n    organisations { id name kind shortCode ldzs { code name } }\n    networks { id ldzs { code } }\n    ldzs { code name }\n  }\n": typeof types.OnboardingOrganisationsDocument,
    "\n  mutation OnboardingCreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      __typename\n      ... on Organisation { id name kind shortCode ldzs { code name } }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n": typeof types.OnboardingCreateOrganisationDocument,
    "\n  query WorkQueue($scope: QueueScope!, $first: Int, $after: String, $status: ContactStatus, $dueBy: Date, $overdue: Boolean) {\n    queue: workQueue(scope: $scope, first: $first, after: $after, status: $status, dueBy: $dueBy, overdue: $overdue) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          crn\n          status\n          dueBy\n          overdue\n          address { lines postcode }\n          raisedBy { name organisation { name } }\n          assignee { name }\n        }\n      }\n    }\n    mine: workQueue(scope: MINE, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }\n    organisation: workQueue(scope: ORGANISATION, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }\n    unassigned: workQueue(scope: UNASSIGNED, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }\n  }\n": typeof types.WorkQueueDocument,
    "\n  subscription QueueChanged {\n    contactStatusChanged { crn toStatus at }\n  }\n": typeof types.QueueChangedDocument,
    "\n  subscription QueueNotified {\n    notificationAdded { id crn }\n  }\n": typeof types.QueueNotifiedDocument,
    "\n  query AddressByUdprn($udprn: ID!) {\n    address(udprn: $udprn) {\n      udprn\n      lines\n      postcode\n    }\n  }\n": typeof types.AddressByUdprnDocument,
    "\n  mutation RaiseMncContact($input: RaiseMncContactInput!) {\n    raiseMncContact(input: $input) {\n      __typename\n      ... on ContactLogged {\n        contact { crn status dueBy }\n        warnings { code field message }\n      }\n      ... on ContactRejected { reasons { code field message suggestedUdprn } }\n      ... on NotPermitted { message }\n    }\n  }\n": typeof types.RaiseMncContactDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignedIn { user { id } }\n      ... on MfaRequired { challengeId channel maskedDestination totpProvisioningUri }\n      ... on MfaEnrolmentRequired { challengeId }\n      ... on SignInFailed { message accountDisabled }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation EnrolMfa($input: EnrolMfaInput!) {\n    enrolMfa(input: $input) {\n      __typename\n      ... on MfaRequired { challengeId channel maskedDestination totpProvisioningUri }\n      ... on InvalidInput { reasons { code field message } }\n    }\n  }\n": typeof types.EnrolMfaDocument,
    "\n  mutation VerifyMfa($input: VerifyMfaInput!) {\n    verifyMfa(input: $input) {\n      __typename\n      ... on SignedIn { user { id } }\n      ... on MfaFailed { message attemptsLeft }\n    }\n  }\n": typeof types.VerifyMfaDocument,
    "\n  fragment AccountSummary on User {\n    id\n    name\n    email\n    status\n    roles\n    lastSignInAt\n    daysInactive\n    mfaChannel\n    organisation { id name }\n  }\n": typeof types.AccountSummaryFragmentDoc,
    "\n  query Users($search: String, $status: AccountStatus) {\n    users(search: $search, status: $status) { ...AccountSummary }\n  }\n": typeof types.UsersDocument,
    "\n  query User($id: ID!) {\n    user(id: $id) { ...AccountSummary }\n  }\n": typeof types.UserDocument,
    "\n  fragment AccountChangeOutcome on AccountChangeResult {\n    __typename\n    ... on User { id status mfaChannel }\n    ... on InvalidInput { reasons { code field message } }\n    ... on NotPermitted { message }\n  }\n": typeof types.AccountChangeOutcomeFragmentDoc,
    "\n  mutation DisableUser($id: ID!, $reason: String!) {\n    disableUser(id: $id, reason: $reason) { ...AccountChangeOutcome }\n  }\n": typeof types.DisableUserDocument,
    "\n  mutation EnableUser($id: ID!, $reason: String) {\n    enableUser(id: $id, reason: $reason) { ...AccountChangeOutcome }\n  }\n": typeof types.EnableUserDocument,
    "\n  mutation ResetSecondFactor($id: ID!, $reason: String!) {\n    resetSecondFactor(id: $id, reason: $reason) { ...AccountChangeOutcome }\n  }\n": typeof types.ResetSecondFactorDocument,
    "\n  mutation ResendInvitation($id: ID!) {\n    resendInvitation(id: $id) { ...AccountChangeOutcome }\n  }\n": typeof types.ResendInvitationDocument,
    "\n  query AuditLog($afterSeq: Int!, $first: Int!, $userId: ID, $event: String) {\n    auditLog(afterSeq: $afterSeq, first: $first, userId: $userId, event: $event) {\n      seq\n      at\n      event\n      actorId\n      subjectId\n      clientAddress\n      details\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query AuditChain {\n    auditChainVerified { ok checkedEntries firstBrokenSeq reason }\n  }\n": typeof types.AuditChainDocument,
    "\n  query AuditPeople {\n    users { id name email organisation { id name } }\n  }\n": typeof types.AuditPeopleDocument,
    "\n  query Session {\n    session { idleTimeoutSeconds absoluteExpiresAt }\n  }\n": typeof types.SessionDocument,
    "\n  mutation StaySignedIn {\n    staySignedIn { idleTimeoutSeconds absoluteExpiresAt }\n  }\n": typeof types.StaySignedInDocument,
};
const documents: Documents = {
    "\n  query AddressSearch($query: String!, $first: Int) {\n    addressSearch(query: $query, first: $first) {\n      udprn\n      summary\n      postcode\n    }\n  }\n": types.AddressSearchDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      email\n      roles\n      mfaChannel\n      organisation {\n        id\n        name\n        kind\n      }\n    }\n  }\n": types.MeDocument,
    "\n  query UnreadCount {\n    unreadNotificationCount\n  }\n": types.UnreadCountDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      crn\n      status\n      message\n      createdAt\n      read\n    }\n  }\n": types.NotificationAddedDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  query NotificationPreferences {\n    notificationPreferences { emailCopies }\n  }\n": types.NotificationPreferencesDocument,
    "\n  mutation SetNotificationPreferences($emailCopies: Boolean!) {\n    setNotificationPreferences(emailCopies: $emailCopies) { emailCopies }\n  }\n": types.SetNotificationPreferencesDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on InvalidInput { reasons { code field message } }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation AnswerQuestion($crn: String!, $answer: String!) {\n    answerQuestion(crn: $crn, answer: $answer) {\n      ...ActionOutcome\n    }\n  }\n": types.AnswerQuestionDocument,
    "\n  mutation WithdrawContact($crn: String!, $note: String!) {\n    withdrawContact(crn: $crn, note: $note) {\n      ...ActionOutcome\n    }\n  }\n": types.WithdrawContactDocument,
    "\n  query Contact($crn: String!) {\n    contact(crn: $crn) {\n      crn\n      status\n      raisedAt\n      raisedBy { id name organisation { name } }\n      shipper { name }\n      network { name }\n      ldz\n      ldzName\n      allocationReason\n      address { lines postcode }\n      manualAddress\n      marketSector\n      annualQuantityKwh\n      reason\n      meterSerialNumber\n      siteContactName\n      siteContactPhone\n      notes\n      mprn\n      dueBy\n      overdue\n      plannedVisit\n      rejectionReason { code description }\n      assignee { name }\n      availableActions\n      openQuestion\n      history { at kind fromStatus toStatus note reasonCode plannedFor actor { name organisation { name } } }\n    }\n  }\n": types.ContactDocument,
    "\n  subscription ContactChanged($crn: String!) {\n    contactStatusChanged(crn: $crn) { crn toStatus at }\n  }\n": types.ContactChangedDocument,
    "\n  query ContactsList($filter: ContactFilter, $orderBy: ContactOrder, $first: Int, $after: String) {\n    contacts(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          crn\n          status\n          raisedAt\n          dueBy\n          overdue\n          address { lines postcode }\n          raisedBy { name }\n        }\n      }\n    }\n  }\n": types.ContactsListDocument,
    "\n  mutation AcceptContact($crn: String!, $note: String) {\n    acceptContact(crn: $crn, note: $note) {\n      ...ActionOutcome\n    }\n  }\n": types.AcceptContactDocument,
    "\n  fragment ActionOutcome on ContactActionResult {\n    __typename\n    ... on InvalidInput { reasons { code field message } }\n    ... on InvalidTransition { message }\n    ... on NotPermitted { message }\n    ... on NotFound { message }\n  }\n": types.ActionOutcomeFragmentDoc,
    "\n  mutation AllocateToNetwork($crn: String!, $note: String) {\n    allocateToNetwork(crn: $crn, note: $note) {\n      ...ActionOutcome\n    }\n  }\n": types.AllocateToNetworkDocument,
    "\n  mutation AskShipper($crn: String!, $question: String!) {\n    askShipper(crn: $crn, question: $question) {\n      ...ActionOutcome\n    }\n  }\n": types.AskShipperDocument,
    "\n  mutation BookSiteVisit($crn: String!, $plannedFor: Date!, $note: String) {\n    bookSiteVisit(crn: $crn, plannedFor: $plannedFor, note: $note) {\n      ...ActionOutcome\n    }\n  }\n": types.BookSiteVisitDocument,
    "\n  mutation HandBackToCdsp($crn: String!, $note: String!) {\n    handBackToCdsp(crn: $crn, note: $note) {\n      __typename\n      ... on ContactHandedBack { message }\n      ... on InvalidInput { reasons { code field message } }\n      ... on InvalidTransition { message }\n      ... on NotPermitted { message }\n      ... on NotFound { message }\n    }\n  }\n": types.HandBackToCdspDocument,
    "\n  mutation MoveToNetwork($crn: String!, $networkId: ID!, $note: String!) {\n    moveToNetwork(crn: $crn, networkId: $networkId, note: $note) {\n      ...ActionOutcome\n    }\n  }\n": types.MoveToNetworkDocument,
    "\n  query Networks {\n    networks { id name ldzs { code name } }\n  }\n": types.NetworksDocument,
    "\n  mutation PickUpContact($crn: String!) {\n    pickUpContact(crn: $crn) {\n      ...ActionOutcome\n    }\n  }\n": types.PickUpContactDocument,
    "\n  mutation RejectContact($crn: String!, $reasonCode: String!, $note: String!) {\n    rejectContact(crn: $crn, reasonCode: $reasonCode, note: $note) {\n      ...ActionOutcome\n    }\n  }\n": types.RejectContactDocument,
    "\n  query RejectionReasons {\n    rejectionReasons { code description }\n  }\n": types.RejectionReasonsDocument,
    "\n  mutation AssignContact($crn: String!, $assigneeId: ID) {\n    assignContact(crn: $crn, assigneeId: $assigneeId) {\n      ...ActionOutcome\n    }\n  }\n": types.AssignContactDocument,
    "\n  query Colleagues {\n    colleagues { id name }\n  }\n": types.ColleaguesDocument,
    "\n  query Notifications($first: Int, $after: String) {\n    notifications(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id createdAt read message crn status } }\n    }\n    unreadNotificationCount\n  }\n": types.NotificationsDocument,
    "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) { id read }\n  }\n": types.MarkNotificationReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": types.MarkAllNotificationsReadDocument,
    "\n  query Invitation($token: String!) {\n    invitation(token: $token) {\n      state\n      name\n      maskedEmail\n      organisation\n      expiresAt\n      askWhom\n      message\n      passwordRules\n    }\n  }\n": types.InvitationDocument,
    "\n  mutation AcceptInvitation($token: String!, $password: String!) {\n    acceptInvitation(token: $token, password: $password) {\n      __typename\n      ... on User { id }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n": types.AcceptInvitationDocument,
    "\n  mutation OnboardingNominate($input: NominateUserInput!) {\n    nominateUser(input: $input) {\n      __typename\n      ... on Nomination { id name email roles organisation { id name } }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n": types.OnboardingNominateDocument,
    "\n  query OnboardingNominations {\n    nominations {\n      id\n      name\n      email\n      roles\n      createdAt\n      clash\n      organisation { id name shortCode }\n      nominatedBy { name }\n    }\n    organisations { id name kind shortCode }\n  }\n": types.OnboardingNominationsDocument,
    "\n  mutation OnboardingApproveNomination($id: ID!) {\n    approveNomination(id: $id) {\n      __typename\n      ... on User { id name email }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n": types.OnboardingApproveNominationDocument,
    "\n  mutation OnboardingRejectNomination($id: ID!, $reason: String!) {\n    rejectNomination(id: $id, reason: $reason) {\n      __typename\n      ... on Nomination { id name }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n": types.OnboardingRejectNominationDocument,
    "\n  query OnboardingOrganisations {\n    organisations { id name kind shortCode ldzs { code name } }\n    networks { id ldzs { code } }\n    ldzs { code name }\n  }\n": types.OnboardingOrganisationsDocument,
    "\n  mutation OnboardingCreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      __typename\n      ... on Organisation { id name kind shortCode ldzs { code name } }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n": types.OnboardingCreateOrganisationDocument,
    "\n  query WorkQueue($scope: QueueScope!, $first: Int, $after: String, $status: ContactStatus, $dueBy: Date, $overdue: Boolean) {\n    queue: workQueue(scope: $scope, first: $first, after: $after, status: $status, dueBy: $dueBy, overdue: $overdue) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          crn\n          status\n          dueBy\n          overdue\n          address { lines postcode }\n          raisedBy { name organisation { name } }\n          assignee { name }\n        }\n      }\n    }\n    mine: workQueue(scope: MINE, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }\n    organisation: workQueue(scope: ORGANISATION, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }\n    unassigned: workQueue(scope: UNASSIGNED, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }\n  }\n": types.WorkQueueDocument,
    "\n  subscription QueueChanged {\n    contactStatusChanged { crn toStatus at }\n  }\n": types.QueueChangedDocument,
    "\n  subscription QueueNotified {\n    notificationAdded { id crn }\n  }\n": types.QueueNotifiedDocument,
    "\n  query AddressByUdprn($udprn: ID!) {\n    address(udprn: $udprn) {\n      udprn\n      lines\n      postcode\n    }\n  }\n": types.AddressByUdprnDocument,
    "\n  mutation RaiseMncContact($input: RaiseMncContactInput!) {\n    raiseMncContact(input: $input) {\n      __typename\n      ... on ContactLogged {\n        contact { crn status dueBy }\n        warnings { code field message }\n      }\n      ... on ContactRejected { reasons { code field message suggestedUdprn } }\n      ... on NotPermitted { message }\n    }\n  }\n": types.RaiseMncContactDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignedIn { user { id } }\n      ... on MfaRequired { challengeId channel maskedDestination totpProvisioningUri }\n      ... on MfaEnrolmentRequired { challengeId }\n      ... on SignInFailed { message accountDisabled }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation EnrolMfa($input: EnrolMfaInput!) {\n    enrolMfa(input: $input) {\n      __typename\n      ... on MfaRequired { challengeId channel maskedDestination totpProvisioningUri }\n      ... on InvalidInput { reasons { code field message } }\n    }\n  }\n": types.EnrolMfaDocument,
    "\n  mutation VerifyMfa($input: VerifyMfaInput!) {\n    verifyMfa(input: $input) {\n      __typename\n      ... on SignedIn { user { id } }\n      ... on MfaFailed { message attemptsLeft }\n    }\n  }\n": types.VerifyMfaDocument,
    "\n  fragment AccountSummary on User {\n    id\n    name\n    email\n    status\n    roles\n    lastSignInAt\n    daysInactive\n    mfaChannel\n    organisation { id name }\n  }\n": types.AccountSummaryFragmentDoc,
    "\n  query Users($search: String, $status: AccountStatus) {\n    users(search: $search, status: $status) { ...AccountSummary }\n  }\n": types.UsersDocument,
    "\n  query User($id: ID!) {\n    user(id: $id) { ...AccountSummary }\n  }\n": types.UserDocument,
    "\n  fragment AccountChangeOutcome on AccountChangeResult {\n    __typename\n    ... on User { id status mfaChannel }\n    ... on InvalidInput { reasons { code field message } }\n    ... on NotPermitted { message }\n  }\n": types.AccountChangeOutcomeFragmentDoc,
    "\n  mutation DisableUser($id: ID!, $reason: String!) {\n    disableUser(id: $id, reason: $reason) { ...AccountChangeOutcome }\n  }\n": types.DisableUserDocument,
    "\n  mutation EnableUser($id: ID!, $reason: String) {\n    enableUser(id: $id, reason: $reason) { ...AccountChangeOutcome }\n  }\n": types.EnableUserDocument,
    "\n  mutation ResetSecondFactor($id: ID!, $reason: String!) {\n    resetSecondFactor(id: $id, reason: $reason) { ...AccountChangeOutcome }\n  }\n": types.ResetSecondFactorDocument,
    "\n  mutation ResendInvitation($id: ID!) {\n    resendInvitation(id: $id) { ...AccountChangeOutcome }\n  }\n": types.ResendInvitationDocument,
    "\n  query AuditLog($afterSeq: Int!, $first: Int!, $userId: ID, $event: String) {\n    auditLog(afterSeq: $afterSeq, first: $first, userId: $userId, event: $event) {\n      seq\n      at\n      event\n      actorId\n      subjectId\n      clientAddress\n      details\n    }\n  }\n": types.AuditLogDocument,
    "\n  query AuditChain {\n    auditChainVerified { ok checkedEntries firstBrokenSeq reason }\n  }\n": types.AuditChainDocument,
    "\n  query AuditPeople {\n    users { id name email organisation { id name } }\n  }\n": types.AuditPeopleDocument,
    "\n  query Session {\n    session { idleTimeoutSeconds absoluteExpiresAt }\n  }\n": types.SessionDocument,
    "\n  mutation StaySignedIn {\n    staySignedIn { idleTimeoutSeconds absoluteExpiresAt }\n  }\n": types.StaySignedInDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AddressSearch($query: String!, $first: Int) {\n    addressSearch(query: $query, first: $first) {\n      udprn\n      summary\n      postcode\n    }\n  }\n"): (typeof documents)["\n  query AddressSearch($query: String!, $first: Int) {\n    addressSearch(query: $query, first: $first) {\n      udprn\n      summary\n      postcode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      name\n      email\n      roles\n      mfaChannel\n      organisation {\n        id\n        name\n        kind\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      name\n      email\n      roles\n      mfaChannel\n      organisation {\n        id\n        name\n        kind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadCount {\n    unreadNotificationCount\n  }\n"): (typeof documents)["\n  query UnreadCount {\n    unreadNotificationCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      crn\n      status\n      message\n      createdAt\n      read\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      crn\n      status\n      message\n      createdAt\n      read\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationPreferences {\n    notificationPreferences { emailCopies }\n  }\n"): (typeof documents)["\n  query NotificationPreferences {\n    notificationPreferences { emailCopies }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNotificationPreferences($emailCopies: Boolean!) {\n    setNotificationPreferences(emailCopies: $emailCopies) { emailCopies }\n  }\n"): (typeof documents)["\n  mutation SetNotificationPreferences($emailCopies: Boolean!) {\n    setNotificationPreferences(emailCopies: $emailCopies) { emailCopies }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on InvalidInput { reasons { code field message } }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on InvalidInput { reasons { code field message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswerQuestion($crn: String!, $answer: String!) {\n    answerQuestion(crn: $crn, answer: $answer) {\n      ...ActionOutcome\n    }\n  }\n"): (typeof documents)["\n  mutation AnswerQuestion($crn: String!, $answer: String!) {\n    answerQuestion(crn: $crn, answer: $answer) {\n      ...ActionOutcome\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawContact($crn: String!, $note: String!) {\n    withdrawContact(crn: $crn, note: $note) {\n      ...ActionOutcome\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawContact($crn: String!, $note: String!) {\n    withdrawContact(crn: $crn, note: $note) {\n      ...ActionOutcome\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Contact($crn: String!) {\n    contact(crn: $crn) {\n      crn\n      status\n      raisedAt\n      raisedBy { id name organisation { name } }\n      shipper { name }\n      network { name }\n      ldz\n      ldzName\n      allocationReason\n      address { lines postcode }\n      manualAddress\n      marketSector\n      annualQuantityKwh\n      reason\n      meterSerialNumber\n      siteContactName\n      siteContactPhone\n      notes\n      mprn\n      dueBy\n      overdue\n      plannedVisit\n      rejectionReason { code description }\n      assignee { name }\n      availableActions\n      openQuestion\n      history { at kind fromStatus toStatus note reasonCode plannedFor actor { name organisation { name } } }\n    }\n  }\n"): (typeof documents)["\n  query Contact($crn: String!) {\n    contact(crn: $crn) {\n      crn\n      status\n      raisedAt\n      raisedBy { id name organisation { name } }\n      shipper { name }\n      network { name }\n      ldz\n      ldzName\n      allocationReason\n      address { lines postcode }\n      manualAddress\n      marketSector\n      annualQuantityKwh\n      reason\n      meterSerialNumber\n      siteContactName\n      siteContactPhone\n      notes\n      mprn\n      dueBy\n      overdue\n      plannedVisit\n      rejectionReason { code description }\n      assignee { name }\n      availableActions\n      openQuestion\n      history { at kind fromStatus toStatus note reasonCode plannedFor actor { name organisation { name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ContactChanged($crn: String!) {\n    contactStatusChanged(crn: $crn) { crn toStatus at }\n  }\n"): (typeof documents)["\n  subscription ContactChanged($crn: String!) {\n    contactStatusChanged(crn: $crn) { crn toStatus at }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactsList($filter: ContactFilter, $orderBy: ContactOrder, $first: Int, $after: String) {\n    contacts(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          crn\n          status\n          raisedAt\n          dueBy\n          overdue\n          address { lines postcode }\n          raisedBy { name }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContactsList($filter: ContactFilter, $orderBy: ContactOrder, $first: Int, $after: String) {\n    contacts(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          crn\n          status\n          raisedAt\n          dueBy\n          overdue\n          address { lines postcode }\n          raisedBy { name }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptContact($crn: String!, $note: String) {\n    acceptContact(crn: $crn, note: $note) {\n      ...ActionOutcome\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptContact($crn: String!, $note: String) {\n    acceptContact(crn: $crn, note: $note) {\n      ...ActionOutcome\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActionOutcome on ContactActionResult {\n    __typename\n    ... on InvalidInput { reasons { code field message } }\n    ... on InvalidTransition { message }\n    ... on NotPermitted { message }\n    ... on NotFound { message }\n  }\n"): (typeof documents)["\n  fragment ActionOutcome on ContactActionResult {\n    __typename\n    ... on InvalidInput { reasons { code field message } }\n    ... on InvalidTransition { message }\n    ... on NotPermitted { message }\n    ... on NotFound { message }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AllocateToNetwork($crn: String!, $note: String) {\n    allocateToNetwork(crn: $crn, note: $note) {\n      ...ActionOutcome\n    }\n  }\n"): (typeof documents)["\n  mutation AllocateToNetwork($crn: String!, $note: String) {\n    allocateToNetwork(crn: $crn, note: $note) {\n      ...ActionOutcome\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AskShipper($crn: String!, $question: String!) {\n    askShipper(crn: $crn, question: $question) {\n      ...ActionOutcome\n    }\n  }\n"): (typeof documents)["\n  mutation AskShipper($crn: String!, $question: String!) {\n    askShipper(crn: $crn, question: $question) {\n      ...ActionOutcome\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BookSiteVisit($crn: String!, $plannedFor: Date!, $note: String) {\n    bookSiteVisit(crn: $crn, plannedFor: $plannedFor, note: $note) {\n      ...ActionOutcome\n    }\n  }\n"): (typeof documents)["\n  mutation BookSiteVisit($crn: String!, $plannedFor: Date!, $note: String) {\n    bookSiteVisit(crn: $crn, plannedFor: $plannedFor, note: $note) {\n      ...ActionOutcome\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HandBackToCdsp($crn: String!, $note: String!) {\n    handBackToCdsp(crn: $crn, note: $note) {\n      __typename\n      ... on ContactHandedBack { message }\n      ... on InvalidInput { reasons { code field message } }\n      ... on InvalidTransition { message }\n      ... on NotPermitted { message }\n      ... on NotFound { message }\n    }\n  }\n"): (typeof documents)["\n  mutation HandBackToCdsp($crn: String!, $note: String!) {\n    handBackToCdsp(crn: $crn, note: $note) {\n      __typename\n      ... on ContactHandedBack { message }\n      ... on InvalidInput { reasons { code field message } }\n      ... on InvalidTransition { message }\n      ... on NotPermitted { message }\n      ... on NotFound { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveToNetwork($crn: String!, $networkId: ID!, $note: String!) {\n    moveToNetwork(crn: $crn, networkId: $networkId, note: $note) {\n      ...ActionOutcome\n    }\n  }\n"): (typeof documents)["\n  mutation MoveToNetwork($crn: String!, $networkId: ID!, $note: String!) {\n    moveToNetwork(crn: $crn, networkId: $networkId, note: $note) {\n      ...ActionOutcome\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Networks {\n    networks { id name ldzs { code name } }\n  }\n"): (typeof documents)["\n  query Networks {\n    networks { id name ldzs { code name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PickUpContact($crn: String!) {\n    pickUpContact(crn: $crn) {\n      ...ActionOutcome\n    }\n  }\n"): (typeof documents)["\n  mutation PickUpContact($crn: String!) {\n    pickUpContact(crn: $crn) {\n      ...ActionOutcome\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectContact($crn: String!, $reasonCode: String!, $note: String!) {\n    rejectContact(crn: $crn, reasonCode: $reasonCode, note: $note) {\n      ...ActionOutcome\n    }\n  }\n"): (typeof documents)["\n  mutation RejectContact($crn: String!, $reasonCode: String!, $note: String!) {\n    rejectContact(crn: $crn, reasonCode: $reasonCode, note: $note) {\n      ...ActionOutcome\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RejectionReasons {\n    rejectionReasons { code description }\n  }\n"): (typeof documents)["\n  query RejectionReasons {\n    rejectionReasons { code description }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignContact($crn: String!, $assigneeId: ID) {\n    assignContact(crn: $crn, assigneeId: $assigneeId) {\n      ...ActionOutcome\n    }\n  }\n"): (typeof documents)["\n  mutation AssignContact($crn: String!, $assigneeId: ID) {\n    assignContact(crn: $crn, assigneeId: $assigneeId) {\n      ...ActionOutcome\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Colleagues {\n    colleagues { id name }\n  }\n"): (typeof documents)["\n  query Colleagues {\n    colleagues { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($first: Int, $after: String) {\n    notifications(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id createdAt read message crn status } }\n    }\n    unreadNotificationCount\n  }\n"): (typeof documents)["\n  query Notifications($first: Int, $after: String) {\n    notifications(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id createdAt read message crn status } }\n    }\n    unreadNotificationCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) { id read }\n  }\n"): (typeof documents)["\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) { id read }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n"): (typeof documents)["\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invitation($token: String!) {\n    invitation(token: $token) {\n      state\n      name\n      maskedEmail\n      organisation\n      expiresAt\n      askWhom\n      message\n      passwordRules\n    }\n  }\n"): (typeof documents)["\n  query Invitation($token: String!) {\n    invitation(token: $token) {\n      state\n      name\n      maskedEmail\n      organisation\n      expiresAt\n      askWhom\n      message\n      passwordRules\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($token: String!, $password: String!) {\n    acceptInvitation(token: $token, password: $password) {\n      __typename\n      ... on User { id }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptInvitation($token: String!, $password: String!) {\n    acceptInvitation(token: $token, password: $password) {\n      __typename\n      ... on User { id }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OnboardingNominate($input: NominateUserInput!) {\n    nominateUser(input: $input) {\n      __typename\n      ... on Nomination { id name email roles organisation { id name } }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n"): (typeof documents)["\n  mutation OnboardingNominate($input: NominateUserInput!) {\n    nominateUser(input: $input) {\n      __typename\n      ... on Nomination { id name email roles organisation { id name } }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OnboardingNominations {\n    nominations {\n      id\n      name\n      email\n      roles\n      createdAt\n      clash\n      organisation { id name shortCode }\n      nominatedBy { name }\n    }\n    organisations { id name kind shortCode }\n  }\n"): (typeof documents)["\n  query OnboardingNominations {\n    nominations {\n      id\n      name\n      email\n      roles\n      createdAt\n      clash\n      organisation { id name shortCode }\n      nominatedBy { name }\n    }\n    organisations { id name kind shortCode }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OnboardingApproveNomination($id: ID!) {\n    approveNomination(id: $id) {\n      __typename\n      ... on User { id name email }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n"): (typeof documents)["\n  mutation OnboardingApproveNomination($id: ID!) {\n    approveNomination(id: $id) {\n      __typename\n      ... on User { id name email }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OnboardingRejectNomination($id: ID!, $reason: String!) {\n    rejectNomination(id: $id, reason: $reason) {\n      __typename\n      ... on Nomination { id name }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n"): (typeof documents)["\n  mutation OnboardingRejectNomination($id: ID!, $reason: String!) {\n    rejectNomination(id: $id, reason: $reason) {\n      __typename\n      ... on Nomination { id name }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OnboardingOrganisations {\n    organisations { id name kind shortCode ldzs { code name } }\n    networks { id ldzs { code } }\n    ldzs { code name }\n  }\n"): (typeof documents)["\n  query OnboardingOrganisations {\n    organisations { id name kind shortCode ldzs { code name } }\n    networks { id ldzs { code } }\n    ldzs { code name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OnboardingCreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      __typename\n      ... on Organisation { id name kind shortCode ldzs { code name } }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n"): (typeof documents)["\n  mutation OnboardingCreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      __typename\n      ... on Organisation { id name kind shortCode ldzs { code name } }\n      ... on InvalidInput { reasons { code field message } }\n      ... on NotPermitted { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkQueue($scope: QueueScope!, $first: Int, $after: String, $status: ContactStatus, $dueBy: Date, $overdue: Boolean) {\n    queue: workQueue(scope: $scope, first: $first, after: $after, status: $status, dueBy: $dueBy, overdue: $overdue) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          crn\n          status\n          dueBy\n          overdue\n          address { lines postcode }\n          raisedBy { name organisation { name } }\n          assignee { name }\n        }\n      }\n    }\n    mine: workQueue(scope: MINE, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }\n    organisation: workQueue(scope: ORGANISATION, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }\n    unassigned: workQueue(scope: UNASSIGNED, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }\n  }\n"): (typeof documents)["\n  query WorkQueue($scope: QueueScope!, $first: Int, $after: String, $status: ContactStatus, $dueBy: Date, $overdue: Boolean) {\n    queue: workQueue(scope: $scope, first: $first, after: $after, status: $status, dueBy: $dueBy, overdue: $overdue) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          crn\n          status\n          dueBy\n          overdue\n          address { lines postcode }\n          raisedBy { name organisation { name } }\n          assignee { name }\n        }\n      }\n    }\n    mine: workQueue(scope: MINE, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }\n    organisation: workQueue(scope: ORGANISATION, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }\n    unassigned: workQueue(scope: UNASSIGNED, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription QueueChanged {\n    contactStatusChanged { crn toStatus at }\n  }\n"): (typeof documents)["\n  subscription QueueChanged {\n    contactStatusChanged { crn toStatus at }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription QueueNotified {\n    notificationAdded { id crn }\n  }\n"): (typeof documents)["\n  subscription QueueNotified {\n    notificationAdded { id crn }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AddressByUdprn($udprn: ID!) {\n    address(udprn: $udprn) {\n      udprn\n      lines\n      postcode\n    }\n  }\n"): (typeof documents)["\n  query AddressByUdprn($udprn: ID!) {\n    address(udprn: $udprn) {\n      udprn\n      lines\n      postcode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RaiseMncContact($input: RaiseMncContactInput!) {\n    raiseMncContact(input: $input) {\n      __typename\n      ... on ContactLogged {\n        contact { crn status dueBy }\n        warnings { code field message }\n      }\n      ... on ContactRejected { reasons { code field message suggestedUdprn } }\n      ... on NotPermitted { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RaiseMncContact($input: RaiseMncContactInput!) {\n    raiseMncContact(input: $input) {\n      __typename\n      ... on ContactLogged {\n        contact { crn status dueBy }\n        warnings { code field message }\n      }\n      ... on ContactRejected { reasons { code field message suggestedUdprn } }\n      ... on NotPermitted { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignedIn { user { id } }\n      ... on MfaRequired { challengeId channel maskedDestination totpProvisioningUri }\n      ... on MfaEnrolmentRequired { challengeId }\n      ... on SignInFailed { message accountDisabled }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignedIn { user { id } }\n      ... on MfaRequired { challengeId channel maskedDestination totpProvisioningUri }\n      ... on MfaEnrolmentRequired { challengeId }\n      ... on SignInFailed { message accountDisabled }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnrolMfa($input: EnrolMfaInput!) {\n    enrolMfa(input: $input) {\n      __typename\n      ... on MfaRequired { challengeId channel maskedDestination totpProvisioningUri }\n      ... on InvalidInput { reasons { code field message } }\n    }\n  }\n"): (typeof documents)["\n  mutation EnrolMfa($input: EnrolMfaInput!) {\n    enrolMfa(input: $input) {\n      __typename\n      ... on MfaRequired { challengeId channel maskedDestination totpProvisioningUri }\n      ... on InvalidInput { reasons { code field message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyMfa($input: VerifyMfaInput!) {\n    verifyMfa(input: $input) {\n      __typename\n      ... on SignedIn { user { id } }\n      ... on MfaFailed { message attemptsLeft }\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyMfa($input: VerifyMfaInput!) {\n    verifyMfa(input: $input) {\n      __typename\n      ... on SignedIn { user { id } }\n      ... on MfaFailed { message attemptsLeft }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountSummary on User {\n    id\n    name\n    email\n    status\n    roles\n    lastSignInAt\n    daysInactive\n    mfaChannel\n    organisation { id name }\n  }\n"): (typeof documents)["\n  fragment AccountSummary on User {\n    id\n    name\n    email\n    status\n    roles\n    lastSignInAt\n    daysInactive\n    mfaChannel\n    organisation { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($search: String, $status: AccountStatus) {\n    users(search: $search, status: $status) { ...AccountSummary }\n  }\n"): (typeof documents)["\n  query Users($search: String, $status: AccountStatus) {\n    users(search: $search, status: $status) { ...AccountSummary }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query User($id: ID!) {\n    user(id: $id) { ...AccountSummary }\n  }\n"): (typeof documents)["\n  query User($id: ID!) {\n    user(id: $id) { ...AccountSummary }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountChangeOutcome on AccountChangeResult {\n    __typename\n    ... on User { id status mfaChannel }\n    ... on InvalidInput { reasons { code field message } }\n    ... on NotPermitted { message }\n  }\n"): (typeof documents)["\n  fragment AccountChangeOutcome on AccountChangeResult {\n    __typename\n    ... on User { id status mfaChannel }\n    ... on InvalidInput { reasons { code field message } }\n    ... on NotPermitted { message }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableUser($id: ID!, $reason: String!) {\n    disableUser(id: $id, reason: $reason) { ...AccountChangeOutcome }\n  }\n"): (typeof documents)["\n  mutation DisableUser($id: ID!, $reason: String!) {\n    disableUser(id: $id, reason: $reason) { ...AccountChangeOutcome }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableUser($id: ID!, $reason: String) {\n    enableUser(id: $id, reason: $reason) { ...AccountChangeOutcome }\n  }\n"): (typeof documents)["\n  mutation EnableUser($id: ID!, $reason: String) {\n    enableUser(id: $id, reason: $reason) { ...AccountChangeOutcome }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetSecondFactor($id: ID!, $reason: String!) {\n    resetSecondFactor(id: $id, reason: $reason) { ...AccountChangeOutcome }\n  }\n"): (typeof documents)["\n  mutation ResetSecondFactor($id: ID!, $reason: String!) {\n    resetSecondFactor(id: $id, reason: $reason) { ...AccountChangeOutcome }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendInvitation($id: ID!) {\n    resendInvitation(id: $id) { ...AccountChangeOutcome }\n  }\n"): (typeof documents)["\n  mutation ResendInvitation($id: ID!) {\n    resendInvitation(id: $id) { ...AccountChangeOutcome }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($afterSeq: Int!, $first: Int!, $userId: ID, $event: String) {\n    auditLog(afterSeq: $afterSeq, first: $first, userId: $userId, event: $event) {\n      seq\n      at\n      event\n      actorId\n      subjectId\n      clientAddress\n      details\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($afterSeq: Int!, $first: Int!, $userId: ID, $event: String) {\n    auditLog(afterSeq: $afterSeq, first: $first, userId: $userId, event: $event) {\n      seq\n      at\n      event\n      actorId\n      subjectId\n      clientAddress\n      details\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditChain {\n    auditChainVerified { ok checkedEntries firstBrokenSeq reason }\n  }\n"): (typeof documents)["\n  query AuditChain {\n    auditChainVerified { ok checkedEntries firstBrokenSeq reason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditPeople {\n    users { id name email organisation { id name } }\n  }\n"): (typeof documents)["\n  query AuditPeople {\n    users { id name email organisation { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Session {\n    session { idleTimeoutSeconds absoluteExpiresAt }\n  }\n"): (typeof documents)["\n  query Session {\n    session { idleTimeoutSeconds absoluteExpiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StaySignedIn {\n    staySignedIn { idleTimeoutSeconds absoluteExpiresAt }\n  }\n"): (typeof documents)["\n  mutation StaySignedIn {\n    staySignedIn { idleTimeoutSeconds absoluteExpiresAt }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;