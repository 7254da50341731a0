import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorSummary, type FieldError } from "../../../components/ErrorSummary";
import { ErrorMessage } from "../../../components/fields";
import { graphql } from "../../../graphql/generated";
import { useSession } from "../../../session/SessionContext";
import { problems } from "./problems";

const Assign = graphql(`
  mutation AssignContact($crn: String!, $assigneeId: ID) {
    assignContact(crn: $crn, assigneeId: $assigneeId) {
      ...ActionOutcome
    }
  }
`);

const Colleagues = graphql(`
  query Colleagues {
    colleagues { id name }
  }
`);

/** Assigns the contact to a colleague, to the viewer, or back to the unassigned queue. */
export function TakeIt({ crn, assigneeName, onChanged }: { crn: string; assigneeName: string | null; onChanged: () => void }) {
  const { viewer } = useSession();
  const [{ fetching }, assign] = useMutation(Assign);
  const [{ data: people }] = useQuery({ query: Colleagues });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [chosen, setChosen] = useState("");
  const [done, setDone] = useState("");
  const colleagues = people?.colleagues ?? [];
  const send = async (assigneeId: string | null, said: string, fieldId: string) => {
    setDone("");
    const result = await assign({ crn, assigneeId });
    const found = problems(result.data?.assignContact, fieldId, { assigneeId: "assign-to" });
    setErrors(found);
    if (!found.length) {
      setChosen("");
      setDone(said);
      onChanged();
    }
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const person = colleagues.find((colleague) => colleague.id === chosen);
    if (!person) {
      setDone("");
      setErrors([{ href: "assign-to", message: "Choose who to assign the contact to" }]);
      return;
    }
    if (person.name === assigneeName) {
      setDone("");
      setErrors([{ href: "assign-to", message: `The contact is already with ${person.name}: choose someone else` }]);
      return;
    }
    await send(person.id, `${crn} is now with ${person.id === viewer.id ? "you" : person.name}.`, "assign-to");
  };
  const error = errors.find((found) => found.href === "assign-to")?.message;
  return (
    <div className="govuk-!-margin-bottom-6">
      <ErrorSummary errors={errors} />
      <h3 className="govuk-heading-s">Assign it</h3>
      <p className="govuk-body">{assigneeName ? `It is with ${assigneeName === viewer.name ? "you" : assigneeName}.` : "Nobody has it yet: it is in the unassigned queue."}</p>
      <div role="status" className="govuk-body">
        {done && <strong>{done}</strong>}
      </div>
      {colleagues.length > 0 && (
        <form onSubmit={submit} noValidate>
          <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label" htmlFor="assign-to">
              Assign to
            </label>
            <div id="assign-to-hint" className="govuk-hint">
              Someone in your organisation. They are told, and it moves to their queue.
            </div>
            {error && <ErrorMessage id="assign-to-error">{error}</ErrorMessage>}
            <select
              className={`govuk-select${error ? " govuk-select--error" : ""}`}
              id="assign-to"
              value={chosen}
              onChange={(event) => setChosen(event.target.value)}
              aria-describedby={`assign-to-hint${error ? " assign-to-error" : ""}`}
            >
              <option value="">Choose a person</option>
              {colleagues.map((colleague) => (
                <option key={colleague.id} value={colleague.id}>
                  {colleague.name}
                  {colleague.id === viewer.id ? " (you)" : ""}
                  {colleague.name === assigneeName ? " (has it now)" : ""}
                </option>
              ))}
            </select>
          </div>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" disabled={fetching}>
              Assign
            </button>
          </div>
        </form>
      )}
      <div className="govuk-button-group">
        {assigneeName !== viewer.name && (
          <button
            type="button"
            id="take-it"
            className="govuk-button govuk-button--secondary"
            disabled={fetching}
            onClick={() => send(viewer.id, `${crn} is now with you.`, "take-it")}
          >
            Take it myself
          </button>
        )}
        {assigneeName && (
          <button
            type="button"
            id="unassign"
            className="govuk-button govuk-button--secondary"
            disabled={fetching}
            onClick={() => send(null, `${crn} is back in the unassigned queue.`, "unassign")}
          >
            Put it back in the queue
          </button>
        )}
      </div>
    </div>
  );
}
