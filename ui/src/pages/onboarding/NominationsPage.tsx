import { useId, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { Dialog } from "../../components/Dialog";
import { ErrorSummary, type FieldError } from "../../components/ErrorSummary";
import { TextArea } from "../../components/fields";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { graphql } from "../../graphql/generated";
import type { Role } from "../../graphql/generated/graphql";
import { ukDateTime } from "../../format";
import { useSession } from "../../session/SessionContext";
import { usePageTitle } from "../../session/title";
import { SomethingWentWrong } from "../errors/SomethingWentWrong";
import { SuccessBanner } from "./Banner";
import { MAX_REASON, rejectionErrors, rolesInWords } from "./logic";
import { NominateForm } from "./NominateForm";

const NominationsQuery = graphql(`
  query OnboardingNominations {
    nominations {
      id
      name
      email
      roles
      createdAt
      clash
      organisation { id name shortCode }
      nominatedBy { name }
    }
    organisations { id name kind shortCode }
  }
`);

const Approve = graphql(`
  mutation OnboardingApproveNomination($id: ID!) {
    approveNomination(id: $id) {
      __typename
      ... on User { id name email }
      ... on InvalidInput { reasons { code field message } }
      ... on NotPermitted { message }
    }
  }
`);

const Reject = graphql(`
  mutation OnboardingRejectNomination($id: ID!, $reason: String!) {
    rejectNomination(id: $id, reason: $reason) {
      __typename
      ... on Nomination { id name }
      ... on InvalidInput { reasons { code field message } }
      ... on NotPermitted { message }
    }
  }
`);

interface PendingNomination {
  id: string;
  name: string;
  email: string;
  roles: readonly Role[];
  createdAt: string;
  clash: string | null;
  organisation: { name: string; shortCode: string };
  nominatedBy: { name: string } | null;
}

/** Nominations: an LSO puts people forward; a CDSP account administrator approves or rejects them. */
export function NominationsPage() {
  usePageTitle("Nominations");
  const { viewer } = useSession();
  const admin = viewer.organisation.kind === "CDSP" && viewer.roles.includes("ACCOUNT_ADMIN");
  const [params] = useSearchParams();
  const wanted = params.get("organisation");
  const [{ data, fetching, error }, refetch] = useQuery({ query: NominationsQuery, requestPolicy: "cache-and-network" });
  const [outcome, setOutcome] = useState<string | null>(null);
  const [problems, setProblems] = useState<FieldError[]>([]);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const told = (words: string) => {
    setProblems([]);
    setOutcome(words);
    reload();
  };

  const nominations = data?.nominations ?? [];
  const nominateSection = data && (
    <section aria-labelledby="nominate-title" className="govuk-!-margin-bottom-8" id="nominate">
      <h2 className="govuk-heading-m" id="nominate-title">
        Nominate a person
      </h2>
      <p className="govuk-body">
        {admin
          ? "Nominate a person of any organisation. You then approve the nomination below, which emails them an invitation."
          : `Put forward a person of ${viewer.organisation.name} for an account. A CDSP account administrator checks the nomination; once approved, the person is emailed an invitation to set a password.`}
      </p>
      <NominateForm
        key={wanted ?? ""}
        organisations={admin ? [...data.organisations].sort((a, b) => a.name.localeCompare(b.name, "en-GB")) : null}
        ownKind={viewer.organisation.kind}
        initialOrganisationId={wanted}
        onNominated={told}
      />
    </section>
  );
  const chosenFirst = admin && wanted !== null;

  return (
    <>
      {outcome && <SuccessBanner heading={outcome} />}
      <ErrorSummary errors={problems} title="The nomination was not changed" />
      <PageHeading>Nominations</PageHeading>
      {error && !data ? (
        <SomethingWentWrong onRetry={reload} />
      ) : fetching && !data ? (
        <Loading />
      ) : (
        <>
          {chosenFirst && nominateSection}
          <section aria-labelledby="waiting-title" className="govuk-!-margin-bottom-8">
            <h2 className="govuk-heading-m" id="waiting-title">
              {admin ? "Waiting for your approval" : "Your nominations waiting for approval"}
            </h2>
            {nominations.length === 0 ? (
              <p className="govuk-body">No nominations are waiting.</p>
            ) : (
              <>
                <p className="govuk-body">
                  {nominations.length} {nominations.length === 1 ? "nomination waits" : "nominations wait"}, the oldest first.
                </p>
                {[...nominations]
                  .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
                  .map((nomination) => (
                    <NominationCard key={nomination.id} nomination={nomination} admin={admin} onDone={told} onRefused={setProblems} />
                  ))}
              </>
            )}
          </section>
          {!chosenFirst && nominateSection}
        </>
      )}
    </>
  );
}

function NominationCard({
  nomination,
  admin,
  onDone,
  onRefused,
}: {
  nomination: PendingNomination;
  admin: boolean;
  onDone: (words: string) => void;
  onRefused: (errors: FieldError[]) => void;
}) {
  const titleId = `nomination-${useId()}`;
  const [approving, setApproving] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [{ fetching }, approve] = useMutation(Approve);
  const approveId = `approve-${nomination.id}`;

  // The dialog closes first (which puts focus back on its button), and only then is the
  // outcome shown, so that the banner or error summary takes focus and is announced.
  const afterClosing = (report: () => void) => window.setTimeout(report, 0);
  const doApprove = async () => {
    const answer = (await approve({ id: nomination.id })).data?.approveNomination;
    setApproving(false);
    afterClosing(() => {
      if (!answer) {
        onRefused([{ href: approveId, message: "The nomination was not approved this time. Nothing is lost: try again in a moment." }]);
      } else if (answer.__typename === "User") {
        onDone(`You approved the nomination of ${answer.name}. Their account is made, and an invitation to set a password has been emailed to ${answer.email}.`);
      } else if (answer.__typename === "NotPermitted") {
        onRefused([{ href: approveId, message: answer.message }]);
      } else {
        onRefused(rejectionErrors(answer.reasons, {}, approveId));
      }
    });
  };

  return (
    <div className="govuk-summary-card" aria-labelledby={titleId} role="group">
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title" id={titleId}>
          {nomination.name}
        </h3>
      </div>
      <div className="govuk-summary-card__content">
        {nomination.clash && (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning: </span>
              This nomination clashes: {nomination.clash}
            </strong>
          </div>
        )}
        <dl className="govuk-summary-list">
          <Row label="Email">{nomination.email}</Row>
          <Row label="Organisation">
            {nomination.organisation.name} ({nomination.organisation.shortCode})
          </Row>
          <Row label="Roles">{rolesInWords(nomination.roles)}</Row>
          <Row label="Nominated">
            {ukDateTime(nomination.createdAt)}
            {nomination.nominatedBy ? ` by ${nomination.nominatedBy.name}` : ""}
          </Row>
        </dl>
        {admin && (
          <div className="cms-dialog__actions govuk-!-margin-top-6">
            <button type="button" id={approveId} className="govuk-button" onClick={() => setApproving(true)} aria-describedby={titleId}>
              Approve
            </button>
            <button type="button" id={`reject-${nomination.id}`} className="govuk-button govuk-button--warning" onClick={() => setRejecting(true)} aria-describedby={titleId}>
              Reject
            </button>
          </div>
        )}
      </div>
      {admin && (
        <>
          <ApproveDialog open={approving} nomination={nomination} busy={fetching} onConfirm={() => void doApprove()} onCancel={() => setApproving(false)} />
          <RejectDialog
            open={rejecting}
            nomination={nomination}
            onCancel={() => setRejecting(false)}
            onRejected={() => {
              setRejecting(false);
              afterClosing(() => onDone(`You rejected the nomination of ${nomination.name}. The Local Security Officer who nominated them has been emailed your reason.`));
            }}
          />
        </>
      )}
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

function ApproveDialog({
  open,
  nomination,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  nomination: PendingNomination;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const titleId = `approve-title-${useId()}`;
  return (
    <Dialog open={open} labelledBy={titleId} onClose={onCancel}>
      <h2 className="govuk-heading-m" id={titleId} tabIndex={-1}>
        Approve the nomination of {nomination.name}?
      </h2>
      <p className="govuk-body">
        This makes an account for {nomination.name} at {nomination.organisation.name} and emails an invitation to set a password to {nomination.email}.
      </p>
      {nomination.clash && (
        <p className="govuk-body">
          <strong>It clashes:</strong> {nomination.clash} It will be refused until that is put right.
        </p>
      )}
      <div className="cms-dialog__actions">
        <button type="button" className="govuk-button" onClick={onConfirm} disabled={busy}>
          Approve and send the invitation
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

function RejectDialog({ open, nomination, onCancel, onRejected }: { open: boolean; nomination: PendingNomination; onCancel: () => void; onRejected: () => void }) {
  const titleId = `reject-title-${useId()}`;
  const reasonId = `reason-${nomination.id}`;
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching }, reject] = useMutation(Reject);
  const cancel = () => {
    setErrors([]);
    onCancel();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setErrors([{ href: reasonId, message: "Say why you are rejecting the nomination: the Local Security Officer who made it is told" }]);
      return;
    }
    if (text.length > MAX_REASON) {
      setErrors([{ href: reasonId, message: `The reason must be ${MAX_REASON} characters or fewer` }]);
      return;
    }
    const answer = (await reject({ id: nomination.id, reason: text })).data?.rejectNomination;
    if (!answer) {
      setErrors([{ href: reasonId, message: "The nomination was not rejected this time. Nothing is lost: try again in a moment." }]);
    } else if (answer.__typename === "Nomination") {
      setErrors([]);
      setReason("");
      onRejected();
    } else if (answer.__typename === "NotPermitted") {
      setErrors([{ href: reasonId, message: answer.message }]);
    } else {
      setErrors(rejectionErrors(answer.reasons, { reason: reasonId }, reasonId));
    }
  };
  return (
    <Dialog open={open} labelledBy={titleId} onClose={cancel}>
      <form noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} />
        <h2 className="govuk-heading-m" id={titleId} tabIndex={-1}>
          Reject the nomination of {nomination.name}?
        </h2>
        <p className="govuk-body">No account is made. The Local Security Officer who nominated {nomination.name} is emailed your reason, and may nominate them again once it is put right.</p>
        <TextArea id={reasonId} label="Why are you rejecting it?" value={reason} maxLength={MAX_REASON} onChange={setReason} error={errors[0]?.message} />
        <div className="cms-dialog__actions">
          <button type="submit" className="govuk-button govuk-button--warning" disabled={fetching}>
            Reject the nomination
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={cancel}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
