import { useId, useState, type FormEvent, type ReactNode } from "react";
import { useMutation } from "urql";
import { Dialog } from "../../components/Dialog";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { TextArea } from "../../components/fields";
import { graphql } from "../../graphql/generated";
import type { ContactAction } from "../../graphql/generated/graphql";

const AnswerQuestion = graphql(`
  mutation AnswerQuestion($crn: String!, $answer: String!) {
    answerQuestion(crn: $crn, answer: $answer) {
      ...ActionOutcome
    }
  }
`);

const WithdrawContact = graphql(`
  mutation WithdrawContact($crn: String!, $note: String!) {
    withdrawContact(crn: $crn, note: $note) {
      ...ActionOutcome
    }
  }
`);

type Outcome =
  | { __typename: "Contact" }
  | { __typename: "InvalidInput"; reasons: { field?: string | null; message: string }[] }
  | { __typename: "InvalidTransition" | "NotPermitted" | "NotFound"; message: string };

/** What went wrong, as field errors of the form whose field is `fieldId`. */
function problemsOf(outcome: Outcome | undefined, fieldId: string): FieldError[] {
  if (!outcome) return [{ href: fieldId, message: "That did not work this time. Nothing is lost: try again in a moment." }];
  if (outcome.__typename === "Contact") return [];
  if (outcome.__typename === "InvalidInput") return outcome.reasons.map((reason) => ({ href: fieldId, message: reason.message }));
  return [{ href: fieldId, message: outcome.message }];
}

/** The moves the viewer may make now: the server says which, the page only offers them. */
export function ContactActions({ crn, actions, openQuestion, onChanged }: { crn: string; actions: readonly ContactAction[]; openQuestion: string | null; onChanged: () => void }) {
  if (!actions.includes("ANSWER_QUESTION") && !actions.includes("WITHDRAW")) return null;
  return (
    <section aria-labelledby="actions-title" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="actions-title">
        What you can do
      </h2>
      {actions.includes("ANSWER_QUESTION") && <AnswerForm crn={crn} question={openQuestion} onChanged={onChanged} />}
      {actions.includes("WITHDRAW") && <WithdrawForm crn={crn} onChanged={onChanged} />}
    </section>
  );
}

function AnswerForm({ crn, question, onChanged }: { crn: string; question: string | null; onChanged: () => void }) {
  const [answer, setAnswer] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching }, send] = useMutation(AnswerQuestion);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!answer.trim()) {
      setErrors([{ href: "answer", message: "Enter your answer to the question" }]);
      return;
    }
    const result = await send({ crn, answer });
    const problems = problemsOf(result.data?.answerQuestion, "answer");
    setErrors(problems);
    if (!problems.length) {
      setAnswer("");
      onChanged();
    }
  };
  return (
    <form noValidate onSubmit={submit} className="govuk-!-margin-bottom-6">
      <ErrorSummary errors={errors} />
      <h3 className="govuk-heading-s">Answer the question</h3>
      {question && (
        <div className="govuk-inset-text">
          <span className="govuk-visually-hidden">The question: </span>
          {question}
        </div>
      )}
      <TextArea id="answer" label="Your answer" value={answer} maxLength={1000} onChange={setAnswer} error={errors[0]?.message} />
      <button type="submit" className="govuk-button" disabled={fetching}>
        Send the answer
      </button>
    </form>
  );
}

function WithdrawForm({ crn, onChanged }: { crn: string; onChanged: () => void }) {
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching }, withdraw] = useMutation(WithdrawContact);
  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) {
      setErrors([{ href: "withdraw-note", message: "Enter why you are withdrawing the contact" }]);
      return;
    }
    setErrors([]);
    setConfirming(true);
  };
  const confirm = async () => {
    const result = await withdraw({ crn, note });
    setConfirming(false);
    const problems = problemsOf(result.data?.withdrawContact, "withdraw-note");
    setErrors(problems);
    if (!problems.length) onChanged();
  };
  return (
    <form noValidate onSubmit={ask}>
      <ErrorSummary errors={errors} />
      <h3 className="govuk-heading-s">Withdraw the contact</h3>
      <p className="govuk-body">Withdraw it if the site no longer needs a meter point. This cannot be undone.</p>
      <TextArea id="withdraw-note" label="Why are you withdrawing it?" value={note} maxLength={1000} onChange={setNote} error={errors[0]?.message} />
      <button type="submit" className="govuk-button govuk-button--warning">
        Withdraw the contact
      </button>
      <Confirm open={confirming} title={`Withdraw ${crn}?`} onCancel={() => setConfirming(false)} onConfirm={confirm} busy={fetching} confirmLabel="Yes, withdraw it">
        <p className="govuk-body">The CDSP and the network stop work on it, and it cannot be opened again.</p>
      </Confirm>
    </form>
  );
}

/** A final step asks first: a modal dialog with the consequence, Yes and Cancel. */
export function Confirm({
  open,
  title,
  children,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  // Several confirmations may share a page: each needs its own id for its name.
  const titleId = `confirm-${useId()}`;
  return (
    <Dialog open={open} labelledBy={titleId} onClose={onCancel}>
      <h2 className="govuk-heading-m" id={titleId} tabIndex={-1}>
        {title}
      </h2>
      {children}
      <div className="cms-dialog__actions">
        <button type="button" className="govuk-button govuk-button--warning" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
