import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useClient } from "urql";
import { AddressCombobox } from "../../components/AddressCombobox";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { PageHeading } from "../../components/PageHeading";
import { graphql } from "../../graphql/generated";
import { usePageTitle } from "../../session/title";
import { useRaiseDraft } from "./draft";

export const AddressByUdprn = graphql(`
  query AddressByUdprn($udprn: ID!) {
    address(udprn: $udprn) {
      udprn
      lines
      postcode
    }
  }
`);

/** Step 1: find the site's address in the PAF as you type. */
export function AddressStep() {
  const { draft, update } = useRaiseDraft();
  const client = useClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [loading, setLoading] = useState(false);
  usePageTitle("What is the address of the site?", errors.length > 0);

  // Arriving from a refusal's link: put the reader in the field to change.
  useEffect(() => {
    if (params.get("change")) document.getElementById("address")?.focus();
  }, [params]);

  const chosen = draft.manual ? null : draft.address;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      setErrors([{ href: "address", message: "Enter part of the address or postcode, then choose the address from the list" }]);
      return;
    }
    navigate(params.get("change") === "check" ? "/raise/check" : "/raise/details");
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">Raise a Meter Number Creation contact</span>
        <PageHeading>What is the address of the site?</PageHeading>
        <form noValidate onSubmit={submit}>
          <AddressCombobox
            id="address"
            label="Address or postcode"
            hint="Type a postcode, like LS6 2AB, or words of the address, like 12 Oak Road Leeds, then choose from the list."
            error={errors[0]?.message}
            initialText={draft.addressText}
            onTextChange={(addressText) => update({ addressText, address: null })}
            onChoose={async (option) => {
              setErrors([]);
              setLoading(true);
              const result = await client.query(AddressByUdprn, { udprn: option.udprn }).toPromise();
              setLoading(false);
              const address = result.data?.address;
              if (address) update({ address, manual: null, addressText: option.summary });
            }}
          />
          {loading && (
            <p className="govuk-body" role="status">
              Loading the address…
            </p>
          )}
          {chosen && (
            <div className="govuk-inset-text" aria-live="polite">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1">The address you chose</h2>
              <p className="govuk-body cms-address-label govuk-!-margin-bottom-0">{[...chosen.lines, chosen.postcode].join("\n")}</p>
            </div>
          )}
          <p className="govuk-body">
            <Link to="/raise/manual-address" className="govuk-link">
              I cannot find the address
            </Link>
          </p>
          <button type="submit" className="govuk-button">
            Continue
          </button>
        </form>
      </div>
    </div>
  );
}
