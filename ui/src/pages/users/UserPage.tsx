import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { Dialog } from "../../components/Dialog";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { TextArea } from "../../components/fields";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import type { AccountChangeOutcomeFragment, AccountSummaryFragment } from "../../graphql/generated/graphql";
import { useSession } from "../../session/SessionContext";
import { usePageTitle } from "../../session/title";
import { SomethingWentWrong } from "../errors/SomethingWentWrong";
import { DisableUserMutation, EnableUserMutation, ResendInvitationMutation, ResetSecondFactorMutation, UserQuery } from "./operations";
import {
  MAX_REASON,
  accountStatusTagClass,
  accountStatusWords,
  daysInactiveWords,
  factorWords,
  inactivityWarning,
  lastSignInWords,
  reasonProblem,
  roleWords,
} from "./words";

type Account = AccountSummaryFragment;

/** The server's answer as errors on this form's field; none when the change was made. */
export function answerProblems(answer: AccountChangeOutcomeFragment | undefined, fieldId: string): FieldError[] {
  if (!answer) return [{ href: fieldId, message: "That did not work this time. Nothing has changed: try again in a moment." }];
  if (answer.__typename === "User") return [];
  if (answer.__typename === "InvalidInput") return answer.reasons.map((reason) => ({ href: fieldId, message: reason.message }));
  return [{ href: fieldId, message: answer.message }];
}

/** One account: what it is, and what the LSO or CDSP account administrator may do to it. */
export function UserPage() {
  const { id = "" } = useParams();
  const { viewer } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: UserQuery, variables: { id }, requestPolicy: "cache-and-network" });
  const [flash, setFlash] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const user = data?.user ?? null;
  usePageTitle(user ? user.name : data ? "User not found" : "User", errors.length > 0);

  if (error && !data) return <SomethingWentWrong onRetry={() => refetch({ requestPolicy: "network-only" })} />;
  if (fetching && !data) return <Loading />;
  if (!user) {
    return (
      <>
        <PageHeading>User not found</PageHeading>
        <p className="govuk-body">There is no account here that you look after. The link may be wrong, or the account may belong to another organisation.</p>
        <p className="govuk-body">
          <Link to="/users" className="govuk-link">
            Find the user in the list of users
          </Link>
        </p>
      </>
    );
  }

  const own = user.id === viewer.id;
  const changed = (message: string) => {
    setErrors([]);
    setFlash(message);
    refetch({ requestPolicy: "network-only" });
  };
  const failed = (found: FieldError[]) => {
    setFlash(null);
    setErrors(found);
  };
  const props = { user, onChanged: changed, onFailed: failed, errors };
  const warning = inactivityWarning(user.daysInactive, user.status);
  return (
    <>
      <Link to="/users" className="govuk-back-link govuk-!-margin-top-0">
        Back to users
      </Link>
      <ErrorSummary errors={errors} />
      {flash && errors.length === 0 && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="account-changed">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="account-changed">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{flash}</p>
          </div>
        </div>
      )}
      <PageHeading caption={user.organisation.name}>{user.name}</PageHeading>
      <dl className="govuk-summary-list govuk-!-margin-bottom-8">
        <Row label="Name">
          {user.name}
          {own && " (you)"}
        </Row>
        <Row label="Email address">{user.email}</Row>
        <Row label="Organisation">{user.organisation.name}</Row>
        <Row label="Roles">{roleWords(user.roles)}</Row>
        <Row label="Status">
          <strong className={accountStatusTagClass(user.status)}>{accountStatusWords(user.status)}</strong>
        </Row>
        <Row label="Second factor">{factorWords(user.mfaChannel, user.status)}</Row>
        <Row label="Last sign-in">{lastSignInWords(user.lastSignInAt)}</Row>
        <Row label="Days inactive">
          {daysInactiveWords(user.daysInactive, user.status)}
          {warning && <span className="govuk-!-display-block">{warning}</span>}
        </Row>
      </dl>

      <h2 className="govuk-heading-m">What you can do</h2>
      {own && (
        <div className="govuk-inset-text">
          This is your own account: another Local Security Officer or a CDSP account administrator disables it or resets its second factor.
          To change your password, go to <Link to="/account" className="govuk-link">My account</Link>.
        </div>
      )}
      {user.status === "INVITED" && <ResendInvitation {...props} />}
      {user.status === "DISABLED" && <EnableForm {...props} />}
      {!own && user.status === "ACTIVE" && user.mfaChannel && <ResetForm {...props} />}
      {!own && user.status !== "DISABLED" && <DisableForm {...props} />}
      {own && user.status === "ACTIVE" && <p className="govuk-body">There is nothing else to do here.</p>}
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

interface ActionProps {
  user: Account;
  onChanged: (message: string) => void;
  onFailed: (errors: FieldError[]) => void;
  errors: FieldError[];
}

