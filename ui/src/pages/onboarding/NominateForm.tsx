import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { ErrorMessage, TextField } from "../../components/fields";
import { graphql } from "../../graphql/generated";
import type { OrganisationKind, Role } from "../../graphql/generated/graphql";
import { nominationErrors, rejectionErrors, roleWords, rolesFor, rolesInWords } from "./logic";

const NominatePerson = graphql(`
  mutation OnboardingNominate($input: NominateUserInput!) {
    nominateUser(input: $input) {
      __typename
      ... on Nomination { id name email roles organisation { id name } }
      ... on InvalidInput { reasons { code field message } }
      ... on NotPermitted { message }
    }
  }
`);

export interface OrganisationChoice {
  id: string;
  name: string;
  kind: OrganisationKind;
  shortCode: string;
}

const FIELDS = { name: "name", email: "email", mobile: "mobile", roles: "roles", organisationId: "organisation" };

/**
 * "Nominate a person": an LSO for their own organisation; a CDSP account administrator for the
 * organisation they choose (`organisations` non-null), such as a new one's first LSO.
 */
export function NominateForm({
  organisations,
  ownKind,
  initialOrganisationId,
  onNominated,
}: {
  organisations: readonly OrganisationChoice[] | null;
  ownKind: OrganisationKind;
  initialOrganisationId: string | null;
  onNominated: (words: string) => void;
}) {
  const chooses = organisations !== null;
  const known = organisations?.some((o) => o.id === initialOrganisationId) ? initialOrganisationId : null;
  const [organisationId, setOrganisationId] = useState<string | null>(known);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [mobile, setMobile] = useState("");
  const [roles, setRoles] = useState<Role[]>(known ? ["USER", "LSO"] : ["USER"]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching }, nominate] = useMutation(NominatePerson);
  const chosen = organisations?.find((o) => o.id === organisationId);
  const offered = rolesFor(chosen?.kind ?? (chooses ? undefined : ownKind));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosenRoles = roles.filter((role) => offered.includes(role));
    const found = nominationErrors({ name, email, mobile, roles: chosenRoles, organisationId }, chooses);
    setErrors(found);
    if (found.length) return;
    const result = await nominate({
      input: {
        name: name.trim(),
        email: email.trim(),
        mobile: mobile.trim() || null,
        roles: chosenRoles,
        ...(chooses ? { organisationId } : {}),
      },
    });
    const answer = result.data?.nominateUser;
    if (!answer) {
      setErrors([{ href: "name", message: "The nomination was not sent this time. Nothing is lost: try again in a moment." }]);
      return;
    }
    if (answer.__typename === "NotPermitted") {
      setErrors([{ href: "name", message: answer.message }]);
      return;
    }
    if (answer.__typename === "InvalidInput") {
      setErrors(rejectionErrors(answer.reasons, FIELDS, "name"));
      return;
    }
    setName("");
    setEmail("");
    setMobile("");
    setRoles(["USER"]);
    onNominated(
      `You nominated ${answer.name} (${answer.email}) at ${answer.organisation.name} as ${rolesInWords(answer.roles)}. ` +
        (chooses
          ? `Approve it below to email ${answer.name} an invitation to set a password.`
          : `Once a CDSP account administrator approves it, ${answer.name} is emailed an invitation to set a password.`),
    );
  };

  const fieldError = (id: string) => errors.filter((error) => error.href === id).map((error) => error.message).join(". ") || undefined;
  const rolesError = fieldError("roles");
  const organisationError = fieldError("organisation");
  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} />
      {chooses && (
        <div className={`govuk-form-group${organisationError ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="organisation">
            Organisation
          </label>
          <div id="organisation-hint" className="govuk-hint">
            The organisation the person works for. For a new organisation, nominate its first Local Security Officer.
          </div>
          {organisationError && <ErrorMessage id="organisation-error">{organisationError}</ErrorMessage>}
          <select
            className={`govuk-select${organisationError ? " govuk-select--error" : ""}`}
            id="organisation"
            name="organisation"
            value={organisationId ?? ""}
            onChange={(event) => setOrganisationId(event.target.value || null)}
            aria-describedby={["organisation-hint", organisationError ? "organisation-error" : ""].filter(Boolean).join(" ")}
          >
            <option value="">Choose an organisation</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.shortCode})
              </option>
            ))}
          </select>
        </div>
      )}
      <TextField id="name" label="Full name" labelClassName="govuk-label govuk-label--s" autoComplete="off" spellCheck={false} value={name} onChange={(event) => setName(event.target.value)} error={fieldError("name")} />
      <TextField
        id="email"
        label="Work email address"
        labelClassName="govuk-label govuk-label--s"
        hint="The invitation to set a password goes here, and the person signs in with it."
        type="email"
        autoComplete="off"
        spellCheck={false}
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={fieldError("email")}
      />
      <TextField
        id="mobile"
        label="Mobile number (optional)"
        labelClassName="govuk-label govuk-label--s"
        hint="For security codes by text message, like 07700 900 123. The person can choose email codes or an authenticator app instead."
        type="tel"
        autoComplete="off"
        width="20"
        value={mobile}
        onChange={(event) => setMobile(event.target.value)}
        error={fieldError("mobile")}
      />
      <div className={`govuk-form-group${rolesError ? " govuk-form-group--error" : ""}`}>
        <fieldset className="govuk-fieldset" aria-describedby={["roles-hint", rolesError ? "roles-error" : ""].filter(Boolean).join(" ")}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Roles</legend>
          <div id="roles-hint" className="govuk-hint">
            Select all that apply. A Local Security Officer nominates and looks after the organisation's accounts.
          </div>
          {rolesError && <ErrorMessage id="roles-error">{rolesError}</ErrorMessage>}
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            {offered.map((role, index) => {
              const id = index === 0 ? "roles" : `roles-${role}`;
              return (
                <div className="govuk-checkboxes__item" key={role}>
                  <input
                    className="govuk-checkboxes__input"
                    id={id}
                    name="roles"
                    type="checkbox"
                    value={role}
                    checked={roles.includes(role)}
                    onChange={(event) => setRoles(event.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                    {roleWords(role)}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={fetching} aria-disabled={fetching}>
        Send the nomination
      </button>
    </form>
  );
}
