import { useContext, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { ErrorMessage } from "../../components/fields";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { graphql } from "../../graphql/generated";
import type { InvitationState } from "../../graphql/generated/graphql";
import { ukDateTime } from "../../format";
import { SessionContext } from "../../session/SessionContext";
import { usePageTitle } from "../../session/title";
import { SomethingWentWrong } from "../errors/SomethingWentWrong";
import { passwordErrors, rejectionErrors } from "./logic";

const InvitationQuery = graphql(`
  query Invitation($token: String!) {
    invitation(token: $token) {
      state
      name
      maskedEmail
      organisation
      expiresAt
      askWhom
      message
      passwordRules
    }
  }
`);

const AcceptInvitation = graphql(`
  mutation AcceptInvitation($token: String!, $password: String!) {
    acceptInvitation(token: $token, password: $password) {
      __typename
      ... on User { id }
      ... on InvalidInput { reasons { code field message } }
      ... on NotPermitted { message }
    }
  }
`);

const HEADINGS: Record<Exclude<InvitationState, "VALID">, string> = {
  EXPIRED: "This invitation has expired",
  USED: "This invitation has been used",
  UNKNOWN: "This invitation link is not valid",
};

/** The invitation email's link: set a password, or be told why the link no longer works and whom to ask. */
export function InvitationPage() {
  const [params] = useSearchParams();
  const token = (params.get("token") ?? "").trim();
  const [{ data, fetching, error }, refetch] = useQuery({ query: InvitationQuery, variables: { token }, requestPolicy: "network-only" });
  const [accepted, setAccepted] = useState(false);
  const invitation = data?.invitation;

  if (accepted) return <Accepted />;
  if (error && !data) return <Titled title="Set your password"><SomethingWentWrong onRetry={() => refetch({ requestPolicy: "network-only" })} /></Titled>;
  if (fetching && !data) return <Titled title="Set your password"><Loading /></Titled>;
  if (!invitation) return null;
  if (invitation.state !== "VALID") {
    return <NotUsable heading={HEADINGS[invitation.state]} message={invitation.message} askWhom={invitation.askWhom} organisation={invitation.organisation} />;
  }
  return (
    <SetPassword
      token={token}
      name={invitation.name}
      maskedEmail={invitation.maskedEmail}
      organisation={invitation.organisation}
      expiresAt={invitation.expiresAt}
      rules={invitation.passwordRules}
      askWhom={invitation.askWhom}
      onAccepted={() => setAccepted(true)}
      onNoLongerValid={() => refetch({ requestPolicy: "network-only" })}
    />
  );
}

function Titled({ title, children }: { title: string; children: React.ReactNode }) {
  usePageTitle(title);
  return children;
}

function NotUsable({ heading, message, askWhom, organisation }: { heading: string; message: string; askWhom: string; organisation: string | null }) {
  usePageTitle(heading);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading>{heading}</PageHeading>
        <p className="govuk-body">{message}</p>
        <h2 className="govuk-heading-m">Whom to ask for a new invitation</h2>
        <p className="govuk-body">
          {askWhom.charAt(0).toUpperCase() + askWhom.slice(1)}
          {organisation ? `, at ${organisation}` : ""}. A new invitation comes by email with a new link.
        </p>
        <p className="govuk-body">
          If you have already set your password, <Link className="govuk-link" to="/sign-in">sign in</Link>.
        </p>
      </div>
    </div>
  );
}

