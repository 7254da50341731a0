import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorMessage } from "../../../components/fields";
import { graphql } from "../../../graphql/generated";
import { NoteForm } from "./NoteForm";
import { problems, settle } from "./problems";

const MoveToNetwork = graphql(`
  mutation MoveToNetwork($crn: String!, $networkId: ID!, $note: String!) {
    moveToNetwork(crn: $crn, networkId: $networkId, note: $note) {
      ...ActionOutcome
    }
  }
`);

const Networks = graphql(`
  query Networks {
    networks { id name ldzs { code name } }
  }
`);

/** Moves the contact to another network, with a note saying why. */
export function MoveForm({ crn, current, onChanged }: { crn: string; current: string; onChanged: () => void }) {
  const [{ data }] = useQuery({ query: Networks });
  const [, move] = useMutation(MoveToNetwork);
  const [networkId, setNetworkId] = useState("");
  const [choiceError, setChoiceError] = useState<string | undefined>(undefined);
  const others = (data?.networks ?? []).filter((n) => n.name !== current);
  return (
    <div className="govuk-!-margin-bottom-6">
      <div className={`govuk-form-group${choiceError ? " govuk-form-group--error" : ""}`}>
        <h3 className="govuk-heading-s">Move it to another network</h3>
        <label className="govuk-label" htmlFor="move-network">
          Network
        </label>
        {choiceError && <ErrorMessage id="move-network-error">{choiceError}</ErrorMessage>}
        <select className="govuk-select" id="move-network" value={networkId} onChange={(event) => setNetworkId(event.target.value)} aria-describedby={choiceError ? "move-network-error" : undefined}>
          <option value="">Choose a network</option>
          {others.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name} ({n.ldzs.map((z) => z.code).join(", ")})
            </option>
          ))}
        </select>
      </div>
      <NoteForm
        id="move-note"
        title="Why"
        label="Note for the networks"
        required="Enter why it belongs to that network"
        button="Move the contact"
        send={async (note) => {
          if (!networkId) {
            setChoiceError("Choose the network to move it to");
            return [{ href: "move-network", message: "Choose the network to move it to" }];
          }
          setChoiceError(undefined);
          return settle(problems((await move({ crn, networkId, note })).data?.moveToNetwork, "move-note", { networkId: "move-network" }), onChanged);
        }}
      />
    </div>
  );
}
