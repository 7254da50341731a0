import { PageHeading } from "../../components/PageHeading";

/** Placeholder: being built. */
export function InvitationPage() {
  return <PageHeading>InvitationPage</PageHeading>;
}
