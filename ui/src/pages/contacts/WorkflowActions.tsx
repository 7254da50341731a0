import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { ErrorMessage, TextArea } from "../../components/fields";
import { graphql } from "../../graphql/generated";
import type { ContactAction } from "../../graphql/generated/graphql";
import { useSession } from "../../session/SessionContext";
import { Confirm } from "./ContactActions";

// What every move answers: the contact, or why not. Each move's mutation spreads it.
export const ActionOutcome = graphql(`
  fragment ActionOutcome on ContactActionResult {
    __typename
    ... on InvalidInput { reasons { code field message } }
    ... on InvalidTransition { message }
    ... on NotPermitted { message }
    ... on NotFound { message }
  }
`);

const PickUp = graphql(`
  mutation PickUpContact($crn: String!) {
    pickUpContact(crn: $crn) {
      ...ActionOutcome
    }
  }
`);

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

const AskShipper = graphql(`
  mutation AskShipper($crn: String!, $question: String!) {
    askShipper(crn: $crn, question: $question) {
      ...ActionOutcome
    }
  }
`);

const Allocate = graphql(`
  mutation AllocateToNetwork($crn: String!, $note: String) {
    allocateToNetwork(crn: $crn, note: $note) {
      ...ActionOutcome
    }
  }
`);

const BookVisit = graphql(`
  mutation BookSiteVisit($crn: String!, $plannedFor: Date!, $note: String) {
    bookSiteVisit(crn: $crn, plannedFor: $plannedFor, note: $note) {
      ...ActionOutcome
    }
  }
`);

const Accept = graphql(`
  mutation AcceptContact($crn: String!, $note: String) {
    acceptContact(crn: $crn, note: $note) {
      ...ActionOutcome
    }
  }
`);

const Reject = graphql(`
  mutation RejectContact($crn: String!, $reasonCode: String!, $note: String!) {
    rejectContact(crn: $crn, reasonCode: $reasonCode, note: $note) {
      ...ActionOutcome
    }
  }
`);

const MoveToNetwork = graphql(`
  mutation MoveToNetwork($crn: String!, $networkId: ID!, $note: String!) {
    moveToNetwork(crn: $crn, networkId: $networkId, note: $note) {
      ...ActionOutcome
    }
  }
`);

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

const Networks = graphql(`
  query Networks {
    networks { id name ldzs { code name } }
  }
`);

const RejectionReasons = graphql(`
  query RejectionReasons {
    rejectionReasons { code description }
  }
`);

type Answer =
  | { __typename: "Contact" }
  | { __typename: "InvalidInput"; reasons: { field?: string | null; message: string }[] }
  | { __typename: "InvalidTransition" | "NotPermitted" | "NotFound"; message: string }
  | undefined;

/** The server's answer as errors on this form's field (none when the move was made). */
function problems(answer: Answer, fieldId: string, fields: Record<string, string> = {}): FieldError[] {
  if (!answer) return [{ href: fieldId, message: "That did not work this time. Nothing is lost: try again in a moment." }];
  if (answer.__typename === "Contact") return [];
  if (answer.__typename === "InvalidInput") return answer.reasons.map((r) => ({ href: (r.field && fields[r.field]) || fieldId, message: r.message }));
  return [{ href: fieldId, message: answer.message }];
}

interface Props {
  crn: string;
  actions: readonly ContactAction[];
  network: string;
  ldz: string;
  allocationReason: string;
  onHandedBack: (message: string) => void;
  assigneeName: string | null;
  onChanged: () => void;
}

