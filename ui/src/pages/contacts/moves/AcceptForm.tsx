import { useMutation } from "urql";
import { graphql } from "../../../graphql/generated";
import { NoteForm } from "./NoteForm";
import { problems, settle } from "./problems";

const Accept = graphql(`
  mutation AcceptContact($crn: String!, $note: String) {
    acceptContact(crn: $crn, note: $note) {
      ...ActionOutcome
    }
  }
`);

/** Accepts the contact, once confirmed. */
export function AcceptForm({ crn, onChanged }: { crn: string; onChanged: () => void }) {
  const [, accept] = useMutation(Accept);
  return (
    <NoteForm
      id="accept-note"
      title="Accept the contact"
      intro="Accepting confirms the site: UK Link then creates its MPRN."
      label="Note (optional)"
      required={null}
      button="Accept the contact"
      confirm={{ title: `Accept ${crn}?`, body: "UK Link will create a new meter point for this site. This cannot be undone.", yes: "Yes, accept it" }}
      send={async (note) => settle(problems((await accept({ crn, note: note.trim() || null })).data?.acceptContact, "accept-note"), onChanged)}
    />
  );
}
