// Page-to-page signals within the app: when one page changes what another shows from its own
// query, it says so, and the other re-queries.

type Listener = () => void;
const readListeners = new Set<Listener>();

/** Notifications were marked read here: the unread count elsewhere is stale. */
export function announceNotificationsRead(): void {
  for (const listener of readListeners) listener();
}

export function onNotificationsRead(listener: Listener): () => void {
  readListeners.add(listener);
  return () => readListeners.delete(listener);
}
