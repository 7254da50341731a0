import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { Link, NavLink, useNavigate } from "react-router";
import { useMutation, useQuery, useSubscription } from "urql";
import { NotificationAddedSubscription, SignOutMutation, UnreadCountQuery } from "../graphql/operations";
import { onLiveResync } from "../graphql/client";
import { onNotificationsRead } from "../graphql/events";
import { SERVICE_NAME } from "../session/title";
import type { Viewer } from "../session/SessionContext";
import { normaliseCrn } from "../session/crn";

/** The page frame: skip link, our own header (no crown), main content and footer. */
export function Layout({ viewer, onSignedOut, children }: { viewer: Viewer | null; onSignedOut: () => void; children: ReactNode }) {
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="cms-header" role="banner">
        <div className="govuk-width-container cms-header__container">
          <Link to="/" className="cms-header__service-name">
            {SERVICE_NAME}
          </Link>
          {viewer && <SignedInHeader viewer={viewer} onSignedOut={onSignedOut} />}
        </div>
      </header>
      {viewer && <Navigation viewer={viewer} />}
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="cms-footer" role="contentinfo">
        <div className="govuk-width-container">
          <p className="govuk-body-s govuk-!-margin-0">
            The service is open 07:00 to 23:59 UK time every day, and supported 09:00 to 17:00 on working days.
          </p>
        </div>
      </footer>
    </>
  );
}

function SignedInHeader({ viewer, onSignedOut }: { viewer: Viewer; onSignedOut: () => void }) {
  const [, signOut] = useMutation(SignOutMutation);
  const navigate = useNavigate();
  return (
    <>
      <CrnSearch />
      <div className="cms-header__user">
        <NotificationBell />
        <span>
          {viewer.name}
          <span className="govuk-visually-hidden">,</span> ({viewer.organisation.name})
        </span>
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          onClick={async () => {
            await signOut({});
            onSignedOut();
            navigate("/sign-in", { replace: true });
          }}
        >
          Sign out
        </button>
      </div>
    </>
  );
}

function CrnSearch() {
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const navigate = useNavigate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const crn = normaliseCrn(typed);
    if (!crn) {
      setProblem("Enter a contact reference like MNC-2026-000123");
      return;
    }
    setProblem(null);
    setTyped("");
    navigate(`/contacts/${crn}`);
  };
  return (
    <search>
      <form className="cms-header__search" onSubmit={submit} noValidate>
        <div>
          <label className="govuk-label" htmlFor="crn-search">
            Find a contact by reference
          </label>
          {problem && (
            <p id="crn-search-error" className="govuk-visually-hidden" role="alert">
              {problem}
            </p>
          )}
          <input
            id="crn-search"
            className="govuk-input"
            type="search"
            spellCheck={false}
            autoComplete="off"
            placeholder="MNC-2026-000123"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            aria-describedby={problem ? "crn-search-error" : undefined}
            aria-invalid={problem ? true : undefined}
          />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Find
        </button>
      </form>
    </search>
  );
}

/** The unread count, kept live: each new notification adds one, a resync re-queries. */
function NotificationBell() {
  const [{ data }, refetch] = useQuery({ query: UnreadCountQuery });
  const [{ data: added }] = useSubscription({ query: NotificationAddedSubscription });
  const latest = added?.notificationAdded;
  useEffect(() => {
    if (latest) refetch({ requestPolicy: "network-only" });
  }, [latest, refetch]);
  const announcement = latest ? `New notification: ${latest.message}` : "";
  useEffect(() => onLiveResync(() => refetch({ requestPolicy: "network-only" })), [refetch]);
  useEffect(() => onNotificationsRead(() => refetch({ requestPolicy: "network-only" })), [refetch]);
  const count = data?.unreadNotificationCount ?? 0;
  return (
    <>
      <NavLink to="/notifications" className="cms-header__link">
        Notifications
        <span className="cms-header__bell-count" aria-hidden="true">
          {count}
        </span>
        <span className="govuk-visually-hidden">, {count === 1 ? "1 unread" : `${count} unread`}</span>
      </NavLink>
      <div className="govuk-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </>
  );
}

function Navigation({ viewer }: { viewer: Viewer }) {
  const shipper = viewer.organisation.kind === "SHIPPER";
  const accountAdmin = viewer.roles.includes("ACCOUNT_ADMIN");
  const looksAfterAccounts = accountAdmin || viewer.roles.includes("LSO");
  return (
    <nav className="cms-nav" aria-label="Main">
      <div className="govuk-width-container">
        <ul className="cms-nav__list">
          <li>
            <NavLink to="/" end className="govuk-link cms-nav__link">
              Home
            </NavLink>
          </li>
          {shipper ? (
            <li>
              <NavLink to="/raise" className="govuk-link cms-nav__link">
                Raise a contact
              </NavLink>
            </li>
          ) : (
            <li>
              <NavLink to="/queues" className="govuk-link cms-nav__link">
                Work queues
              </NavLink>
            </li>
          )}
          <li>
            <NavLink to="/contacts" end className="govuk-link cms-nav__link">
              {shipper ? "My organisation's contacts" : "Contacts"}
            </NavLink>
          </li>
          {looksAfterAccounts && (
            <>
              <li>
                <NavLink to="/users" className="govuk-link cms-nav__link">
                  Users
                </NavLink>
              </li>
              <li>
                <NavLink to="/nominations" className="govuk-link cms-nav__link">
                  Nominations
                </NavLink>
              </li>
            </>
          )}
          {accountAdmin && (
            <>
              <li>
                <NavLink to="/organisations" className="govuk-link cms-nav__link">
                  Organisations
                </NavLink>
              </li>
              <li>
                <NavLink to="/audit" className="govuk-link cms-nav__link">
                  Audit log
                </NavLink>
              </li>
            </>
          )}
          <li>
            <NavLink to="/account" className="govuk-link cms-nav__link">
              My account
            </NavLink>
          </li>
        </ul>
      </div>
    </nav>
  );
}
