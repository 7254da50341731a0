import { useState, type ReactNode } from "react";
import { Link, Navigate, useNavigate } from "react-router";
import { useClient, useMutation } from "urql";
import { AddressByUdprn } from "./AddressStep";
import { Dialog } from "../../components/Dialog";
import { PageHeading } from "../../components/PageHeading";
import { graphql } from "../../graphql/generated";
import type { RaiseMncContactInput, RaiseMncContactMutation } from "../../graphql/generated/graphql";
import { usePageTitle } from "../../session/title";
import { detailsErrors, parseKwh, REASONS, SECTORS } from "./DetailsStep";
import { useRaiseDraft, whereToChange, type RaiseDraft } from "./draft";

export const RaiseMncContact = graphql(`
  mutation RaiseMncContact($input: RaiseMncContactInput!) {
    raiseMncContact(input: $input) {
      __typename
      ... on ContactLogged {
        contact { crn status dueBy }
        warnings { code field message }
      }
      ... on ContactRejected { reasons { code field message suggestedUdprn } }
      ... on NotPermitted { message }
    }
  }
`);

type Outcome = RaiseMncContactMutation["raiseMncContact"] | { __typename: "Failed" };

function optional(text: string): string | null {
  return text.trim() ? text.trim() : null;
}

export function inputOf(draft: RaiseDraft): RaiseMncContactInput {
  return {
    udprn: draft.manual ? null : (draft.address?.udprn ?? null),
    manualAddress: draft.manual
      ? {
          buildingNameOrNumber: draft.manual.buildingNameOrNumber.trim(),
          thoroughfare: optional(draft.manual.thoroughfare),
          postTown: draft.manual.postTown.trim(),
          postcode: draft.manual.postcode.trim(),
        }
      : null,
    marketSector: draft.marketSector ?? "DOMESTIC",
    annualQuantityKwh: parseKwh(draft.annualQuantityKwh) ?? 0,
    reason: draft.reason ?? "NEW_SERVICE",
    meterSerialNumber: optional(draft.meterSerialNumber),
    siteContactName: optional(draft.siteContactName),
    siteContactPhone: optional(draft.siteContactPhone),
    notes: optional(draft.notes),
  };
}

function addressLines(draft: RaiseDraft): string {
  if (draft.manual) {
    const { buildingNameOrNumber, thoroughfare, postTown, postcode } = draft.manual;
    return [buildingNameOrNumber, thoroughfare, postTown.toUpperCase(), postcode.toUpperCase()].filter((line) => line.trim()).join("\n");
  }
  return draft.address ? [...draft.address.lines, draft.address.postcode].join("\n") : "";
}

/** Step 3: GOV.UK's "check your answers", then the submission and its dialog. */
export function CheckAnswersStep() {
  const { draft, clear, update } = useRaiseDraft();
  const client = useClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [{ fetching }, raise] = useMutation(RaiseMncContact);
  const navigate = useNavigate();
  usePageTitle("Check your answers before raising the contact");

  // Unanswered questions send the user back to them; not once a contact is logged and its
  // draft cleared on the way out.
  if (outcome?.__typename !== "ContactLogged") {
    if (!draft.address && !draft.manual) return <Navigate to="/raise" replace />;
    if (detailsErrors(draft).length) return <Navigate to="/raise/details" replace />;
  }

  const submit = async () => {
    const result = await raise({ input: inputOf(draft) });
    setOutcome(result.data?.raiseMncContact ?? { __typename: "Failed" });
  };

  const sector = SECTORS.find((choice) => choice.value === draft.marketSector)?.label ?? "";
  const reason = REASONS.find((choice) => choice.value === draft.reason)?.label ?? "";
  const rows: { key: string; value: ReactNode; change: string; field: string }[] = [
    {
      key: draft.manual ? "Address (entered by hand)" : "Address",
      value: <span className="cms-address-label">{addressLines(draft)}</span>,
      change: draft.manual ? "/raise/manual-address" : "/raise",
      field: draft.manual ? "manual-buildingNameOrNumber" : "address",
    },
    { key: "Market sector", value: sector, change: "/raise/details", field: "marketSector" },
    { key: "Annual quantity", value: `${(parseKwh(draft.annualQuantityKwh) ?? 0).toLocaleString("en-GB")} kWh`, change: "/raise/details", field: "annualQuantityKwh" },
    { key: "Reason", value: reason, change: "/raise/details", field: "reason" },
    { key: "Meter serial number", value: draft.meterSerialNumber || "Not given", change: "/raise/details", field: "meterSerialNumber" },
    { key: "Site contact", value: [draft.siteContactName, draft.siteContactPhone].filter(Boolean).join(", ") || "Not given", change: "/raise/details", field: "siteContactName" },
    { key: "Notes", value: draft.notes || "None", change: "/raise/details", field: "notes" },
  ];

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">Raise a Meter Number Creation contact</span>
        <PageHeading>Check your answers before raising the contact</PageHeading>
        <dl className="govuk-summary-list govuk-!-margin-bottom-9">
          {rows.map((row) => (
            <div className="govuk-summary-list__row" key={row.key}>
              <dt className="govuk-summary-list__key">{row.key}</dt>
              <dd className="govuk-summary-list__value">{row.value}</dd>
              <dd className="govuk-summary-list__actions">
                <Link className="govuk-link" to={`${row.change}?change=check&field=${encodeURIComponent(row.field)}`}>
                  Change<span className="govuk-visually-hidden"> {row.key.toLowerCase()}</span>
                </Link>
              </dd>
            </div>
          ))}
        </dl>
        <h2 className="govuk-heading-m">Now raise the contact</h2>
        <p className="govuk-body">We check it at once. If it passes, you get its contact reference number straight away.</p>
        <button type="button" className="govuk-button" onClick={submit} disabled={fetching}>
          Raise the contact
        </button>
        <OutcomeDialog
          outcome={outcome}
          onClose={() => setOutcome(null)}
          onRaiseAnother={() => {
            clear();
            setOutcome(null);
            navigate("/raise");
          }}
          onView={(crn) => {
            // Leave first: an emptied draft would send this page back to the first step.
            navigate(`/contacts/${crn}`);
            clear();
          }}
          onChange={(field) => {
            const where = whereToChange(field);
            setOutcome(null);
            navigate(`${where.path}?change=check&field=${encodeURIComponent(where.fieldId)}`);
          }}
          onUseSuggested={async (udprn) => {
            const result = await client.query(AddressByUdprn, { udprn }).toPromise();
            const address = result.data?.address;
            if (address) update({ address, manual: null, addressText: [...address.lines, address.postcode].join(", ") });
            setOutcome(null);
          }}
        />
      </div>
    </div>
  );
}

