// The onboarding pages' rules, kept apart from React so they can be tested on their own.
import type { FieldError } from "../../components/ErrorSummary";
import type { OrganisationKind, Role } from "../../graphql/generated/graphql";

/** The zones no network owns yet: the only ones a new network may be given (a zone has one network). */
export function freeLdzs<Zone extends { code: string }>(all: readonly Zone[], networks: readonly { ldzs: readonly { code: string }[] }[]): Zone[] {
  const owned = new Set(networks.flatMap((network) => network.ldzs.map((ldz) => ldz.code)));
  return all.filter((ldz) => !owned.has(ldz.code));
}

const KIND_WORDS: Record<OrganisationKind, string> = {
  SHIPPER: "Shipper",
  NETWORK: "Gas network",
  CDSP: "CDSP",
  SUPPLIER: "Supplier",
};

export function kindWords(kind: OrganisationKind): string {
  return KIND_WORDS[kind];
}

const ROLE_WORDS: Record<Role, string> = {
  USER: "User",
  SUPERVISOR: "Supervisor",
  LSO: "Local Security Officer",
  ACCOUNT_ADMIN: "Account administrator",
};

export function roleWords(role: Role): string {
  return ROLE_WORDS[role];
}

/** Roles in words, always in the same order (the server's set has none). */
export function rolesInWords(roles: readonly Role[]): string {
  const order = Object.keys(ROLE_WORDS);
  return [...roles].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map(roleWords).join(", ");
}

/** The roles a person of this kind of organisation may be nominated for, in the order offered. */
export function rolesFor(kind: OrganisationKind | undefined): Role[] {
  return kind === "CDSP" ? ["USER", "SUPERVISOR", "LSO", "ACCOUNT_ADMIN"] : ["USER", "SUPERVISOR", "LSO"];
}

const MAX_NAME = 120;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
export const MAX_REASON = 500;

export interface NominationForm {
  name: string;
  email: string;
  mobile: string;
  roles: Role[];
  /** For a CDSP account administrator, who chooses it; null for an LSO (their own). */
  organisationId: string | null;
}

/** What is wrong with a nomination before it is sent, each linked to its field. */
export function nominationErrors(form: NominationForm, choosesOrganisation: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (choosesOrganisation && !form.organisationId) errors.push({ href: "organisation", message: "Choose the organisation the person works for" });
  const name = form.name.trim();
  if (!name) errors.push({ href: "name", message: "Enter the person's full name" });
  else if (name.length > MAX_NAME) errors.push({ href: "name", message: `The name must be ${MAX_NAME} characters or fewer` });
  const email = form.email.trim();
  if (!email) errors.push({ href: "email", message: "Enter the person's work email address" });
  else if (!EMAIL.test(email)) errors.push({ href: "email", message: "Enter an email address in the correct format, like name@example.com" });
  if (!form.roles.length) errors.push({ href: "roles", message: "Choose at least one role" });
  return errors;
}

export interface OrganisationForm {
  kind: OrganisationKind | null;
  name: string;
  shortCode: string;
  ldzs: string[];
}

/** What is wrong with a new organisation before it is sent. */
export function organisationErrors(form: OrganisationForm, free: readonly { code: string }[]): FieldError[] {
  const errors: FieldError[] = [];
  if (!form.kind) errors.push({ href: "kind", message: "Choose what kind of organisation it is" });
  const name = form.name.trim();
  if (!name) errors.push({ href: "org-name", message: "Enter the organisation's name" });
  else if (name.length > MAX_NAME) errors.push({ href: "org-name", message: `The name must be ${MAX_NAME} characters or fewer` });
  const code = form.shortCode.trim();
  if (!code) errors.push({ href: "short-code", message: "Enter a short code, such as AGS" });
  else if (!/^[A-Za-z0-9]{2,16}$/.test(code)) errors.push({ href: "short-code", message: "The short code must be 2 to 16 letters or digits, with no spaces or symbols, such as AGS" });
  if (form.kind === "NETWORK" && !form.ldzs.length) {
    errors.push({
      href: "ldzs",
      message: free.length
        ? "Choose at least one LDZ the network owns"
        : "Every LDZ belongs to a network already, so a new network cannot be set up: a zone has one network",
    });
  }
  return errors;
}

/** What is wrong with a new password and its confirmation before they are sent. */
export function passwordErrors(password: string, confirm: string): FieldError[] {
  if (!password) return [{ href: "password", message: "Enter a password" }];
  if (!confirm) return [{ href: "confirm", message: "Enter the password again to confirm it" }];
  if (password !== confirm) return [{ href: "confirm", message: "The passwords do not match: enter the same password in both fields" }];
  return [];
}

export interface Rejection {
  field?: string | null;
  message: string;
}

/** The server's refusals as errors on this form's fields: `fields` maps the input's field names to ids. */
export function rejectionErrors(reasons: readonly Rejection[], fields: Record<string, string>, fallback: string): FieldError[] {
  return reasons.map((reason) => ({ href: (reason.field && fields[reason.field]) || fallback, message: reason.message }));
}

/** A typed short code as the server keeps it: upper case, no spaces round it. */
export function normaliseShortCode(value: string): string {
  return value.trim().toUpperCase();
}
