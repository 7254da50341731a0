import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { ErrorSummary, type FieldError } from "../../../components/ErrorSummary";
import { ErrorMessage, TextArea } from "../../../components/fields";
import { graphql } from "../../../graphql/generated";
import { problems } from "./problems";

const BookVisit = graphql(`
  mutation BookSiteVisit($crn: String!, $plannedFor: Date!, $note: String) {
    bookSiteVisit(crn: $crn, plannedFor: $plannedFor, note: $note) {
      ...ActionOutcome
    }
  }
`);

/** GOV.UK's date input: day, month and year in three boxes, checked as a working day by the server. */
export function BookVisitForm({ crn, onChanged }: { crn: string; onChanged: () => void }) {
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
