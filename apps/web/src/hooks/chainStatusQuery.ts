import { readChainStatus } from "@dmex/sdk";
import { queryOptions } from "@tanstack/react-query";

import type { DmexEnvironment } from "../DmexEnvironment";
import { queryKeys } from "./queryKeys";

/**
 * The chain status query without polling. Hooks that only need to know the node is up read it through
 * fetchQuery, which reuses a fresh answer: react-query polls per observer, so subscribing them all to a
 * polling query would multiply the requests. A node that never answers fails through the read
 * provider's own request timeout.
 */
export function chainStatusQuery(environment: DmexEnvironment) {
  return queryOptions({
    queryKey: queryKeys.chainStatus(environment.rpcUrl),
    queryFn: () => readChainStatus(environment.readProvider),
    staleTime: environment.pollIntervalMs,
  });
}
