import { graphql } from "./generated";

// Operations shared by several pages. A page's own operations live beside the page.

export const MeQuery = graphql(`
  query Me {
    me {
      id
      name
      email
      roles
      mfaChannel
      organisation {
        id
        name
        kind
      }
    }
  }
`);

export const UnreadCountQuery = graphql(`
  query UnreadCount {
    unreadNotificationCount
  }
`);

export const NotificationAddedSubscription = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      id
      crn
      status
      message
      createdAt
      read
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);
