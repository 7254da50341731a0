import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { PageHeading } from "../../components/PageHeading";
import { TextField } from "../../components/fields";
import { graphql } from "../../graphql/generated";
import { useSession } from "../../session/SessionContext";
import { usePageTitle } from "../../session/title";

const Preferences = graphql(`
  query NotificationPreferences {
    notificationPreferences { emailCopies }
  }
`);

const SetPreferences = graphql(`
  mutation SetNotificationPreferences($emailCopies: Boolean!) {
    setNotificationPreferences(emailCopies: $emailCopies) { emailCopies }
  }
`);

const ChangePassword = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      __typename
      ... on InvalidInput { reasons { code field message } }
    }
  }
`);

const FACTOR_WORDS: Record<string, string> = {
  EMAIL: "Codes by email",
  SMS: "Codes by text message",
  TOTP: "An authenticator app",
};

export function AccountPage() {
  const { viewer } = useSession();
  usePageTitle("My account");
  return (
    <>
      <PageHeading>My account</PageHeading>
      <dl className="govuk-summary-list">
        <Row label="Name">{viewer.name}</Row>
        <Row label="Email address">{viewer.email}</Row>
        <Row label="Organisation">{viewer.organisation.name}</Row>
        <Row label="Second factor">{viewer.mfaChannel ? FACTOR_WORDS[viewer.mfaChannel] : "Not set up yet"}</Row>
      </dl>
      <p className="govuk-body">To change your name, email address or second factor, ask your organisation's Local Security Officer.</p>
      <EmailCopies />
      <ChangePasswordForm />
    </>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

function EmailCopies() {
  const [{ data }] = useQuery({ query: Preferences });
  const [{ fetching }, save] = useMutation(SetPreferences);
  const [saved, setSaved] = useState("");
  const on = data?.notificationPreferences.emailCopies ?? false;
  return (
    <>
      <h2 className="govuk-heading-m">Notifications by email</h2>
      <div className="govuk-form-group">
        <div className="govuk-checkboxes" data-module="govuk-checkboxes">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id="email-copies"
              type="checkbox"
              checked={on}
              disabled={fetching || !data}
              onChange={async (event) => {
                const emailCopies = event.target.checked;
                await save({ emailCopies });
                setSaved(emailCopies ? "You will get an email copy of each notification." : "You will not get email copies of notifications.");
              }}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="email-copies">
              Also send me each notification by email
            </label>
          </div>
        </div>
        <p className="govuk-body govuk-!-margin-top-2" role="status">
          {saved}
        </p>
      </div>
    </>
  );
}

function ChangePasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState(false);
  const [{ fetching }, change] = useMutation(ChangePassword);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const found: FieldError[] = [];
    if (!current) found.push({ href: "current-password", message: "Enter your current password" });
    if (!next) found.push({ href: "new-password", message: "Enter a new password" });
    setErrors(found);
    if (found.length) return;
    const result = await change({ input: { currentPassword: current, newPassword: next } });
    const answer = result.data?.changePassword;
    if (answer?.__typename === "User") {
      setCurrent("");
      setNext("");
      setDone(true);
    } else if (answer?.__typename === "InvalidInput") {
      setErrors(answer.reasons.map((reason) => ({ href: reason.field === "currentPassword" ? "current-password" : "new-password", message: reason.message })));
    } else {
      setErrors([{ href: "current-password", message: "Your password could not be changed just now. Try again in a moment." }]);
    }
  };
  const error = (id: string) => errors.find((e) => e.href === id)?.message;
  return (
    <>
      <h2 className="govuk-heading-m">Change your password</h2>
      <ErrorSummary errors={errors} />
      {done && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="password-changed">
          <div className="govuk-notification-banner__header">
            <h3 className="govuk-notification-banner__title" id="password-changed">
              Success
            </h3>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">Your password has been changed.</p>
          </div>
        </div>
      )}
      <form noValidate onSubmit={submit}>
        <TextField id="current-password" label="Current password" type="password" autoComplete="current-password" width="20" value={current} onChange={(e) => setCurrent(e.target.value)} error={error("current-password")} />
        <TextField
          id="new-password"
          label="New password"
          hint="At least 12 characters. A few unrelated words together make a strong password that is easy to remember."
          type="password"
          autoComplete="new-password"
          width="20"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={error("new-password")}
        />
        <button type="submit" className="govuk-button" disabled={fetching}>
          Change password
        </button>
      </form>
    </>
  );
}
