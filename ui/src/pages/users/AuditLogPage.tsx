import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { ukDateTime } from "../../format";
import { usePageTitle } from "../../session/title";
import { SomethingWentWrong } from "../errors/SomethingWentWrong";
import { AuditChainQuery, AuditLogQuery, AuditPeopleQuery } from "./operations";
import { AUDIT_EVENTS, auditDetails, auditEventWords, parseAuditEvent } from "./words";

const PAGE = 15;

type People = Map<string, { name: string; email: string; organisation: string }>;

/** The security audit log, for the CDSP's account administrators: filtered, with its chain checked. */
export function AuditLogPage() {
  usePageTitle("Audit log");
  const [params, setParams] = useSearchParams();
  const userId = params.get("user") || null;
  const event = parseAuditEvent(params.get("event"));
  const [{ data: peopleData }] = useQuery({ query: AuditPeopleQuery });
  const people: People = new Map((peopleData?.users ?? []).map((u) => [u.id, { name: u.name, email: u.email, organisation: u.organisation.name }]));
  const sorted = [...(peopleData?.users ?? [])].sort((a, b) => a.name.localeCompare(b.name, "en-GB") || a.email.localeCompare(b.email));

  const apply = (submitted: FormEvent<HTMLFormElement>) => {
    submitted.preventDefault();
    const form = new FormData(submitted.currentTarget);
    const next = new URLSearchParams();
    const user = String(form.get("user") ?? "");
    const chosen = parseAuditEvent(String(form.get("event") ?? ""));
    if (user) next.set("user", user);
    if (chosen) next.set("event", chosen);
    setParams(next);
  };
  const filtered = userId !== null || event !== null;
  const filterKey = `${userId ?? ""}|${event ?? ""}`;
  return (
    <>
      <PageHeading>Audit log</PageHeading>
      <ChainStatus />
      <form noValidate onSubmit={apply} aria-label="Filter the audit log" className="govuk-!-margin-bottom-6">
        <h2 className="govuk-heading-m">Filter</h2>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="user">
            Person
          </label>
          <div id="user-hint" className="govuk-hint">
            Entries where they acted, or were acted on
          </div>
          <select className="govuk-select" style={{ maxWidth: "100%" }} id="user" name="user" defaultValue={userId ?? ""} key={`user-${userId ?? ""}-${sorted.length}`} aria-describedby="user-hint">
            <option value="">Anyone</option>
            {sorted.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="event">
            Event
          </label>
          <select className="govuk-select" style={{ maxWidth: "100%" }} id="event" name="event" defaultValue={event ?? ""} key={`event-${event ?? ""}`}>
            <option value="">Any event</option>
            {AUDIT_EVENTS.map((e) => (
              <option key={e.value} value={e.value}>
                {e.label}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Apply filters
          </button>
          {filtered && (
            <Link to="/audit" className="govuk-link">
              Clear filters
            </Link>
          )}
        </div>
      </form>
      <h2 className="govuk-heading-m">Entries, oldest first</h2>
      <Entries key={filterKey} userId={userId} event={event} people={people} filtered={filtered} />
    </>
  );
}

function ChainStatus() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: AuditChainQuery, requestPolicy: "network-only" });
  const chain = data?.auditChainVerified;
  if (error && !data) {
    return (
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <p className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          The audit log's chain could not be checked just now.{" "}
          <button type="button" className="cms-link-button" onClick={() => refetch({ requestPolicy: "network-only" })}>
            Check again
          </button>
        </p>
      </div>
    );
  }
  if (fetching || !chain) {
    return (
      <p className="govuk-body" role="status">
        Checking the audit log's chain…
      </p>
    );
  }
  if (chain.ok) {
    return (
      <div className="govuk-inset-text" role="status">
        <p className="govuk-body govuk-!-margin-bottom-1">
          <strong className="govuk-tag govuk-tag--green">Verifies</strong>
        </p>
        <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">The audit log's chain verifies.</p>
        <p className="govuk-body govuk-!-margin-bottom-0">
          All {chain.checkedEntries.toLocaleString("en-GB")} {chain.checkedEntries === 1 ? "entry is" : "entries are"} intact: none has been edited,
          removed or moved.
        </p>
      </div>
    );
  }
  return (
    <div className="govuk-warning-text" role="status">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        <strong className="govuk-tag govuk-tag--red">Does not verify</strong>
        <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-top-2 govuk-!-margin-bottom-1">
          The audit log's chain does not verify: entry {chain.firstBrokenSeq !== null ? `#${chain.firstBrokenSeq}` : "(unknown)"} breaks it
          {chain.reason ? ` because ${chain.reason}` : ""}.
        </p>
        <p className="govuk-body govuk-!-margin-bottom-0">
          The {chain.checkedEntries.toLocaleString("en-GB")} {chain.checkedEntries === 1 ? "entry" : "entries"} before it are intact. Tell the CDSP's
          security team: someone has changed the log.
        </p>
      </div>
    </div>
  );
}

/** The entries, a page at a time: each "Show more" asks for those after the last one shown. */
function Entries({ userId, event, people, filtered }: { userId: string | null; event: string | null; people: People; filtered: boolean }) {
  const [pages, setPages] = useState<number[]>([0]);
  return (
    <>
      {pages.map((afterSeq, index) => (
        <EntriesPage
          key={afterSeq}
          afterSeq={afterSeq}
          userId={userId}
          event={event}
          people={people}
          filtered={filtered}
          last={index === pages.length - 1}
          onMore={(seq) => setPages((current) => [...current, seq])}
        />
      ))}
    </>
  );
}

function EntriesPage({
  afterSeq,
  userId,
  event,
  people,
  filtered,
  last,
  onMore,
}: {
  afterSeq: number;
  userId: string | null;
  event: string | null;
  people: People;
  filtered: boolean;
  last: boolean;
  onMore: (afterSeq: number) => void;
}) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: AuditLogQuery,
    variables: { afterSeq, first: PAGE, userId, event },
    requestPolicy: "network-only",
  });
  const firstHeading = useRef<HTMLHeadingElement>(null);
  const entries = data?.auditLog;
  // A later page takes focus at its first entry, so a keyboard user carries on reading there.
  useEffect(() => {
    if (afterSeq > 0 && entries?.length) firstHeading.current?.focus();
  }, [afterSeq, entries]);

  if (error && !data) return <SomethingWentWrong onRetry={() => refetch({ requestPolicy: "network-only" })} />;
  if (fetching && !data) return <Loading />;
  if (!entries) return null;
  if (entries.length === 0) {
    if (afterSeq > 0) {
      return (
        <p className="govuk-body" role="status">
          There are no more entries.
        </p>
      );
    }
    return (
      <div role="status">
        <p className="govuk-body">
          {filtered ? (
            <>
              No entries match these filters. Choose another person or event, or <Link to="/audit" className="govuk-link">clear the filters</Link>.
            </>
          ) : (
            "The audit log has no entries yet."
          )}
        </p>
      </div>
    );
  }
  const who = (id: string | null, nobody: string) => {
    if (!id) return nobody;
    const person = people.get(id);
    return person ? `${person.name} (${person.email}, ${person.organisation})` : `An account not listed (id ${id})`;
  };
  const lastSeq = entries[entries.length - 1]?.seq ?? afterSeq;
  return (
    <>
      <p className="govuk-visually-hidden" role="status">
        {afterSeq > 0 ? `${entries.length} more ${entries.length === 1 ? "entry" : "entries"} shown` : ""}
      </p>
      <ol className="govuk-list" aria-label={afterSeq > 0 ? `Entries after #${afterSeq}` : "Entries"}>
        {entries.map((entry, index) => (
          <li key={entry.seq} className="cms-contact-list__item">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1" tabIndex={index === 0 ? -1 : undefined} ref={index === 0 ? firstHeading : undefined}>
              {auditEventWords(entry.event)} <span className="govuk-body-s">(entry #{entry.seq})</span>
            </h3>
            <dl className="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-0">
              <AuditRow label="When">{ukDateTime(entry.at)}</AuditRow>
              <AuditRow label="By">{who(entry.actorId, "CMS itself (not a person)")}</AuditRow>
              {entry.subjectId && entry.subjectId !== entry.actorId && <AuditRow label="About">{who(entry.subjectId, "")}</AuditRow>}
              {auditDetails(entry.details).map((detail) => (
                <AuditRow key={detail.key} label={detail.key}>
                  {detail.value}
                </AuditRow>
              ))}
              {entry.clientAddress && <AuditRow label="From address">{entry.clientAddress}</AuditRow>}
              <AuditRow label="Event code">
                <span className="cms-code">{entry.event}</span>
              </AuditRow>
            </dl>
          </li>
        ))}
      </ol>
      {last && entries.length === PAGE && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onMore(lastSeq)}>
          Show more entries
        </button>
      )}
    </>
  );
}

function AuditRow({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key govuk-!-padding-bottom-0">{label}</dt>
      <dd className="govuk-summary-list__value govuk-!-padding-bottom-0">{children}</dd>
    </div>
  );
}
