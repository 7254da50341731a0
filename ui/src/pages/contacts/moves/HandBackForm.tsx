import { useMutation } from "urql";
import { graphql } from "../../../graphql/generated";
import { NoteForm } from "./NoteForm";
import { problems, type Answer } from "./problems";

const HandBack = graphql(`
  mutation HandBackToCdsp($crn: String!, $note: String!) {
    handBackToCdsp(crn: $crn, note: $note) {
      __typename
      ... on ContactHandedBack { message }
      ... on InvalidInput { reasons { code field message } }
      ... on InvalidTransition { message }
      ... on NotPermitted { message }
      ... on NotFound { message }
    }
  }
`);

/** Hands the contact back to the CDSP, after which the network no longer sees it. */
export function HandBackForm({ crn, onHandedBack }: { crn: string; onHandedBack: (message: string) => void }) {
  const [, handBack] = useMutation(HandBack);
  return (
    <NoteForm
      id="hand-back-note"
      title="Hand it back to the CDSP"
      intro="If the site is not on your network, the CDSP allocates it again. You will no longer see it."
      label="Note for the CDSP"
      required="Enter why you are handing it back"
      button="Hand it back"
      confirm={{ title: `Hand ${crn} back to the CDSP?`, body: "Your network will no longer see this contact.", yes: "Yes, hand it back" }}
      send={async (note) => {
        const answer = (await handBack({ crn, note })).data?.handBackToCdsp;
        if (answer?.__typename === "ContactHandedBack") {
          onHandedBack(answer.message);
          return [];
        }
        return problems(answer as Answer, "hand-back-note");
      }}
    />
  );
}
