import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useMutation, useQuery, useSubscription } from "urql";
import { PageHeading } from "../../components/PageHeading";
import { Loading } from "../../components/Loading";
import { graphql } from "../../graphql/generated";
import { NotificationAddedSubscription } from "../../graphql/operations";
import { onLiveResync } from "../../graphql/client";
import { announceNotificationsRead } from "../../graphql/events";
import { statusWords, ukDateTime } from "../../format";
import { usePageTitle } from "../../session/title";
import { SomethingWentWrong } from "../errors/SomethingWentWrong";

export const NotificationsQuery = graphql(`
  query Notifications($first: Int, $after: String) {
    notifications(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id createdAt read message crn status } }
    }
    unreadNotificationCount
  }
`);

const MarkRead = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) { id read }
  }
`);

const MarkAllRead = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);

const PAGE = 25;

/** The notification area: newest first, unread said in words, new ones arriving live. */
export function NotificationsPage() {
  usePageTitle("Notifications");
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({ query: NotificationsQuery, variables: { first: PAGE, after } });
  const [, markRead] = useMutation(MarkRead);
  const [, markAll] = useMutation(MarkAllRead);
  const navigate = useNavigate();
  const [{ data: added }] = useSubscription({ query: NotificationAddedSubscription });
  const latest = added?.notificationAdded;
  useEffect(() => {
    if (latest) refetch({ requestPolicy: "network-only" });
  }, [latest, refetch]);
  useEffect(() => onLiveResync(() => refetch({ requestPolicy: "network-only" })), [refetch]);

  if (error && !data) return <SomethingWentWrong onRetry={() => refetch({ requestPolicy: "network-only" })} />;
  if (fetching && !data) return <Loading />;
  const page = data?.notifications;
  const unread = data?.unreadNotificationCount ?? 0;

  return (
    <>
      <PageHeading>Notifications</PageHeading>
      <p className="govuk-body">{unread === 0 ? "You have no unread notifications." : `You have ${unread} unread ${unread === 1 ? "notification" : "notifications"}.`}</p>
      {unread > 0 && (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={async () => {
            await markAll({});
            announceNotificationsRead();
            refetch({ requestPolicy: "network-only" });
          }}
        >
          Mark all as read
        </button>
      )}
      {page && page.edges.length === 0 && <p className="govuk-body">Nothing yet. You will be told here when a contact you raised or work on moves on.</p>}
      <ul className="govuk-list cms-notifications">
        {page?.edges.map(({ node }) => (
          <li key={node.id} className={`cms-notification${node.read ? "" : " cms-notification--unread"}`}>
            {!node.read && <strong className="govuk-tag govuk-tag--blue govuk-!-margin-bottom-1">Unread</strong>}
            <p className="govuk-body govuk-!-margin-bottom-1">
              {node.crn ? (
                <a
                  className="govuk-link"
                  href={`/contacts/${node.crn}#history`}
                  onClick={async (event) => {
                    event.preventDefault();
                    if (!node.read) {
                      await markRead({ id: node.id });
                      announceNotificationsRead();
                    }
                    navigate(`/contacts/${node.crn}#history`);
                  }}
                >
                  {node.crn}
                  {node.status && `: ${statusWords(node.status)}`}
                </a>
              ) : (
                node.message
              )}
            </p>
            {node.crn && <p className="govuk-body govuk-!-margin-bottom-1">{node.message}</p>}
            <p className="govuk-body-s govuk-!-margin-bottom-0">
              <time dateTime={node.createdAt}>{ukDateTime(node.createdAt)}</time>
            </p>
          </li>
        ))}
      </ul>
      {(after || page?.pageInfo.hasNextPage) && (
        <nav className="govuk-pagination govuk-pagination--block" aria-label="Notifications pages">
          {after && (
            <div className="govuk-pagination__prev">
              <button type="button" className="govuk-link cms-link-button" onClick={() => setAfter(null)}>
                Newest
              </button>
            </div>
          )}
          {page?.pageInfo.hasNextPage && (
            <div className="govuk-pagination__next">
              <button type="button" className="govuk-link cms-link-button" onClick={() => setAfter(page.pageInfo.endCursor)}>
                Older notifications
              </button>
            </div>
          )}
        </nav>
      )}
      <p className="govuk-body">
        <Link to="/account" className="govuk-link">
          Choose whether to get notifications by email too
        </Link>
      </p>
    </>
  );
}
