import { PageHeading } from "../../components/PageHeading";

/** Placeholder: being built. */
export function NominationsPage() {
  return <PageHeading>NominationsPage</PageHeading>;
}
