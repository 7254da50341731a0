// How account administration writes accounts for people: words, never codes or colour alone.

import { ukDateTime } from "../../format";
import type { AccountStatus, MfaChannel, Role } from "../../graphql/generated/graphql";

/** The longest search the API accepts (`users(search:)`). */
export const MAX_SEARCH = 100;
/** The longest reason the API accepts for disabling, enabling or resetting. */
export const MAX_REASON = 500;
/** Days without activity after which the nightly job disables an account. */
export const INACTIVITY_LIMIT_DAYS = 90;

export const ACCOUNT_STATUSES: { value: AccountStatus; label: string }[] = [
  { value: "ACTIVE", label: "Active" },
  { value: "INVITED", label: "Invited" },
  { value: "DISABLED", label: "Disabled" },
];

const STATUS_WORDS: Record<AccountStatus, string> = { ACTIVE: "Active", INVITED: "Invited", DISABLED: "Disabled" };
const STATUS_COLOURS: Record<AccountStatus, string> = {
  ACTIVE: "govuk-tag--green",
  INVITED: "govuk-tag--blue",
  DISABLED: "govuk-tag--grey",
};

export function accountStatusWords(status: AccountStatus): string {
  return STATUS_WORDS[status];
}

/** The colour only repeats the words: the tag always says the status. */
export function accountStatusTagClass(status: AccountStatus): string {
  return `govuk-tag ${STATUS_COLOURS[status]}`;
}

/** A status from the address bar: one the API knows, or none (all statuses). */
export function parseStatus(value: string | null): AccountStatus | null {
  return ACCOUNT_STATUSES.some((s) => s.value === value) ? (value as AccountStatus) : null;
}

const ROLE_WORDS: Record<Role, string> = {
  USER: "User",
  SUPERVISOR: "Supervisor",
  LSO: "Local Security Officer",
  ACCOUNT_ADMIN: "Account administrator",
};

export function roleWords(roles: readonly Role[]): string {
  return roles.length ? roles.map((role) => ROLE_WORDS[role]).join(", ") : "Not shown";
}

const FACTOR_WORDS: Record<MfaChannel, string> = {
  EMAIL: "Codes by email",
  SMS: "Codes by text message",
  TOTP: "An authenticator app",
};

export function factorWords(channel: MfaChannel | null, status: AccountStatus): string {
  if (channel) return FACTOR_WORDS[channel];
  return status === "INVITED" ? "Not set up yet: they choose one at their first sign-in" : "Not set up: they choose one at their next sign-in";
}

export function lastSignInWords(iso: string | null): string {
  return iso ? ukDateTime(iso) : "Never";
}

/** Days since the account was last active, in words; an invited account has not started. */
export function daysInactiveWords(days: number | null, status: AccountStatus): string {
  if (days === null) return status === "INVITED" ? "Not yet active" : "Not known";
  if (days === 0) return "Less than a day";
  return days === 1 ? "1 day" : `${days.toLocaleString("en-GB")} days`;
}

/**
 * A warning for an active account the nightly job will soon disable (within 10 days), or
 * null. It is written out, so it never rests on colour.
 */
export function inactivityWarning(days: number | null, status: AccountStatus): string | null {
  if (status !== "ACTIVE" || days === null) return null;
  const left = INACTIVITY_LIMIT_DAYS - days;
  if (left > 10) return null;
  if (left <= 0) return "It will be disabled for inactivity tonight";
  return left === 1 ? "It will be disabled for inactivity in 1 day" : `It will be disabled for inactivity in ${left} days`;
}

/** What is wrong with a search, saying how to fix it; null when it is fine. */
export function searchProblem(search: string): string | null {
  if (search.trim().length > MAX_SEARCH) {
    return `Search must be ${MAX_SEARCH} characters or fewer; you have ${search.trim().length}. Search for fewer words.`;
  }
  return null;
}

/** What is wrong with a reason, or null. `what` completes "Enter why you are ...". */
export function reasonProblem(reason: string, required: boolean, what: string): string | null {
  const text = reason.trim();
  if (required && !text) return `Enter why you are ${what}`;
  if (text.length > MAX_REASON) return `The reason must be ${MAX_REASON} characters or fewer; you have ${text.length}`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return "The reason must be plain text: remove any special characters";
  return null;
}

/** The security audit log's events (src/cms/core/accounts/audit.py), in words. */
export const AUDIT_EVENTS: { value: string; label: string }[] = [
  { value: "SIGN_IN_SUCCEEDED", label: "Signed in" },
  { value: "SIGN_IN_FAILED", label: "Sign-in failed" },
  { value: "SIGN_IN_THROTTLED", label: "Sign-in slowed after failures" },
  { value: "ACCOUNT_LOCKED", label: "Account locked (no longer used)" },
  { value: "MFA_CODE_SENT", label: "Security code sent" },
  { value: "MFA_ENROLLED", label: "Second factor set up" },
  { value: "MFA_FAILED", label: "Security code wrong" },
  { value: "MFA_CHALLENGE_VOIDED", label: "Sign-in voided after wrong codes" },
  { value: "MFA_RESET", label: "Second factor reset" },
  { value: "NOMINATED", label: "Nominated" },
  { value: "NOMINATION_APPROVED", label: "Nomination approved" },
  { value: "NOMINATION_REJECTED", label: "Nomination rejected" },
  { value: "INVITATION_SENT", label: "Invitation sent" },
  { value: "INVITATION_ACCEPTED", label: "Invitation accepted" },
  { value: "PASSWORD_CHANGED", label: "Password changed" },
  { value: "PASSWORD_CHANGE_FAILED", label: "Password change failed" },
  { value: "USER_DISABLED", label: "Account disabled" },
  { value: "USER_ENABLED", label: "Account enabled" },
  { value: "INACTIVITY_WARNING_SENT", label: "Inactivity warning sent" },
  { value: "SESSION_REVOKED", label: "Signed out or session ended" },
  { value: "DEVICE_TRUSTED", label: "Device remembered" },
  { value: "ORGANISATION_CREATED", label: "Organisation set up" },
];

export function auditEventWords(event: string): string {
  return AUDIT_EVENTS.find((e) => e.value === event)?.label ?? event;
}

/** An event from the address bar: one the log knows, or none. */
export function parseAuditEvent(value: string | null): string | null {
  return AUDIT_EVENTS.some((e) => e.value === value) ? value : null;
}

/** An audit entry's details (a JSON object) as labelled pairs, in the order given. */
export function auditDetails(json: string): { key: string; value: string }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return json.trim() ? [{ key: "Details", value: json }] : [];
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return [];
  return Object.entries(parsed as Record<string, unknown>).map(([key, value]) => {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    const factor = key === "channel" && text in FACTOR_WORDS ? FACTOR_WORDS[text as MfaChannel] : null;
    return { key: key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, " "), value: factor ?? text };
  });
}
