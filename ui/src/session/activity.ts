import { mapExchange, type Exchange } from "urql";

// When the browser last spoke to the API over HTTP: each such request refreshes the session's
// idle timer on the server. Live messages over the WebSocket do not.
let lastActivity = Date.now();
const listeners = new Set<() => void>();

export function lastApiActivity(): number {
  return lastActivity;
}

export function onApiActivity(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const activityExchange: Exchange = mapExchange({
  onResult(result) {
    if (result.operation.kind !== "subscription") {
      lastActivity = Date.now();
      for (const listener of listeners) listener();
    }
    return result;
  },
});

/**
 * The server refreshes a session's idle timer at most this often, so it may see the last
 * request up to this much earlier than the browser did; the browser allows for it.
 */
export function refreshGranularitySeconds(idleTimeoutSeconds: number): number {
  return Math.min(60, Math.floor(idleTimeoutSeconds / 10));
}

/** When the session ends by the browser's reckoning (ms since the epoch). */
export function sessionDeadline(lastActivityMs: number, idleTimeoutSeconds: number, absoluteExpiresAtMs: number): number {
  const idleEnd = lastActivityMs + (idleTimeoutSeconds - refreshGranularitySeconds(idleTimeoutSeconds)) * 1000;
  return Math.min(idleEnd, absoluteExpiresAtMs);
}

/** How long before the end the warning shows: two minutes, less for a very short timeout. */
export function warningLeadSeconds(idleTimeoutSeconds: number): number {
  return Math.min(120, Math.floor(idleTimeoutSeconds / 3));
}
