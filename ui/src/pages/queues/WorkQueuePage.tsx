import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import { useQuery, useSubscription } from "urql";
import { PageHeading } from "../../components/PageHeading";
import { Loading } from "../../components/Loading";
import { graphql } from "../../graphql/generated";
import type { ContactStatus, QueueScope } from "../../graphql/generated/graphql";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { ErrorMessage } from "../../components/fields";
import { useSession } from "../../session/SessionContext";
import { onLiveResync } from "../../graphql/client";
import { statusTagClass, statusWords, ukDayOf } from "../../format";
import { usePageTitle } from "../../session/title";
import { SomethingWentWrong } from "../errors/SomethingWentWrong";

export const WorkQueueQuery = graphql(`
  query WorkQueue($scope: QueueScope!, $first: Int, $after: String, $status: ContactStatus, $dueBy: Date, $overdue: Boolean) {
    queue: workQueue(scope: $scope, first: $first, after: $after, status: $status, dueBy: $dueBy, overdue: $overdue) {
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
    mine: workQueue(scope: MINE, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }
    organisation: workQueue(scope: ORGANISATION, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }
    unassigned: workQueue(scope: UNASSIGNED, first: 1, status: $status, dueBy: $dueBy, overdue: $overdue) { totalCount }
  }
`);

const QueueChanged = graphql(`
  subscription QueueChanged {
    contactStatusChanged { crn toStatus at }
  }
`);

// Being assigned a contact changes no status, but tells the assignee: their queue re-reads too.
const QueueNotified = graphql(`
  subscription QueueNotified {
    notificationAdded { id crn }
  }
`);

// The statuses that wait on each kind of organisation: those its queue can hold.
const QUEUE_STATUSES: Record<string, ContactStatus[]> = {
  CDSP: ["LOGGED", "WITH_CDSP"],
  NETWORK: ["WITH_NETWORK", "SITE_VISIT_BOOKED"],
  SHIPPER: ["AWAITING_SHIPPER"],
};

const DUE_CHOICES: { value: string; label: string }[] = [
  { value: "", label: "Any due date" },
  { value: "overdue", label: "Overdue" },
  { value: "today", label: "Due by the end of today (overdue included)" },
  { value: "week", label: "Due within 7 days (overdue included)" },
];

/** A UK calendar day, `days` from today, as YYYY-MM-DD. */
function ukDayFromToday(days: number): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const day = new Date(Date.UTC(part("year"), part("month") - 1, part("day") + days));
  return day.toISOString().slice(0, 10);
}

interface Filters {
  status: ContactStatus | null;
  due: string;
  errors: FieldError[];
}

/** The filters in the address, checked: a value the page does not offer is said, not used. */
function readFilters(params: URLSearchParams, statuses: ContactStatus[]): Filters {
  const errors: FieldError[] = [];
  const statusParam = params.get("status") ?? "";
  const dueParam = params.get("due") ?? "";
  let status: ContactStatus | null = null;
  if (statusParam) {
    if ((statuses as string[]).includes(statusParam)) status = statusParam as ContactStatus;
    else errors.push({ href: "status", message: "The status in the address is not one this queue holds: choose a status from the list" });
  }
  let due = "";
  if (dueParam) {
    if (DUE_CHOICES.some((choice) => choice.value === dueParam)) due = dueParam;
    else errors.push({ href: "due", message: "The due date in the address is not one we offer: choose when it is due from the list" });
  }
  return { status, due, errors };
}

