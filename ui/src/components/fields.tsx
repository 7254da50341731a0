import type { InputHTMLAttributes, ReactNode } from "react";

/** A field's error, read out before the field by screen readers ("Error: ..."). */
export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  );
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  width?: "full" | "20" | "10" | "5" | "4" | "3" | "2";
  labelClassName?: string;
}

/** A GOV.UK text input with its label, hint and error message wired up for assistive tech. */
export function TextField({ id, label, hint, error, width, labelClassName = "govuk-label", ...input }: TextFieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  const widthClass = width === "full" ? " govuk-!-width-full" : width ? ` govuk-input--width-${width}` : "";
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className={labelClassName} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      <input
        id={id}
        name={id}
        className={`govuk-input${widthClass}${error ? " govuk-input--error" : ""}`}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </div>
  );
}

export interface RadioChoice<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

/** GOV.UK radios in a fieldset; the first radio carries the group's id, for error links. */
export function Radios<T extends string>({
  id,
  legend,
  hint,
  error,
  choices,
  value,
  onChange,
  legendClassName = "govuk-fieldset__legend govuk-fieldset__legend--s",
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  choices: RadioChoice<T>[];
  value: T | null;
  onChange: (value: T) => void;
  legendClassName?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy || undefined}>
        <legend className={legendClassName}>{legend}</legend>
        {hint && (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        )}
        {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
        <div className="govuk-radios" data-module="govuk-radios">
          {choices.map((choice, index) => {
            const choiceId = index === 0 ? id : `${id}-${choice.value}`;
            return (
              <div className="govuk-radios__item" key={choice.value}>
                <input
                  className="govuk-radios__input"
                  id={choiceId}
                  name={id}
                  type="radio"
                  value={choice.value}
                  checked={value === choice.value}
                  onChange={() => onChange(choice.value)}
                  aria-describedby={choice.hint ? `${choiceId}-hint` : undefined}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={choiceId}>
                  {choice.label}
                </label>
                {choice.hint && (
                  <div id={`${choiceId}-hint`} className="govuk-hint govuk-radios__hint">
                    {choice.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A GOV.UK textarea with a character count announced politely, not on every keystroke. */
export function TextArea({
  id,
  label,
  hint,
  error,
  value,
  maxLength,
  onChange,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: string;
  maxLength: number;
  onChange: (value: string) => void;
}) {
  const left = maxLength - value.length;
  const describedBy = [hint ? `${id}-hint` : null, `${id}-count`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`govuk-form-group${error || left < 0 ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      <textarea
        id={id}
        name={id}
        className={`govuk-textarea${error || left < 0 ? " govuk-textarea--error" : ""}`}
        rows={5}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy}
      />
      <div id={`${id}-count`} className={`govuk-hint govuk-character-count__message${left < 0 ? " govuk-error-message" : ""}`}>
        {left >= 0 ? `You have ${left.toLocaleString("en-GB")} characters remaining` : `You have ${(-left).toLocaleString("en-GB")} characters too many`}
      </div>
    </div>
  );
}
