import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { PageHeading } from "../../components/PageHeading";
import { Loading } from "../../components/Loading";
import { graphql } from "../../graphql/generated";
import type { ContactOrder, ContactStatus } from "../../graphql/generated/graphql";
import { statusTagClass, statusWords, ukDateTime, ukDayOf } from "../../format";
import { useSession } from "../../session/SessionContext";
import { usePageTitle } from "../../session/title";
import { SomethingWentWrong } from "../errors/SomethingWentWrong";

export const ContactsListQuery = graphql(`
  query ContactsList($filter: ContactFilter, $orderBy: ContactOrder, $first: Int, $after: String) {
    contacts(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          crn
          status
          raisedAt
          dueBy
          overdue
          address { lines postcode }
          raisedBy { name }
        }
      }
    }
  }
`);

const STATUSES: ContactStatus[] = [
  "LOGGED", "WITH_CDSP", "AWAITING_SHIPPER", "WITH_NETWORK", "SITE_VISIT_BOOKED",
  "NETWORK_ACCEPTED", "MPRN_CREATED", "REJECTED", "WITHDRAWN", "LAPSED",
];
const ORDERS: { value: ContactOrder; label: string }[] = [
  { value: "NEWEST", label: "Newest first" },
  { value: "OLDEST", label: "Oldest first" },
  { value: "DUE_SOONEST", label: "Due soonest" },
];
const PAGE = 25;

/** A date typed in a filter: the browser's date picker gives YYYY-MM-DD, or nothing. */
function isoDate(value: string | null): string | null {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

/** My organisation's contacts (or every visible one), with filters, sorting and paging. */
export function ContactsListPage() {
  const { viewer } = useSession();
  const shipper = viewer.organisation.kind === "SHIPPER";
  const title = shipper ? "My organisation's contacts" : "Contacts";
  usePageTitle(title);
  const [params, setParams] = useSearchParams();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const status = params.getAll("status") as ContactStatus[];
  const text = params.get("text") ?? "";
  const from = isoDate(params.get("from"));
  const to = isoDate(params.get("to"));
  const orderBy = (params.get("order") as ContactOrder | null) ?? "NEWEST";
  const after = cursors[cursors.length - 1] ?? null;
  const filter = {
    status: status.length ? status : null,
    text: text.trim() || null,
    raisedFrom: from,
    raisedTo: to,
  };
  const [{ data, fetching, error }, refetch] = useQuery({ query: ContactsListQuery, variables: { filter, orderBy, first: PAGE, after } });
  const filtered = status.length > 0 || text.trim() !== "" || from !== null || to !== null;

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const value of form.getAll("status")) next.append("status", String(value));
    for (const key of ["text", "from", "to", "order"]) {
      const value = String(form.get(key) ?? "").trim();
      if (value) next.set(key, value);
    }
    setCursors([null]);
    setParams(next);
  };

  const connection = data?.contacts;
  const first = (cursors.length - 1) * PAGE + 1;
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <form onSubmit={apply} className="cms-filters" aria-label="Filter contacts">
            <h2 className="govuk-heading-m">Filter</h2>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="text">
                Reference or address
              </label>
              <div id="text-hint" className="govuk-hint">
                Like MNC-2026-000123, LS6 2AB or 12 Oak Road
              </div>
              <input className="govuk-input" id="text" name="text" type="search" defaultValue={text} aria-describedby="text-hint" spellCheck={false} />
            </div>
            <div className="govuk-form-group">
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Status</legend>
                <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                  {STATUSES.map((value) => (
                    <div className="govuk-checkboxes__item" key={value}>
                      <input className="govuk-checkboxes__input" id={`status-${value}`} name="status" type="checkbox" value={value} defaultChecked={status.includes(value)} />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={`status-${value}`}>
                        {statusWords(value)}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
            <div className="govuk-form-group">
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Raised between</legend>
                <label className="govuk-label" htmlFor="from">
                  From
                </label>
                <input className="govuk-input govuk-input--width-10" id="from" name="from" type="date" defaultValue={from ?? ""} />
                <label className="govuk-label govuk-!-margin-top-2" htmlFor="to">
                  To
                </label>
                <input className="govuk-input govuk-input--width-10" id="to" name="to" type="date" defaultValue={to ?? ""} />
              </fieldset>
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="order">
                Sort by
              </label>
              <select className="govuk-select" id="order" name="order" defaultValue={orderBy}>
                {ORDERS.map((order) => (
                  <option key={order.value} value={order.value}>
                    {order.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="govuk-button govuk-button--secondary">
              Apply filters
            </button>
            {filtered && (
              <p className="govuk-body">
                <Link to="/contacts" className="govuk-link" onClick={() => setCursors([null])}>
                  Clear filters
                </Link>
              </p>
            )}
          </form>
        </div>
        <div className="govuk-grid-column-two-thirds">
          {error && !data ? (
            <SomethingWentWrong onRetry={() => refetch({ requestPolicy: "network-only" })} />
          ) : fetching && !data ? (
            <Loading />
          ) : connection && connection.totalCount === 0 ? (
            <div role="status">
              <h2 className="govuk-heading-m">{filtered ? "No contacts match these filters" : "No contacts yet"}</h2>
              <p className="govuk-body">
                {filtered ? (
                  <>Try fewer filters, or <Link to="/contacts" className="govuk-link">clear them</Link>.</>
                ) : shipper ? (
                  <>When your organisation raises a contact, it appears here. <Link to="/raise" className="govuk-link">Raise a Meter Number Creation contact</Link>.</>
                ) : (
                  "Contacts appear here once you may see them."
                )}
              </p>
            </div>
          ) : connection ? (
            <>
              <p className="govuk-body" role="status">
                Showing {first} to {first + connection.edges.length - 1} of {connection.totalCount} {connection.totalCount === 1 ? "contact" : "contacts"}
              </p>
              <ul className="govuk-list cms-contact-list">
                {connection.edges.map(({ node }) => (
                  <li key={node.crn} className="cms-contact-list__item">
                    <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                      <Link to={`/contacts/${node.crn}`} className="govuk-link">
                        {node.crn}
                      </Link>
                    </h3>
                    <p className="govuk-body govuk-!-margin-bottom-1">
                      <strong className={statusTagClass(node.status)}>{statusWords(node.status)}</strong>
                      {node.overdue && <strong className="govuk-tag govuk-tag--red govuk-!-margin-left-2">Overdue</strong>}
                    </p>
                    <p className="govuk-body govuk-!-margin-bottom-1">{[...node.address.lines, node.address.postcode].join(", ")}</p>
                    <p className="govuk-body-s govuk-!-margin-bottom-0">
                      Raised {ukDateTime(node.raisedAt)} by {node.raisedBy.name}
                      {node.dueBy && <> · due {ukDayOf(node.dueBy)}</>}
                    </p>
                  </li>
                ))}
              </ul>
              <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of contacts">
                {cursors.length > 1 && (
                  <div className="govuk-pagination__prev">
                    <button type="button" className="cms-link-button" onClick={() => setCursors((current) => current.slice(0, -1))}>
                      Previous page
                    </button>
                  </div>
                )}
                {connection.pageInfo.hasNextPage && (
                  <div className="govuk-pagination__next">
                    <button type="button" className="cms-link-button" onClick={() => setCursors((current) => [...current, connection.pageInfo.endCursor])}>
                      Next page
                    </button>
                  </div>
                )}
              </nav>
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}