/** A reason, then (for a final step) a confirmation, then the change. */
function ReasonForm({
  id,
  title,
  intro,
  label,
  hint,
  required,
  what,
  button,
  warning,
  confirm,
  errors,
  onFailed,
  send,
}: {
  id: string;
  title: string;
  intro: ReactNode;
  label: string;
  hint?: string;
  required: boolean;
  what: string;
  button: string;
  warning: boolean;
  confirm?: { title: string; body: ReactNode; yes: string };
  errors: FieldError[];
  onFailed: (errors: FieldError[]) => void;
  send: (reason: string | null) => Promise<boolean>;
}) {
  const [reason, setReason] = useState("");
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const titleId = `${id}-confirm-${useId()}`;
  const go = async () => {
    setBusy(true);
    const done = await send(reason.trim() || null);
    setBusy(false);
    setAsking(false);
    if (done) setReason("");
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = reasonProblem(reason, required, what);
    onFailed(problem ? [{ href: id, message: problem }] : []);
    if (problem) return;
    if (confirm) setAsking(true);
    else void go();
  };
  return (
    <form noValidate onSubmit={submit} className="govuk-!-margin-bottom-8" aria-labelledby={`${id}-title`}>
      <h3 className="govuk-heading-s" id={`${id}-title`}>
        {title}
      </h3>
      <p className="govuk-body">{intro}</p>
      <TextArea id={id} label={label} hint={hint} value={reason} maxLength={MAX_REASON} onChange={setReason} error={errors.find((e) => e.href === id)?.message} />
      <button type="submit" className={`govuk-button${warning ? " govuk-button--warning" : " govuk-button--secondary"}`} disabled={busy}>
        {button}
      </button>
      {confirm && (
        <Dialog open={asking} labelledBy={titleId} onClose={() => setAsking(false)}>
          <h2 className="govuk-heading-m" id={titleId} tabIndex={-1}>
            {confirm.title}
          </h2>
          {confirm.body}
          <p className="govuk-body">
            <strong>Your reason:</strong> {reason.trim()}
          </p>
          <div className="cms-dialog__actions">
            <button type="button" className="govuk-button govuk-button--warning" onClick={() => void go()} disabled={busy}>
              {confirm.yes}
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </form>
  );
}

function DisableForm({ user, onChanged, onFailed, errors }: ActionProps) {
  const [, disable] = useMutation(DisableUserMutation);
  return (
    <ReasonForm
      id="disable-reason"
      title="Disable the account"
      intro={
        user.status === "INVITED"
          ? `${user.name} cannot set a password or sign in until the account is enabled again. They are emailed your reason.`
          : `${user.name} will be signed out at once and cannot sign in until the account is enabled again. They are emailed your reason.`
      }
      label="Why are you disabling the account?"
      hint="For example, they have left the organisation. They will see this."
      required
      what="disabling the account"
      button="Disable the account"
      warning
      confirm={{
        title: `Disable ${user.name}'s account?`,
        body: <p className="govuk-body">{user.name} is signed out now and cannot sign in until someone enables the account.</p>,
        yes: "Yes, disable the account",
      }}
      errors={errors}
      onFailed={onFailed}
      send={async (reason) => {
        const found = answerProblems((await disable({ id: user.id, reason: reason ?? "" })).data?.disableUser, "disable-reason");
        if (found.length) onFailed(found);
        else onChanged(`${user.name}'s account is disabled. They have been signed out and emailed your reason.`);
        return !found.length;
      }}
    />
  );
}

function EnableForm({ user, onChanged, onFailed, errors }: ActionProps) {
  const [, enable] = useMutation(EnableUserMutation);
  return (
    <ReasonForm
      id="enable-reason"
      title="Enable the account"
      intro={`${user.name} can sign in again as soon as it is enabled, and is emailed to say so.`}
      label="Why are you enabling the account? (optional)"
      hint="If you give a reason, it is recorded in the audit log and told to them."
      required={false}
      what="enabling the account"
      button="Enable the account"
      warning={false}
      errors={errors}
      onFailed={onFailed}
      send={async (reason) => {
        const found = answerProblems((await enable({ id: user.id, reason })).data?.enableUser, "enable-reason");
        if (found.length) onFailed(found);
        else onChanged(`${user.name}'s account is enabled. They can sign in again.`);
        return !found.length;
      }}
    />
  );
}

function ResetForm({ user, onChanged, onFailed, errors }: ActionProps) {
  const [, reset] = useMutation(ResetSecondFactorMutation);
  return (
    <ReasonForm
      id="reset-reason"
      title="Reset the second factor"
      intro={`For a lost phone or authenticator app. ${user.name} chooses a second factor again at their next sign-in; they are signed out and their remembered devices are forgotten.`}
      label="Why are you resetting the second factor?"
      hint="For example, they lost their phone. They are emailed this."
      required
      what="resetting the second factor"
      button="Reset the second factor"
      warning
      confirm={{
        title: `Reset ${user.name}'s second factor?`,
        body: <p className="govuk-body">{user.name} is signed out now and must set up a second factor again at their next sign-in.</p>,
        yes: "Yes, reset the second factor",
      }}
      errors={errors}
      onFailed={onFailed}
      send={async (reason) => {
        const found = answerProblems((await reset({ id: user.id, reason: reason ?? "" })).data?.resetSecondFactor, "reset-reason");
        if (found.length) onFailed(found);
        else onChanged(`${user.name}'s second factor is reset. They will choose one again at their next sign-in.`);
        return !found.length;
      }}
    />
  );
}

function ResendInvitation({ user, onChanged, onFailed }: ActionProps) {
  const [{ fetching }, resend] = useMutation(ResendInvitationMutation);
  return (
    <div className="govuk-!-margin-bottom-8">
      <h3 className="govuk-heading-s">Send the invitation again</h3>
      <p className="govuk-body">
        {user.name} has not set a password yet. A new invitation goes to {user.email}; the links sent before stop working.
      </p>
      <button
        type="button"
        id="resend-invitation"
        className="govuk-button govuk-button--secondary"
        disabled={fetching}
        onClick={async () => {
          const found = answerProblems((await resend({ id: user.id })).data?.resendInvitation, "resend-invitation");
          if (found.length) onFailed(found);
          else onChanged(`A new invitation has been sent to ${user.email}.`);
        }}
      >
        Send the invitation again
      </button>
    </div>
  );
}
