import { useCallback, useEffect, useMemo } from "react";
import { Navigate, Route, Routes, useLocation, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { Layout } from "./components/Layout";
import { MeQuery } from "./graphql/operations";
import { SessionContext, type Session } from "./session/SessionContext";
import { SignInPage } from "./pages/sign-in/SignInPage";
import { HomePage } from "./pages/home/HomePage";
import { NotFoundPage } from "./pages/errors/NotFoundPage";
import { SomethingWentWrong } from "./pages/errors/SomethingWentWrong";
import { ContactPage } from "./pages/contacts/ContactPage";
import { ContactsListPage } from "./pages/contacts/ContactsListPage";
import { RaiseRoutes } from "./pages/raise/RaiseRoutes";
import { NotificationsPage } from "./pages/notifications/NotificationsPage";
import { AccountPage } from "./pages/account/AccountPage";
import { WorkQueuePage } from "./pages/queues/WorkQueuePage";
import { Loading } from "./components/Loading";
import { SessionTimeout } from "./session/SessionTimeout";
import { safeNextPath } from "./session/next";
import { UsersPage } from "./pages/users/UsersPage";
import { UserPage } from "./pages/users/UserPage";
import { AuditLogPage } from "./pages/users/AuditLogPage";
import { NominationsPage } from "./pages/onboarding/NominationsPage";
import { OrganisationsPage } from "./pages/onboarding/OrganisationsPage";
import { InvitationPage } from "./pages/onboarding/InvitationPage";

/** Once signed in, the sign-in page sends the user back to the page they had asked for. */
function ReturnAfterSignIn() {
  const [params] = useSearchParams();
  const location = useLocation();
  // Being signed out for idleness: the old session is ending, so stay here to sign in again.
  if ((location.state as { ending?: boolean } | null)?.ending) return <Loading />;
  return <Navigate to={safeNextPath(params.get("next"))} replace />;
}

export function App() {
  const [{ data, fetching, error }, refetchMe] = useQuery({ query: MeQuery, requestPolicy: "network-only" });
  const refresh = useCallback(() => refetchMe({ requestPolicy: "network-only" }), [refetchMe]);
  const viewer = data?.me ?? null;
  const session: Session | null = useMemo(() => (viewer ? { viewer, refresh } : null), [viewer, refresh]);
  const location = useLocation();

  useEffect(() => {
    document.body.classList.add("govuk-frontend-supported");
  }, []);

  if (error && !data) {
    return (
      <Layout viewer={null} onSignedOut={refresh}>
        <SomethingWentWrong onRetry={refresh} />
      </Layout>
    );
  }
  if (fetching && !data) {
    return (
      <Layout viewer={null} onSignedOut={refresh}>
        <Loading />
      </Layout>
    );
  }
  if (!session) {
    const next = location.pathname === "/sign-in" ? null : location.pathname + location.search;
    return (
      <Layout viewer={null} onSignedOut={refresh}>
        <Routes>
          <Route path="/sign-in" element={<SignInPage onSignedIn={refresh} />} />
          <Route path="/invitation" element={<InvitationPage />} />
          <Route path="*" element={<Navigate to={next && next !== "/" ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"} replace />} />
        </Routes>
      </Layout>
    );
  }
  const lso = session.viewer.roles.includes("LSO");
  const accountAdmin = session.viewer.roles.includes("ACCOUNT_ADMIN");
  return (
    <SessionContext.Provider value={session}>
      <Layout viewer={session.viewer} onSignedOut={refresh}>
        <SessionTimeout onSignedOut={refresh} />
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/sign-in" element={<ReturnAfterSignIn />} />
          <Route path="/contacts" element={<ContactsListPage />} />
          <Route path="/contacts/:crn" element={<ContactPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          {session.viewer.organisation.kind !== "SHIPPER" && <Route path="/queues" element={<WorkQueuePage />} />}
          <Route path="/account" element={<AccountPage />} />
          <Route path="/invitation" element={<InvitationPage />} />
          {(lso || accountAdmin) && <Route path="/users" element={<UsersPage />} />}
          {(lso || accountAdmin) && <Route path="/users/:id" element={<UserPage />} />}
          {(lso || accountAdmin) && <Route path="/nominations" element={<NominationsPage />} />}
          {accountAdmin && <Route path="/organisations" element={<OrganisationsPage />} />}
          {accountAdmin && <Route path="/audit" element={<AuditLogPage />} />}
          {session.viewer.organisation.kind === "SHIPPER" && <Route path="/raise/*" element={<RaiseRoutes />} />}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Layout>
    </SessionContext.Provider>
  );
}
