import type { InputHTMLAttributes, ReactNode } from "react";

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
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
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
