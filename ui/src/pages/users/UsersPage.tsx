import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { ErrorSummary } from "../../components/ErrorSummary";
import { ErrorMessage } from "../../components/fields";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { useSession } from "../../session/SessionContext";
import { usePageTitle } from "../../session/title";
import { SomethingWentWrong } from "../errors/SomethingWentWrong";
import { UsersQuery } from "./operations";
import {
  ACCOUNT_STATUSES,
  accountStatusTagClass,
  accountStatusWords,
  daysInactiveWords,
  inactivityWarning,
  lastSignInWords,
  parseStatus,
  searchProblem,
} from "./words";

/** The accounts an LSO (their organisation's) or a CDSP account administrator (all) looks after. */
export function UsersPage() {
  const { viewer } = useSession();
  const everyone = viewer.roles.includes("ACCOUNT_ADMIN");
  const [params, setParams] = useSearchParams();
  const search = params.get("search") ?? "";
  const status = parseStatus(params.get("status"));
  // What the user is typing; the address bar holds what was searched for.
  const [typed, setTyped] = useState(search);
  const [typedFor, setTypedFor] = useState(search);
  if (typedFor !== search) {
    setTypedFor(search);
    setTyped(search);
  }
  const [submitted, setSubmitted] = useState<string | null>(null);
  const problem = submitted !== null ? searchProblem(submitted) : searchProblem(search);
  usePageTitle("Users", problem !== null);

  const [{ data, fetching, error }, refetch] = useQuery({
    query: UsersQuery,
    variables: { search: search.trim() || null, status },
    pause: searchProblem(search) !== null,
    requestPolicy: "cache-and-network",
  });

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const words = String(form.get("search") ?? "").trim();
    const chosen = parseStatus(String(form.get("status") ?? ""));
    if (searchProblem(words)) {
      setSubmitted(words);
      return;
    }
    setSubmitted(null);
    const next = new URLSearchParams();
    if (words) next.set("search", words);
    if (chosen) next.set("status", chosen);
    setParams(next);
  };

  const filtered = search.trim() !== "" || status !== null;
  const users = data?.users;
  const statusLabel = ACCOUNT_STATUSES.find((s) => s.value === status)?.label.toLowerCase();
  return (
    <>
      <ErrorSummary errors={problem ? [{ href: "search", message: problem }] : []} />
      <PageHeading caption={everyone ? "Every organisation" : viewer.organisation.name}>Users</PageHeading>
      <form noValidate onSubmit={apply} role="search" aria-label="Users" className="govuk-!-margin-bottom-6">
        <div className={`govuk-form-group${problem ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="search">
            Name or email address
          </label>
          <div id="search-hint" className="govuk-hint">
            Any words of the name or email address, like “Appleby” or “cara@”
          </div>
          {problem && <ErrorMessage id="search-error">{problem}</ErrorMessage>}
          <input
            className={`govuk-input govuk-!-width-two-thirds${problem ? " govuk-input--error" : ""}`}
            id="search"
            name="search"
            type="search"
            spellCheck={false}
            autoComplete="off"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            aria-describedby={`search-hint${problem ? " search-error" : ""}`}
            aria-invalid={problem ? true : undefined}
          />
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="status">
            Status
          </label>
          <select className="govuk-select" id="status" name="status" defaultValue={status ?? ""} key={status ?? ""}>
            <option value="">All</option>
            {ACCOUNT_STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Search
          </button>
          {filtered && (
            <Link to="/users" className="govuk-link" onClick={() => setSubmitted(null)}>
              Show all users
            </Link>
          )}
        </div>
      </form>

      {searchProblem(search) !== null ? null : error && !data ? (
        <SomethingWentWrong onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : fetching && !data ? (
        <Loading />
      ) : users && users.length === 0 ? (
        <div role="status">
          <h2 className="govuk-heading-m">{filtered ? "No users match" : "No users yet"}</h2>
          <p className="govuk-body">
            {filtered ? (
              <>
                Nobody{statusLabel ? ` ${statusLabel}` : ""}
                {search.trim() ? <> has “{search.trim()}” in their name or email address</> : " was found"}. Check the spelling, search
                for fewer words, or <Link to="/users" className="govuk-link">show all users</Link>.
              </>
            ) : (
              <>
                Nobody has an account yet. To give someone one, <Link to="/nominations" className="govuk-link">nominate them</Link>.
              </>
            )}
          </p>
        </div>
      ) : users ? (
        <>
          <p className="govuk-body" role="status">
            {users.length === 1 ? "1 user" : `${users.length} users`}
            {filtered ? " found" : ""}
          </p>
          <table className="govuk-table cms-stacked-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Users</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Name</th>
                <th scope="col" className="govuk-table__header">Email address</th>
                {everyone && <th scope="col" className="govuk-table__header">Organisation</th>}
                <th scope="col" className="govuk-table__header">Status</th>
                <th scope="col" className="govuk-table__header">Last sign-in</th>
                <th scope="col" className="govuk-table__header">Days inactive</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {users.map((user) => {
                const warning = inactivityWarning(user.daysInactive, user.status);
                return (
                  <tr className="govuk-table__row" key={user.id}>
                    <td className="govuk-table__cell" data-label="Name">
                      <Link to={`/users/${encodeURIComponent(user.id)}`} className="govuk-link">
                        {user.name}
                      </Link>
                      {user.id === viewer.id && " (you)"}
                    </td>
                    <td className="govuk-table__cell" data-label="Email address">
                      {user.email}
                    </td>
                    {everyone && (
                      <td className="govuk-table__cell" data-label="Organisation">
                        {user.organisation.name}
                      </td>
                    )}
                    <td className="govuk-table__cell" data-label="Status">
                      <strong className={accountStatusTagClass(user.status)}>{accountStatusWords(user.status)}</strong>
                    </td>
                    <td className="govuk-table__cell" data-label="Last sign-in">
                      {lastSignInWords(user.lastSignInAt)}
                    </td>
                    <td className="govuk-table__cell" data-label="Days inactive">
                      {daysInactiveWords(user.daysInactive, user.status)}
                      {warning && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{warning}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