/** The CDSP's and the networks' moves, each offered only when the server lists it. */
export function WorkflowActions({ crn, actions, network, ldz, allocationReason, assigneeName, onChanged, onHandedBack }: Props) {
  const offered = (action: ContactAction) => actions.includes(action);
  if (!["PICK_UP", "ASSIGN", "ASK_SHIPPER", "ALLOCATE_TO_NETWORK", "BOOK_SITE_VISIT", "ACCEPT", "REJECT", "MOVE_TO_NETWORK", "HAND_BACK"].some((a) => offered(a as ContactAction))) return null;
  return (
    <section aria-labelledby="workflow-title" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="workflow-title">
        What you can do
      </h2>
      {offered("PICK_UP") && <PickUpButton crn={crn} onChanged={onChanged} />}
      {offered("ASSIGN") && <TakeIt crn={crn} assigneeName={assigneeName} onChanged={onChanged} />}
      {offered("ALLOCATE_TO_NETWORK") && <AllocateForm crn={crn} network={network} ldz={ldz} reason={allocationReason} onChanged={onChanged} />}
      {offered("MOVE_TO_NETWORK") && <MoveForm crn={crn} current={network} onChanged={onChanged} />}
      {offered("HAND_BACK") && <HandBackForm crn={crn} onHandedBack={onHandedBack} />}
      {offered("BOOK_SITE_VISIT") && <BookVisitForm crn={crn} onChanged={onChanged} />}
      {offered("ASK_SHIPPER") && <AskForm crn={crn} onChanged={onChanged} />}
      {offered("ACCEPT") && <AcceptForm crn={crn} onChanged={onChanged} />}
      {offered("REJECT") && <RejectForm crn={crn} onChanged={onChanged} />}
    </section>
  );
}

function PickUpButton({ crn, onChanged }: { crn: string; onChanged: () => void }) {
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

function TakeIt({ crn, assigneeName, onChanged }: { crn: string; assigneeName: string | null; onChanged: () => void }) {
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

function NoteForm({
  id,
  title,
  intro,
  label,
  required,
  button,
  send,
  confirm,
}: {
  id: string;
  title: string;
  intro?: string;
  label: string;
  required: string | null;
  button: string;
  send: (note: string) => Promise<FieldError[]>;
  confirm?: { title: string; body: string; yes: string };
}) {
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    const found = await send(note);
    setBusy(false);
    setAsking(false);
    setErrors(found);
    if (!found.length) setNote("");
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (required && !note.trim()) {
      setErrors([{ href: id, message: required }]);
      return;
    }
    setErrors([]);
    if (confirm) setAsking(true);
    else void go();
  };
  return (
    <form noValidate onSubmit={submit} className="govuk-!-margin-bottom-6">
      <ErrorSummary errors={errors} />
      <h3 className="govuk-heading-s">{title}</h3>
      {intro && <p className="govuk-body">{intro}</p>}
      <TextArea id={id} label={label} value={note} maxLength={1000} onChange={setNote} error={errors[0]?.message} />
      <button type="submit" className={`govuk-button${confirm ? " govuk-button--warning" : ""}`} disabled={busy}>
        {button}
      </button>
      {confirm && (
        <Confirm open={asking} title={confirm.title} confirmLabel={confirm.yes} busy={busy} onCancel={() => setAsking(false)} onConfirm={() => void go()}>
          <p className="govuk-body">{confirm.body}</p>
        </Confirm>
      )}
    </form>
  );
}

function AskForm({ crn, onChanged }: { crn: string; onChanged: () => void }) {
  const [, ask] = useMutation(AskShipper);
  return (
    <NoteForm
      id="question"
      title="Ask the Shipper a question"
      intro="The Shipper has 10 working days to answer; after that the contact lapses."
      label="Your question"
      required="Enter your question for the Shipper"
      button="Send the question"
      send={async (question) => {
        const found = problems((await ask({ crn, question })).data?.askShipper, "question");
        if (!found.length) onChanged();
        return found;
      }}
    />
  );
}

function AllocateForm({ crn, network, ldz, reason, onChanged }: { crn: string; network: string; ldz: string; reason: string; onChanged: () => void }) {
  const [, allocate] = useMutation(Allocate);
  return (
    <NoteForm
      id="allocate-note"
      title={`Allocate it to ${network}`}
      intro={reason || `The postcode is in local distribution zone ${ldz}, whose pipes ${network} owns.`}
      label="Note for the network (optional)"
      required={null}
      button={`Allocate to ${network}`}
      send={async (note) => {
        const found = problems((await allocate({ crn, note: note.trim() || null })).data?.allocateToNetwork, "allocate-note");
        if (!found.length) onChanged();
        return found;
      }}
    />
  );
}

function MoveForm({ crn, current, onChanged }: { crn: string; current: string; onChanged: () => void }) {
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
          const found = problems((await move({ crn, networkId, note })).data?.moveToNetwork, "move-note", { networkId: "move-network" });
          if (!found.length) onChanged();
          return found;
        }}
      />
    </div>
  );
}

