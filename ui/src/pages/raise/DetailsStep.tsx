import { useEffect, useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { PageHeading } from "../../components/PageHeading";
import { Radios, TextArea, TextField } from "../../components/fields";
import type { MarketSector, MncReason } from "../../graphql/generated/graphql";
import { usePageTitle } from "../../session/title";
import { useRaiseDraft, type RaiseDraft } from "./draft";

export const SECTORS: { value: MarketSector; label: string; hint: string }[] = [
  { value: "DOMESTIC", label: "Domestic", hint: "A home: usually up to 73,200 kWh a year." },
  { value: "INDUSTRIAL_COMMERCIAL", label: "Industrial and commercial", hint: "A business: usually more than 73,200 kWh a year." },
];

export const REASONS: { value: MncReason; label: string; hint?: string }[] = [
  { value: "NEW_SERVICE", label: "A new gas service" },
  { value: "SERVICE_RELAID", label: "A service relaid to a different position" },
  { value: "GAS_IN_USE_NO_MPRN", label: "Gas is in use but the site has no MPRN" },
];

/** A whole number of kWh as people write it ("12,000", "12 000"); null when it is not one. */
export function parseKwh(typed: string): number | null {
  const compact = typed.replace(/[\s,]/g, "").replace(/kwh$/i, "");
  return /^\d+$/.test(compact) ? Number(compact) : null;
}

/** What this page can tell before asking the server; the server checks everything again. */
export function detailsErrors(draft: RaiseDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (!draft.marketSector) errors.push({ href: "marketSector", message: "Select the market sector" });
  const kwh = parseKwh(draft.annualQuantityKwh);
  if (!draft.annualQuantityKwh.trim()) errors.push({ href: "annualQuantityKwh", message: "Enter the estimated annual quantity in kWh" });
  else if (kwh === null) errors.push({ href: "annualQuantityKwh", message: "Enter the annual quantity as a whole number of kWh, like 12000" });
  else if (kwh <= 0) errors.push({ href: "annualQuantityKwh", message: "The annual quantity must be more than 0 kWh" });
  if (!draft.reason) errors.push({ href: "reason", message: "Select why the site needs a meter point" });
  if (draft.notes.length > 1000) errors.push({ href: "notes", message: "Notes must be 1,000 characters or fewer" });
  return errors;
}

/** Step 2: what the contact is for. */
export function DetailsStep() {
  const { draft, update } = useRaiseDraft();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [errors, setErrors] = useState<FieldError[]>([]);
  usePageTitle("About the meter point", errors.length > 0);

  useEffect(() => {
    const field = params.get("field");
    if (field) document.getElementById(field)?.focus();
  }, [params]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = detailsErrors(draft);
    setErrors(found);
    if (!found.length) navigate("/raise/check");
  };
  const error = (id: string) => errors.find((e) => e.href === id)?.message;
  const text = (field: keyof RaiseDraft) => (event: { target: { value: string } }) => update({ [field]: event.target.value });

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">Raise a Meter Number Creation contact</span>
        <PageHeading>About the meter point</PageHeading>
        <form noValidate onSubmit={submit}>
          <Radios
            id="marketSector"
            legend="Market sector"
            choices={SECTORS}
            value={draft.marketSector}
            onChange={(marketSector) => update({ marketSector })}
            error={error("marketSector")}
          />
          <TextField
            id="annualQuantityKwh"
            label="Estimated annual quantity (kWh)"
            labelClassName="govuk-label govuk-label--s"
            hint="A whole number of kilowatt hours a year. Domestic sites are usually up to 73,200 kWh; industrial and commercial sites more."
            inputMode="numeric"
            spellCheck={false}
            width="10"
            value={draft.annualQuantityKwh}
            onChange={text("annualQuantityKwh")}
            error={error("annualQuantityKwh")}
          />
          <Radios
            id="reason"
            legend="Why does the site need a meter point?"
            hint="A meter exchange keeps its MPRN: do not raise a contact for one."
            choices={REASONS}
            value={draft.reason}
            onChange={(reason) => update({ reason })}
            error={error("reason")}
          />
          <TextField
            id="meterSerialNumber"
            label="Meter serial number (optional)"
            labelClassName="govuk-label govuk-label--s"
            hint="Up to 14 letters and numbers, if a meter is fitted."
            width="20"
            spellCheck={false}
            value={draft.meterSerialNumber}
            onChange={text("meterSerialNumber")}
            error={error("meterSerialNumber")}
          />
          <TextField
            id="siteContactName"
            label="Site contact's name (optional)"
            labelClassName="govuk-label govuk-label--s"
            autoComplete="off"
            value={draft.siteContactName}
            onChange={text("siteContactName")}
            error={error("siteContactName")}
          />
          <TextField
            id="siteContactPhone"
            label="Site contact's phone number (optional)"
            labelClassName="govuk-label govuk-label--s"
            hint="For the network to arrange a visit, like 0113 496 0000."
            type="tel"
            autoComplete="off"
            width="20"
            value={draft.siteContactPhone}
            onChange={text("siteContactPhone")}
            error={error("siteContactPhone")}
          />
          <TextArea
            id="notes"
            label="Notes (optional)"
            hint="Anything the CDSP or the network should know."
            maxLength={1000}
            value={draft.notes}
            onChange={(notes) => update({ notes })}
            error={error("notes")}
          />
          <button type="submit" className="govuk-button">
            Continue
          </button>
        </form>
      </div>
    </div>
  );
}
