import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { PageHeading } from "../../components/PageHeading";
import { ErrorMessage, TextField } from "../../components/fields";
import type { MfaChannel } from "../../graphql/generated/graphql";
import { usePageTitle } from "../../session/title";
import { EnrolMfaMutation } from "./operations";
import type { CodeChallenge } from "./SignInPage";

const CHOICES: { channel: MfaChannel; label: string; hint: string }[] = [
  { channel: "EMAIL", label: "Email", hint: "We send a code to the email address you sign in with." },
  { channel: "SMS", label: "Text message", hint: "We send a code to a UK mobile phone." },
  { channel: "TOTP", label: "Authenticator app", hint: "An app on your phone, such as Microsoft or Google Authenticator, makes the code." },
];

/** The first sign-in: choose how to get the second factor's codes. */
export function ChooseFactor({ challengeId, onChosen }: { challengeId: string; onChosen: (challenge: CodeChallenge) => void }) {
  const [channel, setChannel] = useState<MfaChannel | null>(null);
  const [mobile, setMobile] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching }, enrol] = useMutation(EnrolMfaMutation);
  usePageTitle("Choose how to get your security codes", errors.length > 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!channel) {
      setErrors([{ href: "channel-EMAIL", message: "Select how you want to get your security codes" }]);
      return;
    }
    if (channel === "SMS" && !mobile.trim()) {
      setErrors([{ href: "mobile", message: "Enter a UK mobile number, like 07911 123456" }]);
      return;
    }
    const result = await enrol({
      input: { challengeId, channel, destination: channel === "SMS" ? mobile.trim() : null },
    });
    const answer = result.data?.enrolMfa;
    if (answer?.__typename === "MfaRequired") {
      onChosen(answer);
    } else if (answer?.__typename === "InvalidInput") {
      setErrors(
        answer.reasons.map((reason) => ({
          href: reason.field === "destination" ? "mobile" : "channel-EMAIL",
          message: reason.message,
        })),
      );
    } else {
      setErrors([{ href: "channel-EMAIL", message: "That did not work this time. Try again in a moment." }]);
    }
  };

  const channelError = errors.find((error) => error.href === "channel-EMAIL")?.message;
  const mobileError = errors.find((error) => error.href === "mobile")?.message;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <form noValidate onSubmit={submit}>
          <div className={`govuk-form-group${channelError ? " govuk-form-group--error" : ""}`}>
            <fieldset className="govuk-fieldset" aria-describedby={`channel-hint${channelError ? " channel-error" : ""}`}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
                <PageHeading>Choose how to get your security codes</PageHeading>
              </legend>
              <div id="channel-hint" className="govuk-hint">
                Each time you sign in on a new device, or after 30 days, you will enter a code as well as your password.
              </div>
              {channelError && <ErrorMessage id="channel-error">{channelError}</ErrorMessage>}
              <div className="govuk-radios" data-module="govuk-radios">
                {CHOICES.map((choice) => (
                  <div key={choice.channel}>
                    <div className="govuk-radios__item">
                      <input
                        className="govuk-radios__input"
                        id={`channel-${choice.channel}`}
                        name="channel"
                        type="radio"
                        value={choice.channel}
                        checked={channel === choice.channel}
                        onChange={() => setChannel(choice.channel)}
                        aria-describedby={`channel-${choice.channel}-hint`}
                      />
                      <label className="govuk-label govuk-radios__label" htmlFor={`channel-${choice.channel}`}>
                        {choice.label}
                      </label>
                      <div id={`channel-${choice.channel}-hint`} className="govuk-hint govuk-radios__hint">
                        {choice.hint}
                      </div>
                    </div>
                    {choice.channel === "SMS" && channel === "SMS" && (
                      <div className="govuk-radios__conditional">
                        <TextField
                          id="mobile"
                          label="UK mobile number"
                          hint="Like 07911 123456"
                          error={mobileError}
                          width="20"
                          type="tel"
                          autoComplete="tel"
                          value={mobile}
                          onChange={(event) => setMobile(event.target.value)}
                        />
                      </div>
                    )}
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <button type="submit" className="govuk-button" disabled={fetching}>
            Continue
          </button>
        </form>
      </div>
    </div>
  );
}