function HandBackForm({ crn, onHandedBack }: { crn: string; onHandedBack: (message: string) => void }) {
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

function AcceptForm({ crn, onChanged }: { crn: string; onChanged: () => void }) {
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
      send={async (note) => {
        const found = problems((await accept({ crn, note: note.trim() || null })).data?.acceptContact, "accept-note");
        if (!found.length) onChanged();
        return found;
      }}
    />
  );
}

function RejectForm({ crn, onChanged }: { crn: string; onChanged: () => void }) {
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
          const found = problems((await reject({ crn, reasonCode: reason, note })).data?.rejectContact, "reject-note", { reasonCode: "reject-reason" });
          if (!found.length) onChanged();
          return found;
        }}
      />
    </div>
  );
}

/** GOV.UK's date input: day, month and year in three boxes, checked as a working day by the server. */
function BookVisitForm({ crn, onChanged }: { crn: string; onChanged: () => void }) {
  const [, book] = useMutation(BookVisit);
  const [day, setDay] = useState("");
  const [month, setMonth] = useState("");
  const [year, setYear] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const d = Number(day), m = Number(month), y = Number(year);
    const valid = /^\d{1,2}$/.test(day.trim()) && /^\d{1,2}$/.test(month.trim()) && /^\d{4}$/.test(year.trim());
    const date = new Date(Date.UTC(y, m - 1, d));
    if (!valid || date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) {
      setErrors([{ href: "visit-day", message: "Enter the planned visit as a real date, like 27 3 2027" }]);
      return;
    }
    const plannedFor = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    setBusy(true);
    const found = problems((await book({ crn, plannedFor, note: note.trim() || null })).data?.bookSiteVisit, "visit-day", { plannedFor: "visit-day" });
    setBusy(false);
    setErrors(found);
    if (!found.length) onChanged();
  };
  const error = errors.find((e) => e.href === "visit-day")?.message;
  return (
    <form noValidate onSubmit={submit} className="govuk-!-margin-bottom-6">
      <ErrorSummary errors={errors} />
      <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
        <fieldset className="govuk-fieldset" role="group" aria-describedby={`visit-hint${error ? " visit-error" : ""}`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
            <h3 className="govuk-fieldset__heading">Book a site visit</h3>
          </legend>
          <div id="visit-hint" className="govuk-hint">
            A working day within the next six months, for example, 27 3 2027
          </div>
          {error && <ErrorMessage id="visit-error">{error}</ErrorMessage>}
          <div className="govuk-date-input">
            {[
              { id: "visit-day", label: "Day", value: day, set: setDay, width: 2 },
              { id: "visit-month", label: "Month", value: month, set: setMonth, width: 2 },
              { id: "visit-year", label: "Year", value: year, set: setYear, width: 4 },
            ].map((part) => (
              <div className="govuk-date-input__item" key={part.id}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={part.id}>
                    {part.label}
                  </label>
                  <input
                    className={`govuk-input govuk-date-input__input govuk-input--width-${part.width}${error ? " govuk-input--error" : ""}`}
                    id={part.id}
                    name={part.id}
                    type="text"
                    inputMode="numeric"
                    value={part.value}
                    onChange={(event) => part.set(event.target.value)}
                  />
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextArea id="visit-note" label="Note (optional)" value={note} maxLength={1000} onChange={setNote} />
      <button type="submit" className="govuk-button" disabled={busy}>
        Book the visit
      </button>
    </form>
  );
}
