import { useNavigate, useParams } from "react-router";
import { useEffect, type ReactNode } from "react";
import { useQuery, useSubscription } from "urql";
import { onLiveResync } from "../../graphql/client";
import { ContactActions } from "./ContactActions";
import { WorkflowActions } from "./WorkflowActions";
import { graphql } from "../../graphql/generated";
import { PageHeading } from "../../components/PageHeading";
import { Loading } from "../../components/Loading";
import { NotFoundPage } from "../errors/NotFoundPage";
import { SomethingWentWrong } from "../errors/SomethingWentWrong";
import { usePageTitle } from "../../session/title";
import { normaliseCrn } from "../../session/crn";
import { eventWords, statusTagClass, statusWords, ukDate, ukDateTime } from "../../format";

export const ContactQuery = graphql(`
  query Contact($crn: String!) {
    contact(crn: $crn) {
      crn
      status
      raisedAt
      raisedBy { id name organisation { name } }
      shipper { name }
      network { name }
      ldz
      ldzName
      allocationReason
      address { lines postcode }
      manualAddress
      marketSector
      annualQuantityKwh
      reason
      meterSerialNumber
      siteContactName
      siteContactPhone
      notes
      mprn
      dueBy
      overdue
      plannedVisit
      rejectionReason { code description }
      assignee { name }
      availableActions
      openQuestion
      history { at kind fromStatus toStatus note reasonCode plannedFor actor { name organisation { name } } }
    }
  }
`);

const ContactChanged = graphql(`
  subscription ContactChanged($crn: String!) {
    contactStatusChanged(crn: $crn) { crn toStatus at }
  }
`);

const SECTOR_WORDS: Record<string, string> = { DOMESTIC: "Domestic", INDUSTRIAL_COMMERCIAL: "Industrial and commercial" };
const REASON_WORDS: Record<string, string> = {
  NEW_SERVICE: "A new gas service",
  SERVICE_RELAID: "A service relaid to a different position",
  GAS_IN_USE_NO_MPRN: "Gas in use with no MPRN",
};

export function ContactPage() {
  const { crn: typed = "" } = useParams();
  const navigate = useNavigate();
  const crn = normaliseCrn(typed);
  const [{ data, fetching, error }, refetch] = useQuery({ query: ContactQuery, variables: { crn: crn ?? "" }, pause: !crn });
  const [{ data: change }] = useSubscription({ query: ContactChanged, variables: { crn: crn ?? "" }, pause: !crn });
  const changedAt = change?.contactStatusChanged.at;
  // Someone else moved it: show the new state without a reload.
  useEffect(() => {
    if (changedAt) refetch({ requestPolicy: "network-only" });
  }, [changedAt, refetch]);
  useEffect(() => onLiveResync(() => refetch({ requestPolicy: "network-only" })), [refetch]);
  usePageTitle(crn ?? "Contact not found");
  if (!crn) return <NotFoundPage what="Contact" />;
  if (fetching && !data) return <Loading />;
  if (error && !data) return <SomethingWentWrong onRetry={() => refetch({ requestPolicy: "network-only" })} />;
  const contact = data?.contact;
  if (!contact) return <NotFoundPage what="Contact" />;

  const rows: [string, ReactNode][] = [
    ["Status", <strong className={statusTagClass(contact.status)}>{statusWords(contact.status)}</strong>],
    ["Due", contact.dueBy ? <>{ukDateTime(contact.dueBy)}{contact.overdue && <strong className="govuk-tag govuk-tag--red govuk-!-margin-left-2">Overdue</strong>}</> : "Nothing waits on anyone"],
    ["Address", <span className="cms-address-label">{[...contact.address.lines, contact.address.postcode].join("\n")}{contact.manualAddress ? "\n(typed by hand: not in the PAF)" : ""}</span>],
    ["Network", `${contact.network.name} (LDZ ${contact.ldz}, ${contact.ldzName})`],
    ["Market sector", SECTOR_WORDS[contact.marketSector] ?? contact.marketSector],
    ["Annual quantity", `${contact.annualQuantityKwh.toLocaleString("en-GB")} kWh`],
    ["Reason", REASON_WORDS[contact.reason] ?? contact.reason],
    ["Raised", `${ukDateTime(contact.raisedAt)} by ${contact.raisedBy.name} (${contact.shipper.name})`],
  ];
  if (contact.mprn) rows.splice(1, 0, ["MPRN", <span className="cms-code">{contact.mprn}</span>]);
  if (contact.plannedVisit) rows.push(["Planned site visit", ukDate(contact.plannedVisit)]);
  if (contact.rejectionReason) rows.push(["Rejection reason", contact.rejectionReason.description]);
  if (contact.assignee) rows.push(["Being worked on by", contact.assignee.name]);
  if (contact.meterSerialNumber) rows.push(["Meter serial number", contact.meterSerialNumber]);
  if (contact.siteContactName || contact.siteContactPhone)
    rows.push(["Site contact", [contact.siteContactName, contact.siteContactPhone].filter(Boolean).join(", ")]);
  if (contact.notes) rows.push(["Notes", contact.notes]);

  return (
    <>
      <PageHeading caption="Meter Number Creation contact">{contact.crn}</PageHeading>
      <dl className="govuk-summary-list">
        {rows.map(([key, value]) => (
          <div className="govuk-summary-list__row" key={key}>
            <dt className="govuk-summary-list__key">{key}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      <WorkflowActions
        crn={contact.crn}
        actions={contact.availableActions}
        network={contact.network.name}
        ldz={contact.ldz}
        allocationReason={contact.allocationReason}
        onHandedBack={(message) => navigate("/queues", { state: { flash: message } })}
        assigneeName={contact.assignee?.name ?? null}
        onChanged={() => refetch({ requestPolicy: "network-only" })}
      />
      <ContactActions
        crn={contact.crn}
        actions={contact.availableActions}
        openQuestion={contact.openQuestion}
        onChanged={() => refetch({ requestPolicy: "network-only" })}
      />
      <h2 className="govuk-heading-m" id="history">
        History
      </h2>
      <ol className="govuk-list cms-timeline" aria-labelledby="history">
        {[...contact.history].reverse().map((event, index) => (
          <li key={`${event.at}-${index}`} className="govuk-!-margin-bottom-4">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
              {eventWords(event.kind)}
              {event.toStatus && <>: {statusWords(event.toStatus)}</>}
            </h3>
            <p className="govuk-body-s govuk-!-margin-bottom-1">
              <time dateTime={event.at}>{ukDateTime(event.at)}</time>, by{" "}
              {event.actor ? `${event.actor.name} (${event.actor.organisation.name})` : "the system"}
            </p>
            {event.plannedFor && <p className="govuk-body-s govuk-!-margin-bottom-1">Visit planned for {ukDate(event.plannedFor)}</p>}
            {event.note && <p className="govuk-body govuk-!-margin-bottom-1">{event.note}</p>}
          </li>
        ))}
      </ol>
    </>
  );
}
