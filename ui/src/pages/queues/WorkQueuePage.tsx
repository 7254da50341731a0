import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import { useQuery, useSubscription } from "urql";
import { PageHeading } from "../../components/PageHeading";
import { Loading } from "../../components/Loading";
import { graphql } from "../../graphql/generated";
import type { QueueScope } from "../../graphql/generated/graphql";
import { onLiveResync } from "../../graphql/client";
import { statusTagClass, statusWords, ukDayOf } from "../../format";
import { usePageTitle } from "../../session/title";
import { SomethingWentWrong } from "../errors/SomethingWentWrong";

export const WorkQueueQuery = graphql(`
  query WorkQueue($scope: QueueScope!, $first: Int, $after: String) {
    queue: workQueue(scope: $scope, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          crn
          status
          dueBy
          overdue
          address { lines postcode }
          raisedBy { name organisation { name } }
          assignee { name }
        }
      }
    }
    mine: workQueue(scope: MINE, first: 1) { totalCount }
    organisation: workQueue(scope: ORGANISATION, first: 1) { totalCount }
    unassigned: workQueue(scope: UNASSIGNED, first: 1) { totalCount }
  }
`);

const QueueChanged = graphql(`
  subscription QueueChanged {
    contactStatusChanged { crn toStatus at }
  }
`);

const TABS: { scope: QueueScope; label: string; key: "mine" | "organisation" | "unassigned" }[] = [
  { scope: "MINE", label: "Mine", key: "mine" },
  { scope: "ORGANISATION", label: "My organisation", key: "organisation" },
  { scope: "UNASSIGNED", label: "Unassigned", key: "unassigned" },
];
const PAGE = 50;

/** Overdue said in words, never by colour alone. */
function dueWords(dueBy: string | null, overdue: boolean): string {
  if (!dueBy) return "Not due";
  return overdue ? `Overdue: was due ${ukDayOf(dueBy)}` : ukDayOf(dueBy);
}

/** The work queues: what waits on me, on my organisation, and on nobody yet. */
export function WorkQueuePage() {
  usePageTitle("Work queues");
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const scope = (TABS.find((tab) => tab.scope === params.get("queue"))?.scope ?? "MINE") as QueueScope;
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const [{ data, fetching, error }, refetch] = useQuery({ query: WorkQueueQuery, variables: { scope, first: PAGE, after } });
  const [announcement, setAnnouncement] = useState("");
  const shown = useRef<Set<string> | null>(null);

  // Someone else's move may bring a contact into this queue or take it out: re-query.
  const [{ data: change }] = useSubscription({ query: QueueChanged });
  const changedAt = change?.contactStatusChanged.at;
  useEffect(() => {
    if (changedAt) refetch({ requestPolicy: "network-only" });
  }, [changedAt, refetch]);
  useEffect(() => onLiveResync(() => refetch({ requestPolicy: "network-only" })), [refetch]);

  // Tell screen readers, politely, what joined or left the queue since it was last shown.
  const crns = data?.queue.edges.map((edge) => edge.node.crn).join(" ");
  useEffect(() => {
    if (crns === undefined) return;
    const now = new Set(crns ? crns.split(" ") : []);
    const before = shown.current;
    shown.current = now;
    if (!before) return;
    const joined = [...now].filter((crn) => !before.has(crn));
    const left = [...before].filter((crn) => !now.has(crn));
    const parts = [
      joined.length ? `${joined.join(", ")} joined the queue.` : "",
      left.length ? `${left.join(", ")} left the queue.` : "",
    ].filter(Boolean);
    if (parts.length) setAnnouncement(parts.join(" "));
  }, [crns]);

  const choose = (next: QueueScope) => {
    shown.current = null;
    setCursors([null]);
    setParams({ queue: next });
  };

  const flash = (location.state as { flash?: string } | null)?.flash;
  return (
    <>
      {flash && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="flash-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="flash-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{flash}</p>
          </div>
        </div>
      )}
      <PageHeading>Work queues</PageHeading>
      <div className="govuk-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      <nav aria-label="Queues" className="cms-tabs">
        <ul className="cms-tabs__list">
          {TABS.map((tab) => {
            const count = data?.[tab.key].totalCount;
            return (
              <li key={tab.scope} className="cms-tabs__item">
                <a
                  href={`?queue=${tab.scope}`}
                  className="govuk-link cms-tabs__link"
                  aria-current={tab.scope === scope ? "page" : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    choose(tab.scope);
                  }}
                >
                  {tab.label}
                  {count !== undefined && <span className="cms-tabs__count"> ({count})</span>}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      {error && !data ? (
        <SomethingWentWrong onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : fetching && !data ? (
        <Loading />
      ) : data && data.queue.totalCount === 0 ? (
        <p className="govuk-body">Nothing waits here. Contacts appear as soon as they need you.</p>
      ) : data ? (
        <>
          <p className="govuk-body">
            {data.queue.totalCount} {data.queue.totalCount === 1 ? "contact" : "contacts"}, the soonest due first.
          </p>
          <div className="cms-table-wrapper" tabIndex={0} role="region" aria-label="Contacts in the queue">
            <table className="govuk-table cms-stacked-table">
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Reference</th>
                  <th scope="col" className="govuk-table__header">Status</th>
                  <th scope="col" className="govuk-table__header">Address</th>
                  <th scope="col" className="govuk-table__header">Raised by</th>
                  <th scope="col" className="govuk-table__header">Due</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {data.queue.edges.map(({ node }) => (
                  <tr className="govuk-table__row" key={node.crn}>
                    <td className="govuk-table__cell" data-label="Reference">
                      <Link to={`/contacts/${node.crn}`} className="govuk-link cms-nowrap">
                        {node.crn}
                      </Link>
                    </td>
                    <td className="govuk-table__cell" data-label="Status">
                      <strong className={statusTagClass(node.status)}>{statusWords(node.status)}</strong>
                      {node.assignee && <div className="govuk-body-s govuk-!-margin-0">With {node.assignee.name}</div>}
                    </td>
                    <td className="govuk-table__cell" data-label="Address">{[...node.address.lines, node.address.postcode].join(", ")}</td>
                    <td className="govuk-table__cell" data-label="Raised by">
                      {node.raisedBy.name} ({node.raisedBy.organisation.name})
                    </td>
                    <td className="govuk-table__cell" data-label="Due">
                      {node.overdue ? <strong className="govuk-tag govuk-tag--red">{dueWords(node.dueBy, true)}</strong> : dueWords(node.dueBy, false)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of the queue">
            {cursors.length > 1 && (
              <div className="govuk-pagination__prev">
                <button type="button" className="cms-link-button" onClick={() => setCursors((current) => current.slice(0, -1))}>
                  Previous page
                </button>
              </div>
            )}
            {data.queue.pageInfo.hasNextPage && (
              <div className="govuk-pagination__next">
                <button type="button" className="cms-link-button" onClick={() => setCursors((current) => [...current, data.queue.pageInfo.endCursor])}>
                  Next page
                </button>
              </div>
            )}
          </nav>
        </>
      ) : null}
    </>
  );
}
