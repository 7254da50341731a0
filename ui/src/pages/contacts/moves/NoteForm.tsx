import { useState, type FormEvent } from "react";
import { ErrorSummary, type FieldError } from "../../../components/ErrorSummary";
import { TextArea } from "../../../components/fields";
import { Confirm } from "../ContactActions";

/** A note and a button, confirmed first when `confirm` is given; `send` makes the move and answers its errors. */
export function NoteForm({
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