function OutcomeDialog({
  outcome,
  onClose,
  onRaiseAnother,
  onView,
  onChange,
  onUseSuggested,
}: {
  outcome: Outcome | null;
  onClose: () => void;
  onRaiseAnother: () => void;
  onView: (crn: string) => void;
  onChange: (field: string | null) => void;
  onUseSuggested: (udprn: string) => void;
}) {
  const [copied, setCopied] = useState(false);
  if (!outcome) return <Dialog open={false} labelledBy="outcome-title" onClose={onClose}>{null}</Dialog>;

  if (outcome.__typename === "ContactLogged") {
    const { crn } = outcome.contact;
    return (
      <Dialog open labelledBy="outcome-title" onClose={onClose}>
        <div className="govuk-panel govuk-panel--confirmation govuk-!-margin-bottom-6">
          <h2 className="govuk-panel__title" id="outcome-title" tabIndex={-1}>
            Contact logged
          </h2>
          <div className="govuk-panel__body">
            Your contact reference number is
            <br />
            <strong className="cms-crn">{crn}</strong>
          </div>
        </div>
        <p className="govuk-body">
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
            onClick={async () => {
              await navigator.clipboard?.writeText(crn).catch(() => undefined);
              setCopied(true);
            }}
          >
            Copy the reference<span className="govuk-visually-hidden"> {crn}</span>
          </button>
          <span role="status" className="govuk-!-margin-left-3">
            {copied ? "Copied" : ""}
          </span>
        </p>
        {outcome.warnings.length > 0 && (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <div className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              <ul className="govuk-list">
                {outcome.warnings.map((warning) => (
                  <li key={warning.code}>{warning.message}</li>
                ))}
              </ul>
            </div>
          </div>
        )}
        <p className="govuk-body">The CDSP picks it up within 2 working days. You will be told of every step.</p>
        <div className="cms-dialog__actions">
          <button type="button" className="govuk-button" onClick={() => onView(crn)}>
            View the contact
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onRaiseAnother}>
            Raise another contact
          </button>
        </div>
      </Dialog>
    );
  }

  const reasons =
    outcome.__typename === "ContactRejected"
      ? outcome.reasons
      : [{ code: outcome.__typename, field: null, suggestedUdprn: null, message: outcome.__typename === "NotPermitted" ? outcome.message : "The contact could not be sent just now. Nothing you entered is lost: try again in a moment." }];
  return (
    <Dialog open labelledBy="outcome-title" onClose={onClose} initialFocus="outcome-errors">
      <div className="govuk-error-summary" id="outcome-errors" tabIndex={-1} aria-labelledby="outcome-title">
        <h2 className="govuk-error-summary__title" id="outcome-title">
          The contact was not logged
        </h2>
        <div className="govuk-error-summary__body">
          <p className="govuk-body">Nothing you entered is lost. Change these answers, then raise it again:</p>
          <ul className="govuk-list govuk-error-summary__list">
            {reasons.map((reason) => (
              <li key={`${reason.code}-${reason.field ?? ""}`}>
                {reason.field !== null || outcome.__typename === "ContactRejected" ? (
                  <a
                    href={`#${whereToChange(reason.field).fieldId}`}
                    onClick={(event) => {
                      event.preventDefault();
                      onChange(reason.field);
                    }}
                  >
                    {reason.message}
                  </a>
                ) : (
                  reason.message
                )}
                {reason.suggestedUdprn && (
                  <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                    <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={() => onUseSuggested(reason.suggestedUdprn ?? "")}>
                      Use the PAF address instead
                    </button>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={onClose}>
        Close
      </button>
    </Dialog>
  );
}