function Accepted() {
  usePageTitle("Your password is set");
  const session = useContext(SessionContext);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <PageHeading>Your password is set</PageHeading>
          <div className="govuk-panel__body">Your account is ready to use</div>
        </div>
        <h2 className="govuk-heading-m">What happens next</h2>
        <p className="govuk-body">
          Sign in with your email address and the password you have just set. The first time you sign in, you will set up a second factor: security codes by text message or
          email, or an authenticator app.
        </p>
        {session ? (
          <p className="govuk-body">
            This browser is signed in as {session.viewer.name}. Sign out first, then sign in with your new account.
          </p>
        ) : (
          <p className="govuk-body">
            <Link className="govuk-link" to="/sign-in">
              Sign in to the Contact Management Service
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}

function SetPassword(props: {
  token: string;
  name: string | null;
  maskedEmail: string | null;
  organisation: string | null;
  expiresAt: string | null;
  rules: readonly string[];
  askWhom: string;
  onAccepted: () => void;
  onNoLongerValid: () => void;
}) {
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [shown, setShown] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching }, accept] = useMutation(AcceptInvitation);
  usePageTitle("Set your password", errors.length > 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = passwordErrors(password, confirm);
    setErrors(found);
    if (found.length) return;
    const result = await accept({ token: props.token, password });
    const answer = result.data?.acceptInvitation;
    if (!answer) {
      setErrors([{ href: "password", message: "Setting your password did not work this time. Nothing is lost: try again in a moment." }]);
      return;
    }
    if (answer.__typename === "User") {
      props.onAccepted();
      return;
    }
    if (answer.__typename === "NotPermitted") {
      setErrors([{ href: "password", message: answer.message }]);
      return;
    }
    if (answer.reasons.some((reason) => reason.field === "token")) {
      props.onNoLongerValid();
    }
    setErrors(rejectionErrors(answer.reasons, { password: "password", token: "password" }, "password"));
    setConfirm("");
  };

  const fieldError = (id: string) => errors.filter((error) => error.href === id).map((error) => error.message).join(". ") || undefined;
  const passwordError = fieldError("password");
  const confirmError = fieldError("confirm");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageHeading caption={props.organisation ?? undefined}>Set your password</PageHeading>
        <p className="govuk-body">
          {props.name ? `${props.name}, an` : "An"} account has been made for you{props.maskedEmail ? ` (${props.maskedEmail})` : ""}
          {props.organisation ? ` at ${props.organisation}` : ""} in the Contact Management Service.
        </p>
        {props.expiresAt && <p className="govuk-body">This link works until {ukDateTime(props.expiresAt)} (UK time), and only once.</p>}
        <h2 className="govuk-heading-m" id="rules-title">
          Rules for your password
        </h2>
        <ul className="govuk-list govuk-list--bullet" id="password-rules" aria-labelledby="rules-title">
          {props.rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
        <form noValidate onSubmit={submit}>
          <div className={`govuk-form-group${passwordError ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor="password">
              New password
            </label>
            <div id="password-hint" className="govuk-hint">
              Follow the rules above. You will sign in with your email address and this password.
            </div>
            {passwordError && <ErrorMessage id="password-error">{passwordError}</ErrorMessage>}
            <input
              id="password"
              name="password"
              className={`govuk-input${passwordError ? " govuk-input--error" : ""}`}
              type={shown ? "text" : "password"}
              autoComplete="new-password"
              spellCheck={false}
              autoCapitalize="none"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-describedby={["password-hint", "password-rules", passwordError ? "password-error" : ""].filter(Boolean).join(" ")}
              aria-invalid={passwordError ? true : undefined}
            />
          </div>
          <div className={`govuk-form-group${confirmError ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor="confirm">
              Confirm your new password
            </label>
            {confirmError && <ErrorMessage id="confirm-error">{confirmError}</ErrorMessage>}
            <input
              id="confirm"
              name="confirm"
              className={`govuk-input${confirmError ? " govuk-input--error" : ""}`}
              type={shown ? "text" : "password"}
              autoComplete="new-password"
              spellCheck={false}
              autoCapitalize="none"
              value={confirm}
              onChange={(event) => setConfirm(event.target.value)}
              aria-describedby={confirmError ? "confirm-error" : undefined}
              aria-invalid={confirmError ? true : undefined}
            />
          </div>
          <div className="govuk-form-group">
            <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="show-password" type="checkbox" checked={shown} onChange={(event) => setShown(event.target.checked)} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="show-password">
                  Show the passwords
                </label>
              </div>
            </div>
          </div>
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={fetching} aria-disabled={fetching}>
            Set password
          </button>
        </form>
        <p className="govuk-body">If this invitation is not for you, or you need a new one, ask {props.askWhom}.</p>
      </div>
    </div>
  );
}
