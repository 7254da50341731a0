import { PageHeading } from "../../components/PageHeading";

/** Placeholder: being built. */
export function OrganisationsPage() {
  return <PageHeading>OrganisationsPage</PageHeading>;
}
