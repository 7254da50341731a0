import { useCallback, useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { useMutation, useQuery } from "urql";
import { Dialog } from "../components/Dialog";
import { graphql } from "../graphql/generated";
import { SignOutMutation } from "../graphql/operations";
import { lastApiActivity, onApiActivity, sessionDeadline, warningLeadSeconds } from "./activity";

const SessionQuery = graphql(`
  query Session {
    session { idleTimeoutSeconds absoluteExpiresAt }
  }
`);

const StaySignedIn = graphql(`
  mutation StaySignedIn {
    staySignedIn { idleTimeoutSeconds absoluteExpiresAt }
  }
`);

function inWords(seconds: number): string {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  }
  const rounded = Math.max(0, Math.ceil(seconds));
  return rounded === 1 ? "1 second" : `${rounded} seconds`;
}

/**
 * GOV.UK's timeout warning (WCAG 2.2.1 Timing Adjustable): before the idle timeout a modal
 * dialog counts down and lets the user stay signed in; when it runs out, the user is signed out
 * and signing in again returns them to the page they were on.
 */
export function SessionTimeout({ onSignedOut }: { onSignedOut: () => void }) {
  const [{ data }] = useQuery({ query: SessionQuery });
  const [, stay] = useMutation(StaySignedIn);
  const [, signOut] = useMutation(SignOutMutation);
  const navigate = useNavigate();
  const location = useLocation();
  const [now, setNow] = useState(() => Date.now());
  const [activity, setActivity] = useState(lastApiActivity);
  const session = data?.session;

  useEffect(() => onApiActivity(() => setActivity(lastApiActivity())), []);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const deadline = session ? sessionDeadline(activity, session.idleTimeoutSeconds, Date.parse(session.absoluteExpiresAt)) : Infinity;
  const lead = session ? warningLeadSeconds(session.idleTimeoutSeconds) : 0;
  const left = (deadline - now) / 1000;
  const warning = session !== undefined && session !== null && left <= lead;
  const expired = left <= 0;

  const end = useCallback(async () => {
    await signOut({});
    onSignedOut();
    const here = location.pathname + location.search;
    navigate(`/sign-in?expired=1&next=${encodeURIComponent(here)}`, { replace: true, state: { ending: true } });
  }, [signOut, onSignedOut, navigate, location]);

  useEffect(() => {
    if (expired) void end();
  }, [expired, end]);

  // Announce the time left now and then, not every second.
  const spoken = warning ? inWords(left > 60 ? Math.ceil(left / 60) * 60 : Math.ceil(left / 15) * 15) : "";
  return (
    <Dialog open={warning && !expired} labelledBy="timeout-title" onClose={() => void stay({})}>
      <h2 className="govuk-heading-m" id="timeout-title" tabIndex={-1}>
        You’re about to be signed out
      </h2>
      <p className="govuk-body" aria-hidden="true">
        For your security, we will sign you out in <strong>{inWords(left)}</strong>.
      </p>
      <p className="govuk-visually-hidden" role="status" aria-live="polite">
        {spoken && `For your security, we will sign you out in ${spoken}.`}
      </p>
      <p className="govuk-body">Anything you have typed on this page is kept if you stay signed in.</p>
      <div className="cms-dialog__actions">
        <button type="button" className="govuk-button" onClick={() => void stay({})}>
          Stay signed in
        </button>
        <button type="button" className="govuk-link cms-link-button" onClick={() => void end()}>
          Sign out
        </button>
      </div>
    </Dialog>
  );
}
