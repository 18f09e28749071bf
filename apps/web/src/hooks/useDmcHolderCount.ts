import { createSubgraphClient, readDmcHolderCount } from "@dmex/sdk";
import { useMemo } from "react";

import { useDmexEnvironment } from "../DmexEnvironment";
import { useSubgraphSetting } from "../SubgraphEnvironment";
import { useQueryKeepingError } from "./useQueryKeepingError";

/** How long a subgraph read may take before the subgraph counts as unreachable. */
export const SUBGRAPH_TIMEOUT_MS = 5_000;

export const dmcHolderCountKey = (subgraphUrl: string | undefined) =>
  ["dmcHolderCount", subgraphUrl] as const;

/**
 * The number of DMC holders as the subgraph counts them (and the block it is as of), polled like the chain
 * reads. Disabled when no subgraph is configured.
 */
export function useDmcHolderCount() {
  const { pollIntervalMs } = useDmexEnvironment();
  const setting = useSubgraphSetting();
  const client = useMemo(
    () => (setting.url ? createSubgraphClient(setting.url, { timeoutMs: SUBGRAPH_TIMEOUT_MS }) : undefined),
    [setting.url],
  );
  return useQueryKeepingError({
    queryKey: dmcHolderCountKey(setting.url),
    queryFn: async () => {
      if (!client) throw new Error("no subgraph configured");
      // react-query refuses `undefined` as data: "not indexed yet" travels as null.
      return (await readDmcHolderCount(client)) ?? null;
    },
    enabled: client !== undefined,
    refetchInterval: pollIntervalMs,
  });
}
