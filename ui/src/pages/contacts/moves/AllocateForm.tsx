import { useMutation } from "urql";
import { graphql } from "../../../graphql/generated";
import { NoteForm } from "./NoteForm";
import { problems, settle } from "./problems";

const Allocate = graphql(`
  mutation AllocateToNetwork($crn: String!, $note: String) {
    allocateToNetwork(crn: $crn, note: $note) {
      ...ActionOutcome
    }
  }
`);

/** Allocates the contact to the network named, saying why that one. */
export function AllocateForm({ crn, network, ldz, reason, onChanged }: { crn: string; network: string; ldz: string; reason: string; onChanged: () => void }) {
  const [, allocate] = useMutation(Allocate);
  return (
    <NoteForm
      id="allocate-note"
      title={`Allocate it to ${network}`}
      intro={reason || `The postcode is in local distribution zone ${ldz}, whose pipes ${network} owns.`}
      label="Note for the network (optional)"
      required={null}
      button={`Allocate to ${network}`}
      send={async (note) => settle(problems((await allocate({ crn, note: note.trim() || null })).data?.allocateToNetwork, "allocate-note"), onChanged)}
    />
  );
}
