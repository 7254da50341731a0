import { useEffect, useRef, type ReactNode } from "react";

/**
 * GOV.UK's success notification banner: announced (role alert) and focused when it appears or
 * changes, so a keyboard or screen reader user hears the outcome and continues from there.
 */
export function SuccessBanner({ heading, children, id = "outcome" }: { heading: string; children?: ReactNode; id?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [heading]);
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby={`${id}-title`} tabIndex={-1} ref={ref} id={id}>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={`${id}-title`}>
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}
