import { useEffect } from "react";

export const SERVICE_NAME = "Contact Management Service";

/** Every page has its own title: the page's name, then the service's. */
export function usePageTitle(title: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? "Error: " : ""}${title} – ${SERVICE_NAME}`;
  }, [title, hasErrors]);
}
