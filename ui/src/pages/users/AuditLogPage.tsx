import { PageHeading } from "../../components/PageHeading";

/** Placeholder: being built. */
export function AuditLogPage() {
  return <PageHeading>AuditLogPage</PageHeading>;
}
