import { useMutation } from "urql";
import { graphql } from "../../../graphql/generated";
import { NoteForm } from "./NoteForm";
import { problems, settle } from "./problems";

const AskShipper = graphql(`
  mutation AskShipper($crn: String!, $question: String!) {
    askShipper(crn: $crn, question: $question) {
      ...ActionOutcome
    }
  }
`);

/** Asks the Shipper a question. */
export function AskForm({ crn, onChanged }: { crn: string; onChanged: () => void }) {
  const [, ask] = useMutation(AskShipper);
  return (
    <NoteForm
      id="question"
      title="Ask the Shipper a question"
      intro="The Shipper has 10 working days to answer; after that the contact lapses."
      label="Your question"
      required="Enter your question for the Shipper"
      button="Send the question"
      send={async (question) => settle(problems((await ask({ crn, question })).data?.askShipper, "question"), onChanged)}
    />
  );
}
