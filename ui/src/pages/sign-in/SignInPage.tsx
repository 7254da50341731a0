import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { PageHeading } from "../../components/PageHeading";
import { TextField } from "../../components/fields";
import type { MfaChannel } from "../../graphql/generated/graphql";
import { usePageTitle } from "../../session/title";
import { ChooseFactor } from "./ChooseFactor";
import { EnterCode } from "./EnterCode";
import { SignInMutation } from "./operations";

export interface CodeChallenge {
  challengeId: string;
  channel: MfaChannel;
  maskedDestination: string | null;
  totpProvisioningUri: string | null;
}

type Step =
  | { kind: "password" }
  | { kind: "choose"; challengeId: string }
  | { kind: "code"; challenge: CodeChallenge };

/** Signing in: password, then (at the first sign-in) choosing a second factor, then its code. */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const expired = params.get("expired") === "1";
  // Once the new session exists, the app's sign-in route returns the user to ?next=.
  const finish = () => {
    navigate(location.pathname + location.search, { replace: true, state: null });
    onSignedIn();
  };

  if (step.kind === "choose") {
    return (
      <ChooseFactor
        challengeId={step.challengeId}
        onChosen={(challenge) => setStep({ kind: "code", challenge })}
      />
    );
  }
  if (step.kind === "code") {
    return <EnterCode challenge={step.challenge} onSignedIn={finish} onStartAgain={() => setStep({ kind: "password" })} />;
  }
  return (
    <PasswordStep
      expired={expired}
      onSignedIn={finish}
      onCodeNeeded={(challenge) => setStep({ kind: "code", challenge })}
      onEnrolmentNeeded={(challengeId) => setStep({ kind: "choose", challengeId })}
    />
  );
}

function PasswordStep(props: {
  expired: boolean;
  onSignedIn: () => void;
  onCodeNeeded: (challenge: CodeChallenge) => void;
  onEnrolmentNeeded: (challengeId: string) => void;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  // The password was right but the account is disabled: the API says why and whom to ask.
  const [disabled, setDisabled] = useState<string | null>(null);
  const [{ fetching }, signIn] = useMutation(SignInMutation);
  usePageTitle("Sign in", errors.length > 0 || failure !== null || disabled !== null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FieldError[] = [];
    if (!email.trim()) missing.push({ href: "email", message: "Enter your email address" });
    if (!password) missing.push({ href: "password", message: "Enter your password" });
    setErrors(missing);
    setFailure(null);
    setDisabled(null);
    if (missing.length) return;
    const result = await signIn({ input: { email: email.trim(), password } });
    const answer = result.data?.signIn;
    if (!answer) {
      setFailure("Signing in did not work this time. Try again in a moment.");
      return;
    }
    switch (answer.__typename) {
      case "SignedIn":
        props.onSignedIn();
        break;
      case "MfaRequired":
        props.onCodeNeeded(answer);
        break;
      case "MfaEnrolmentRequired":
        props.onEnrolmentNeeded(answer.challengeId);
        break;
      case "SignInFailed":
        if (answer.accountDisabled) setDisabled(answer.message);
        else setFailure(answer.message);
        setPassword("");
        break;
    }
  };

  const fieldError = (id: string) => errors.find((error) => error.href === id)?.message;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {props.expired && !failure && !disabled && errors.length === 0 && (
          <div className="govuk-notification-banner" role="region" aria-labelledby="expired-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="expired-title">
                Important
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">
                You were signed out to keep your account safe. Sign in again to go back to the page you were on.
              </p>
            </div>
          </div>
        )}
        {disabled ? <DisabledSummary message={disabled} /> : <ErrorSummary errors={failure ? [{ href: "email", message: failure }] : errors} />}
        <PageHeading>Sign in</PageHeading>
        <form noValidate onSubmit={submit}>
          <TextField
            id="email"
            label="Email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={fieldError("email")}
          />
          <TextField
            id="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={fieldError("password")}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={fetching} aria-disabled={fetching}>
            Sign in
          </button>
        </form>
        <p className="govuk-body">
          If you do not have an account, or cannot sign in, ask your organisation's Local Security Officer.
        </p>
      </div>
    </div>
  );
}

/**
 * A disabled account, once its password is proved: GOV.UK's error summary, focused as it
 * appears, saying plainly why and whom to ask. Nothing on this form fixes it, so it links nowhere.
 */
function DisabledSummary({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [message]);
  return (
    <div className="govuk-error-summary" tabIndex={-1} ref={ref} role="alert" aria-labelledby="disabled-title" data-module="govuk-error-summary">
      <h2 className="govuk-error-summary__title" id="disabled-title">
        Your account is disabled
      </h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">{message}</p>
      </div>
    </div>
  );
}
