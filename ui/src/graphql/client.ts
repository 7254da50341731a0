import { Client, cacheExchange, fetchExchange, subscriptionExchange } from "urql";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import { activityExchange } from "../session/activity";

// Close codes after which what the page shows may have missed messages: 1013 (fell behind) and
// 4401 (the session ended). Listeners re-query on them.
export const RESYNC_CLOSE_CODES = new Set([1013, 4401]);

type ResyncListener = (code: number) => void;
const resyncListeners = new Set<ResyncListener>();

/** Be told when the live connection closed in a way that may have lost messages. */
export function onLiveResync(listener: ResyncListener): () => void {
  resyncListeners.add(listener);
  return () => resyncListeners.delete(listener);
}

function liveUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss:" : "ws:"}//${host}/graphql`;
}

/** The WebSocket signs in with the session cookie the browser already holds; no token here. */
export function createLiveClient(): WsClient {
  return createWsClient({
    url: liveUrl(),
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    // Exponential backoff with jitter, capped at 30 s.
    retryWait: async (retries) => {
      const delay = Math.min(30_000, 1000 * 2 ** retries) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, delay));
    },
    on: {
      closed: (event) => {
        const code = (event as CloseEvent | undefined)?.code;
        if (code !== undefined && RESYNC_CLOSE_CODES.has(code)) {
          for (const listener of resyncListeners) listener(code);
        }
      },
    },
  });
}

export function createApiClient(live: WsClient = createLiveClient()): Client {
  return new Client({
    url: "/graphql",
    // The HttpOnly session cookie travels by itself; JSON bodies are the API's CSRF defence.
    fetchOptions: { credentials: "same-origin", headers: { accept: "application/json" } },
    requestPolicy: "cache-and-network",
    exchanges: [
      cacheExchange,
      activityExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return {
            subscribe(sink) {
              const unsubscribe = live.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}
