import { useEffect, useRef } from "react";

export interface FieldError {
  /** The id of the input to move to; the summary links there. */
  href: string;
  message: string;
}

/** GOV.UK's error summary: focused when it appears, each error linked to its field. */
export function ErrorSummary({ errors, title = "There is a problem" }: { errors: FieldError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((error) => error.href + error.message).join("|");
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [key, errors.length]);
  if (!errors.length) return null;
  return (
    <div className="govuk-error-summary" tabIndex={-1} ref={ref} role="alert" data-module="govuk-error-summary">
      <h2 className="govuk-error-summary__title">{title}</h2>
      <div className="govuk-error-summary__body">
        <ul className="govuk-list govuk-error-summary__list">
          {errors.map((error) => (
            <li key={error.href + error.message}>
              <a
                href={`#${error.href}`}
                onClick={(event) => {
                  event.preventDefault();
                  const field = document.getElementById(error.href);
                  field?.scrollIntoView({ block: "center" });
                  field?.focus();
                }}
              >
                {error.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
