import { useEffect, useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { PageHeading } from "../../components/PageHeading";
import { TextField } from "../../components/fields";
import { usePageTitle } from "../../session/title";
import { useRaiseDraft, type ManualAddress } from "./draft";

const EMPTY: ManualAddress = { buildingNameOrNumber: "", thoroughfare: "", postTown: "", postcode: "" };

/** GOV.UK's address pattern, for a site the PAF does not hold yet. */
export function ManualAddressStep() {
  const { draft, update } = useRaiseDraft();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [address, setAddress] = useState<ManualAddress>(draft.manual ?? EMPTY);
  const [errors, setErrors] = useState<FieldError[]>([]);
  usePageTitle("Enter the address of the site", errors.length > 0);

  useEffect(() => {
    const field = params.get("field");
    if (field) document.getElementById(field)?.focus();
  }, [params]);

  const set = (part: keyof ManualAddress) => (event: { target: { value: string } }) =>
    setAddress((current) => ({ ...current, [part]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!address.buildingNameOrNumber.trim())
      found.push({ href: "manual-buildingNameOrNumber", message: "Enter the building name or number" });
    if (!address.postTown.trim()) found.push({ href: "manual-postTown", message: "Enter the town or city" });
    if (!address.postcode.trim()) found.push({ href: "manual-postcode", message: "Enter the postcode" });
    setErrors(found);
    if (found.length) return;
    update({ manual: address, address: null });
    navigate(params.get("change") === "check" ? "/raise/check" : "/raise/details");
  };
  const error = (id: string) => errors.find((e) => e.href === id)?.message;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">Raise a Meter Number Creation contact</span>
        <PageHeading>Enter the address of the site</PageHeading>
        <p className="govuk-body">
          We check it against the PAF before you submit. If the PAF holds it after all, we tell you which address to choose
          instead; if not, the CDSP checks it by hand.
        </p>
        <form noValidate onSubmit={submit}>
          <TextField
            id="manual-buildingNameOrNumber"
            label="Building name or number"
            autoComplete="address-line1"
            value={address.buildingNameOrNumber}
            onChange={set("buildingNameOrNumber")}
            error={error("manual-buildingNameOrNumber")}
            maxLength={50}
          />
          <TextField
            id="manual-thoroughfare"
            label="Street (optional)"
            autoComplete="address-line2"
            value={address.thoroughfare}
            onChange={set("thoroughfare")}
            error={error("manual-thoroughfare")}
          />
          <TextField
            id="manual-postTown"
            label="Town or city"
            autoComplete="address-level2"
            width="20"
            value={address.postTown}
            onChange={set("postTown")}
            error={error("manual-postTown")}
          />
          <TextField
            id="manual-postcode"
            label="Postcode"
            autoComplete="postal-code"
            width="10"
            spellCheck={false}
            value={address.postcode}
            onChange={set("postcode")}
            error={error("manual-postcode")}
          />
          <button type="submit" className="govuk-button">
            Continue
          </button>
        </form>
      </div>
    </div>
  );
}