function dueVariables(due: string): { dueBy: string | null; overdue: boolean | null } {
  if (due === "overdue") return { dueBy: null, overdue: true };
  if (due === "today") return { dueBy: ukDayFromToday(0), overdue: null };
  if (due === "week") return { dueBy: ukDayFromToday(7), overdue: null };
  return { dueBy: null, overdue: null };
}

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
  const { viewer } = useSession();
  const statuses = QUEUE_STATUSES[viewer.organisation.kind] ?? [];
  const scope = (TABS.find((tab) => tab.scope === params.get("queue"))?.scope ?? "MINE") as QueueScope;
  const filters = readFilters(params, statuses);
  const filtered = filters.status !== null || filters.due !== "";
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const [{ data, fetching, error }, refetch] = useQuery({
    query: WorkQueueQuery,
    variables: { scope, first: PAGE, after, status: filters.status, ...dueVariables(filters.due) },
  });
  const [announcement, setAnnouncement] = useState("");
  const shown = useRef<Set<string> | null>(null);

  // Someone else's move may bring a contact into this queue or take it out: re-query.
  const [{ data: change }] = useSubscription({ query: QueueChanged });
  const changedAt = change?.contactStatusChanged.at;
  useEffect(() => {
    if (changedAt) refetch({ requestPolicy: "network-only" });
  }, [changedAt, refetch]);
  const [{ data: notified }] = useSubscription({ query: QueueNotified });
  const notifiedId = notified?.notificationAdded.id;
  useEffect(() => {
    if (notifiedId) refetch({ requestPolicy: "network-only" });
  }, [notifiedId, refetch]);
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

  // Keep the filters when moving between tabs: the counts on the tabs are of the filtered queues.
  const withFilters = (queue: QueueScope, status: string, due: string) => {
    const next = new URLSearchParams({ queue });
    if (status) next.set("status", status);
    if (due) next.set("due", due);
    return next;
  };
  const choose = (next: QueueScope) => {
    shown.current = null;
    setCursors([null]);
    setParams(withFilters(next, filters.status ?? "", filters.due));
  };
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    shown.current = null;
    setCursors([null]);
    setParams(withFilters(scope, String(form.get("status") ?? ""), String(form.get("due") ?? "")));
  };
  const fieldError = (id: string) => filters.errors.find((found) => found.href === id)?.message;
  const statusError = fieldError("status");
  const dueError = fieldError("due");

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
      <ErrorSummary errors={filters.errors} />
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
                  href={`?${withFilters(tab.scope, filters.status ?? "", filters.due).toString()}`}
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
      <form onSubmit={apply} className="cms-filters govuk-!-margin-bottom-4" aria-label="Filter the queue" key={params.toString()}>
        <h2 className="govuk-heading-s govuk-!-margin-bottom-2">Filter the queue</h2>
        <div className={`govuk-form-group${statusError ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor="status">
            Status
          </label>
          {statusError && <ErrorMessage id="status-error">{statusError}</ErrorMessage>}
          <select
            className={`govuk-select${statusError ? " govuk-select--error" : ""}`}
            id="status"
            name="status"
            defaultValue={filters.status ?? ""}
            aria-describedby={statusError ? "status-error" : undefined}
          >
            <option value="">Any status</option>
            {statuses.map((value) => (
              <option key={value} value={value}>
                {statusWords(value)}
              </option>
            ))}
          </select>
        </div>
        <div className={`govuk-form-group${dueError ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor="due">
            Due
          </label>
          {dueError && <ErrorMessage id="due-error">{dueError}</ErrorMessage>}
          <select
            className={`govuk-select${dueError ? " govuk-select--error" : ""}`}
            id="due"
            name="due"
            defaultValue={filters.due}
            aria-describedby={dueError ? "due-error" : undefined}
          >
            {DUE_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Apply filters
          </button>
          {(filtered || filters.errors.length > 0) && (
            <Link
              to={`?queue=${scope}`}
              className="govuk-link"
              onClick={() => {
                shown.current = null;
                setCursors([null]);
              }}
            >
              Clear filters
            </Link>
          )}
        </div>
      </form>
      {error && !data ? (
        <SomethingWentWrong onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : fetching && !data ? (
        <Loading />
      ) : data && data.queue.totalCount === 0 ? (
        filtered ? (
          <p className="govuk-body">
            No contacts in this queue match these filters.{" "}
            <Link to={`?queue=${scope}`} className="govuk-link">
              Show the whole queue
            </Link>
            .
          </p>
        ) : (
          <p className="govuk-body">Nothing waits here. Contacts appear as soon as they need you.</p>
        )
      ) : data ? (
        <>
          <p className="govuk-body">
            {data.queue.totalCount} {data.queue.totalCount === 1 ? "contact" : "contacts"}
            {filtered ? " matching the filters" : ""}, the soonest due first.
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
