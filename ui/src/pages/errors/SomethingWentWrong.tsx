import { PageHeading } from "../../components/PageHeading";
import { usePageTitle } from "../../session/title";

export function SomethingWentWrong({ onRetry }: { onRetry: () => void }) {
  usePageTitle("Sorry, there is a problem with the service");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading>Sorry, there is a problem with the service</PageHeading>
        <p className="govuk-body">Nothing you entered has been lost. Try again in a moment.</p>
        <button type="button" className="govuk-button" onClick={onRetry}>
          Try again
        </button>
      </div>
    </div>
  );
}
