import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorMessage } from "../../../components/fields";
import { graphql } from "../../../graphql/generated";
import { NoteForm } from "./NoteForm";
import { problems, settle } from "./problems";

const Reject = graphql(`
  mutation RejectContact($crn: String!, $reasonCode: String!, $note: String!) {
    rejectContact(crn: $crn, reasonCode: $reasonCode, note: $note) {
      ...ActionOutcome
    }
  }
`);

const RejectionReasons = graphql(`
  query RejectionReasons {
    rejectionReasons { code description }
  }
`);

/** Rejects the contact with a reason and a note, once confirmed. */
export function RejectForm({ crn, onChanged }: { crn: string; onChanged: () => void }) {
  const [{ data }] = useQuery({ query: RejectionReasons });
  const [, reject] = useMutation(Reject);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  return (
    <div>
      <div className={`govuk-form-group${reasonError ? " govuk-form-group--error" : ""}`}>
        <h3 className="govuk-heading-s">Reject the contact</h3>
        <label className="govuk-label" htmlFor="reject-reason">
          Reason
        </label>
        {reasonError && <ErrorMessage id="reject-reason-error">{reasonError}</ErrorMessage>}
        <select className="govuk-select" id="reject-reason" value={reason} onChange={(event) => setReason(event.target.value)} aria-describedby={reasonError ? "reject-reason-error" : undefined}>
          <option value="">Choose a reason</option>
          {data?.rejectionReasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.description}
            </option>
          ))}
        </select>
      </div>
      <NoteForm
        id="reject-note"
        title="Why"
        label="Note for the Shipper"
        required="Enter a note saying why it is rejected"
        button="Reject the contact"
        confirm={{ title: `Reject ${crn}?`, body: "The Shipper is told, and the contact is closed. This cannot be undone.", yes: "Yes, reject it" }}
        send={async (note) => {
          if (!reason) {
            setReasonError("Choose the reason for rejecting it");
            return [{ href: "reject-reason", message: "Choose the reason for rejecting it" }];
          }
          setReasonError(undefined);
          return settle(problems((await reject({ crn, reasonCode: reason, note })).data?.rejectContact, "reject-note", { reasonCode: "reject-reason" }), onChanged);
        }}
      />
    </div>
  );
}
