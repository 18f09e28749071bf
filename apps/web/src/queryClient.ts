import { QueryClient } from "@tanstack/react-query";

/**
 * Every chain query polls, so the next tick is the retry: react-query's own backoff would only hold
 * back the error message while the node is down. Wallet discovery and connection must not repeat on
 * their own either (a second account prompt would be confusing).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
