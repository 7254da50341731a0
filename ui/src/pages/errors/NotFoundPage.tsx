import { Link } from "react-router";
import { PageHeading } from "../../components/PageHeading";
import { usePageTitle } from "../../session/title";

/** Also what a contact the viewer may not see looks like: nothing says it exists. */
export function NotFoundPage({ what = "Page" }: { what?: string }) {
  usePageTitle(`${what} not found`);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading>{what} not found</PageHeading>
        <p className="govuk-body">If you typed the web address or a reference, check it is correct.</p>
        <p className="govuk-body">
          <Link to="/" className="govuk-link">
            Go to the home page
          </Link>
        </p>
      </div>
    </div>
  );
}
