import { PageHeading } from "../../components/PageHeading";

/** Placeholder: being built. */
export function UsersPage() {
  return <PageHeading>UsersPage</PageHeading>;
}
