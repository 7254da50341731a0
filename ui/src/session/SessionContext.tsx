import { createContext, useContext } from "react";
import type { MeQuery } from "../graphql/generated/graphql";

export type Viewer = NonNullable<MeQuery["me"]>;

export interface Session {
  viewer: Viewer;
  /** Ask the server again who is signed in (after signing in, out, or a session ended). */
  refresh: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession is for pages behind sign-in");
  return session;
}
