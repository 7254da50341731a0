import { PageHeading } from "../../components/PageHeading";

/** Placeholder: being built. */
export function UserPage() {
  return <PageHeading>UserPage</PageHeading>;
}
