import { useState } from "react";
import { useMutation } from "urql";
import { ErrorSummary, type FieldError } from "../../../components/ErrorSummary";
import { graphql } from "../../../graphql/generated";
import { problems } from "./problems";

const PickUp = graphql(`
  mutation PickUpContact($crn: String!) {
    pickUpContact(crn: $crn) {
      ...ActionOutcome
    }
  }
`);

/** Picks the contact up: it becomes the viewer's. */
export function PickUpButton({ crn, onChanged }: { crn: string; onChanged: () => void }) {
  const [{ fetching }, pickUp] = useMutation(PickUp);
  const [errors, setErrors] = useState<FieldError[]>([]);
  return (
    <div className="govuk-!-margin-bottom-6">
      <ErrorSummary errors={errors} />
      <h3 className="govuk-heading-s">Pick it up</h3>
      <p className="govuk-body">It becomes yours to check, and leaves the unassigned queue.</p>
      <button
        type="button"
        id="pick-up"
        className="govuk-button"
        disabled={fetching}
        onClick={async () => {
          const result = await pickUp({ crn });
          const found = problems(result.data?.pickUpContact, "pick-up");
          setErrors(found);
          if (!found.length) onChanged();
        }}
      >
        Pick up the contact
      </button>
    </div>
  );
}
