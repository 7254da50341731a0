import type { FieldError } from "../../../components/ErrorSummary";

// What a move's ActionOutcome can be, as the forms read it.
export type Answer =
  | { __typename: "Contact" }
  | { __typename: "InvalidInput"; reasons: { field?: string | null; message: string }[] }
  | { __typename: "InvalidTransition" | "NotPermitted" | "NotFound"; message: string }
  | undefined;

/** The server's answer as errors on this form's field (none when the move was made). */
export function problems(answer: Answer, fieldId: string, fields: Record<string, string> = {}): FieldError[] {
  if (!answer) return [{ href: fieldId, message: "That did not work this time. Nothing is lost: try again in a moment." }];
  if (answer.__typename === "Contact") return [];
  if (answer.__typename === "InvalidInput") return answer.reasons.map((r) => ({ href: (r.field && fields[r.field]) || fieldId, message: r.message }));
  return [{ href: fieldId, message: answer.message }];
}

/** Tells the page the contact changed when the move was made, and gives the form its errors either way. */
export function settle(found: FieldError[], onChanged: () => void): FieldError[] {
  if (!found.length) onChanged();
  return found;
}
