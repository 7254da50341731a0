import { Link } from "react-router";
import { PageHeading } from "../../components/PageHeading";
import { useSession } from "../../session/SessionContext";
import { usePageTitle } from "../../session/title";

export function HomePage() {
  const { viewer } = useSession();
  usePageTitle("Home");
  return (
    <>
      <PageHeading caption={viewer.organisation.name}>Welcome, {viewer.name}</PageHeading>
      {viewer.organisation.kind === "SHIPPER" && (
        <Link to="/raise" className="govuk-button govuk-button--start" role="button" draggable={false}>
          Raise a Meter Number Creation contact
        </Link>
      )}
      <p className="govuk-body">
        Find a contact by its reference with the search box at the top of every page.
      </p>
    </>
  );
}
