import { useEffect, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import QRCode from "qrcode";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { PageHeading } from "../../components/PageHeading";
import { TextField } from "../../components/fields";
import { usePageTitle } from "../../session/title";
import { VerifyMfaMutation } from "./operations";
import type { CodeChallenge } from "./SignInPage";

/** A pasted or typed code: keep its digits, so "123 456" and "123-456" both work. */
export function codeDigits(typed: string): string {
  return typed.replace(/[\s-]/g, "");
}

function secretOf(uri: string): string | null {
  try {
    return new URL(uri).searchParams.get("secret");
  } catch {
    return null;
  }
}

/** Enter the second factor's code, with "remember this device". */
export function EnterCode({
  challenge,
  onSignedIn,
  onStartAgain,
}: {
  challenge: CodeChallenge;
  onSignedIn: () => void;
  onStartAgain: () => void;
}) {
  const [code, setCode] = useState("");
  const [remember, setRemember] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [locked, setLocked] = useState(false);
  const [qr, setQr] = useState<string | null>(null);
  const [{ fetching }, verify] = useMutation(VerifyMfaMutation);
  const enrolling = challenge.totpProvisioningUri !== null;
  usePageTitle(enrolling ? "Set up your authenticator app" : "Enter your security code", errors.length > 0);

  useEffect(() => {
    if (!challenge.totpProvisioningUri) return;
    let live = true;
    QRCode.toDataURL(challenge.totpProvisioningUri, { margin: 2, width: 220 }).then((url) => live && setQr(url));
    return () => {
      live = false;
    };
  }, [challenge.totpProvisioningUri]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const digits = codeDigits(code);
    if (!/^\d{6}$/.test(digits)) {
      setErrors([{ href: "code", message: digits ? "Enter the code as 6 digits, like 123456" : "Enter the security code" }]);
      return;
    }
    const result = await verify({ input: { challengeId: challenge.challengeId, code: digits, rememberDevice: remember } });
    const answer = result.data?.verifyMfa;
    if (answer?.__typename === "SignedIn") {
      onSignedIn();
    } else if (answer?.__typename === "MfaFailed") {
      setCode("");
      if (answer.attemptsLeft <= 0) setLocked(true);
      const left = answer.attemptsLeft === 1 ? "1 try left" : `${answer.attemptsLeft} tries left`;
      setErrors([{ href: "code", message: answer.attemptsLeft > 0 ? `${answer.message} You have ${left}.` : answer.message }]);
    } else {
      setErrors([{ href: "code", message: "That did not work this time. Try again in a moment." }]);
    }
  };

  const secret = challenge.totpProvisioningUri ? secretOf(challenge.totpProvisioningUri) : null;
  const codeError = errors[0]?.message;
  const where =
    challenge.channel === "TOTP"
      ? "Enter the 6-digit code your authenticator app shows."
      : `We have sent a 6-digit code to ${challenge.maskedDestination ?? "you"}. It expires in 10 minutes.`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageHeading>{enrolling ? "Set up your authenticator app" : "Enter your security code"}</PageHeading>
        {enrolling && (
          <>
            <p className="govuk-body">Scan this QR code with your authenticator app.</p>
            {qr && <img className="cms-qr" src={qr} width={220} height={220} alt="QR code to add CMS to your authenticator app" />}
            {secret && (
              <details className="govuk-details">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">I cannot scan the QR code</span>
                </summary>
                <div className="govuk-details__text">
                  <p className="govuk-body">Add an account in your app by hand, and enter this key:</p>
                  <p className="govuk-body cms-code" aria-label={`Key: ${secret.split("").join(" ")}`}>
                    {secret.match(/.{1,4}/g)?.join(" ")}
                  </p>
                </div>
              </details>
            )}
          </>
        )}
        {locked ? (
          <>
            <p className="govuk-body">You cannot use this code any more.</p>
            <button type="button" className="govuk-button" onClick={onStartAgain}>
              Sign in again
            </button>
          </>
        ) : (
          <form noValidate onSubmit={submit}>
            <TextField
              id="code"
              label="Security code"
              labelClassName="govuk-label govuk-label--s"
              hint={where}
              error={codeError}
              width="10"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              spellCheck={false}
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
            <div className="govuk-form-group">
              <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                <div className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id="remember"
                    name="remember"
                    type="checkbox"
                    checked={remember}
                    onChange={(event) => setRemember(event.target.checked)}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor="remember">
                    Remember this device for 30 days
                  </label>
                </div>
              </div>
            </div>
            <button type="submit" className="govuk-button" disabled={fetching}>
              Continue
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
