import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { ErrorMessage, Radios, TextField } from "../../components/fields";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { graphql } from "../../graphql/generated";
import type { OrganisationKind } from "../../graphql/generated/graphql";
import { usePageTitle } from "../../session/title";
import { SomethingWentWrong } from "../errors/SomethingWentWrong";
import { SuccessBanner } from "./Banner";
import { freeLdzs, kindWords, normaliseShortCode, organisationErrors, rejectionErrors } from "./logic";

const OrganisationsQuery = graphql(`
  query OnboardingOrganisations {
    organisations { id name kind shortCode ldzs { code name } }
    networks { id ldzs { code } }
    ldzs { code name }
  }
`);

const CreateOrganisation = graphql(`
  mutation OnboardingCreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      __typename
      ... on Organisation { id name kind shortCode ldzs { code name } }
      ... on InvalidInput { reasons { code field message } }
      ... on NotPermitted { message }
    }
  }
`);

const FIELDS = { kind: "kind", name: "org-name", shortCode: "short-code", ldzs: "ldzs", internationalMobilesAllowed: "international" };
type NewKind = Exclude<OrganisationKind, "CDSP">;
const KINDS: { value: NewKind; label: string; hint: string }[] = [
  { value: "SHIPPER", label: "Shipper", hint: "Raises contacts for the sites it ships gas to." },
  { value: "NETWORK", label: "Gas network", hint: "Owns the pipes of one or more LDZs, and works the contacts there." },
  { value: "SUPPLIER", label: "Supplier", hint: "Sells gas to the sites." },
];

