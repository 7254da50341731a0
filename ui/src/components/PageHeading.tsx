import { useEffect, useRef, type ReactNode } from "react";

/**
 * The page's one h1. It takes focus when the page opens, so a screen reader announces the new
 * page after a client-side navigation, as it would after a full page load.
 */
export function PageHeading({ children, caption }: { children: ReactNode; caption?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 className="govuk-heading-l" tabIndex={-1} ref={ref}>
      {caption && <span className="govuk-caption-l">{caption}</span>}
      {children}
    </h1>
  );
}