/** The organisations, and a CDSP account administrator setting up a new one. */
export function OrganisationsPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: OrganisationsQuery, requestPolicy: "cache-and-network" });
  const [created, setCreated] = useState<{ id: string; name: string; shortCode: string; kind: OrganisationKind } | null>(null);
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle("Organisations", hasErrors);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const organisations = [...(data?.organisations ?? [])].sort((a, b) => a.name.localeCompare(b.name, "en-GB"));

  return (
    <>
      {created && (
        <SuccessBanner heading={`${created.name} (${created.shortCode}) is set up as a ${kindWords(created.kind).toLowerCase()}.`}>
          <p className="govuk-body">Nobody can sign in for it yet: nominate its first Local Security Officer, who then nominates its other people.</p>
          <p className="govuk-body">
            <Link className="govuk-notification-banner__link" to={`/nominations?organisation=${encodeURIComponent(created.id)}`}>
              Nominate its first Local Security Officer
            </Link>
          </p>
        </SuccessBanner>
      )}
      <PageHeading>Organisations</PageHeading>
      {error && !data ? (
        <SomethingWentWrong onRetry={reload} />
      ) : fetching && !data ? (
        <Loading />
      ) : data ? (
        <>
          <p className="govuk-body">
            <a className="govuk-link" href="#create-title">
              Create an organisation
            </a>
          </p>
          <section aria-labelledby="list-title" className="govuk-!-margin-bottom-8">
            <h2 className="govuk-heading-m" id="list-title">
              {organisations.length} organisations
            </h2>
            <table className="govuk-table cms-stacked-table">
              <caption className="govuk-visually-hidden">Organisations, by name</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Name</th>
                  <th scope="col" className="govuk-table__header">Kind</th>
                  <th scope="col" className="govuk-table__header">Short code</th>
                  <th scope="col" className="govuk-table__header">LDZs</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {organisations.map((o) => (
                  <tr className="govuk-table__row" key={o.id}>
                    <td className="govuk-table__cell" data-label="Name">{o.name}</td>
                    <td className="govuk-table__cell" data-label="Kind">{kindWords(o.kind)}</td>
                    <td className="govuk-table__cell" data-label="Short code">{o.shortCode}</td>
                    <td className="govuk-table__cell" data-label="LDZs">
                      {o.kind === "NETWORK" ? o.ldzs.map((ldz) => `${ldz.name} (${ldz.code})`).join(", ") : "None"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="create-title">
            <h2 className="govuk-heading-m" id="create-title" tabIndex={-1}>
              Create an organisation
            </h2>
            <CreateForm
              free={freeLdzs(data.ldzs, data.networks)}
              onErrors={setHasErrors}
              onCreated={(organisation) => {
                setCreated(organisation);
                reload();
              }}
            />
          </section>
        </>
      ) : null}
    </>
  );
}

function CreateForm({
  free,
  onCreated,
  onErrors,
}: {
  free: { code: string; name: string }[];
  onCreated: (organisation: { id: string; name: string; shortCode: string; kind: OrganisationKind }) => void;
  onErrors: (has: boolean) => void;
}) {
  const [kind, setKind] = useState<NewKind | null>(null);
  const [name, setName] = useState("");
  const [shortCode, setShortCode] = useState("");
  const [ldzs, setLdzs] = useState<string[]>([]);
  const [international, setInternational] = useState(false);
  const [errors, setErrorsState] = useState<FieldError[]>([]);
  const [{ fetching }, create] = useMutation(CreateOrganisation);
  const setErrors = (found: FieldError[]) => {
    setErrorsState(found);
    onErrors(found.length > 0);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = kind === "NETWORK" ? ldzs.filter((code) => free.some((ldz) => ldz.code === code)) : [];
    const found = organisationErrors({ kind, name, shortCode, ldzs: chosen }, free);
    setErrors(found);
    if (found.length || !kind) return;
    const result = await create({
      input: { kind, name: name.trim(), shortCode: normaliseShortCode(shortCode), ldzs: kind === "NETWORK" ? chosen : null, internationalMobilesAllowed: international },
    });
    const answer = result.data?.createOrganisation;
    if (!answer) {
      setErrors([{ href: "kind", message: "The organisation was not created this time. Nothing is lost: try again in a moment." }]);
    } else if (answer.__typename === "NotPermitted") {
      setErrors([{ href: "kind", message: answer.message }]);
    } else if (answer.__typename === "InvalidInput") {
      setErrors(rejectionErrors(answer.reasons, FIELDS, "kind"));
    } else {
      setKind(null);
      setName("");
      setShortCode("");
      setLdzs([]);
      setInternational(false);
      onCreated(answer);
    }
  };

  const fieldError = (id: string) => errors.filter((error) => error.href === id).map((error) => error.message).join(". ") || undefined;
  const ldzError = fieldError("ldzs");
  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} />
      <Radios id="kind" legend="What kind of organisation is it?" choices={KINDS} value={kind} onChange={setKind} error={fieldError("kind")} />
      {kind === "NETWORK" && (
        <div className={`govuk-form-group${ldzError ? " govuk-form-group--error" : ""}`}>
          <fieldset
            className="govuk-fieldset"
            aria-describedby={["ldzs-hint", ldzError ? "ldzs-error" : ""].filter(Boolean).join(" ")}
            {...(free.length ? {} : { id: "ldzs", tabIndex: -1 })}
          >
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Local Distribution Zones (LDZs) it owns</legend>
            <div id="ldzs-hint" className="govuk-hint">
              {free.length
                ? "Select all that apply. Only zones no network owns are listed: a zone has one network."
                : "Every LDZ belongs to a network already, and a zone has one network, so a new network cannot be set up until one is freed."}
            </div>
            {ldzError && <ErrorMessage id="ldzs-error">{ldzError}</ErrorMessage>}
            {free.length > 0 && (
              <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                {free.map((ldz, index) => {
                  const id = index === 0 ? "ldzs" : `ldzs-${ldz.code}`;
                  return (
                    <div className="govuk-checkboxes__item" key={ldz.code}>
                      <input
                        className="govuk-checkboxes__input"
                        id={id}
                        name="ldzs"
                        type="checkbox"
                        value={ldz.code}
                        checked={ldzs.includes(ldz.code)}
                        onChange={(event) => setLdzs(event.target.checked ? [...ldzs, ldz.code] : ldzs.filter((c) => c !== ldz.code))}
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                        {ldz.name} ({ldz.code})
                      </label>
                    </div>
                  );
                })}
              </div>
            )}
          </fieldset>
        </div>
      )}
      <TextField id="org-name" label="Name" labelClassName="govuk-label govuk-label--s" hint="As people in the industry know it, up to 120 characters." autoComplete="organization" value={name} onChange={(event) => setName(event.target.value)} error={fieldError("org-name")} />
      <TextField
        id="short-code"
        label="Short code"
        labelClassName="govuk-label govuk-label--s"
        hint="2 to 16 letters or digits, such as AGS: it is shown beside the name and must be unique."
        width="10"
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        value={shortCode}
        onChange={(event) => setShortCode(event.target.value)}
        error={fieldError("short-code")}
      />
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Mobile numbers for security codes</legend>
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="international" name="international" type="checkbox" checked={international} onChange={(event) => setInternational(event.target.checked)} aria-describedby="international-hint" />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="international">
                Its people may get codes on mobiles outside the UK
              </label>
              <div id="international-hint" className="govuk-hint govuk-checkboxes__hint">
                Leave this unticked unless the organisation has staff abroad: UK mobiles only is safer.
              </div>
            </div>
          </div>
        </fieldset>
      </div>
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={fetching} aria-disabled={fetching}>
        Create the organisation
      </button>
    </form>
  );
}
