import { connectChecked, readProtocolOverview } from "@dmex/sdk";
import { useQueryClient } from "@tanstack/react-query";

import { useDmexEnvironment } from "../DmexEnvironment";
import { chainStatusQuery } from "./chainStatusQuery";
import { queryKeys } from "./queryKeys";
import { useQueryKeepingError } from "./useQueryKeepingError";

/**
 * Governance rules, treasury, council, registry coins and oracle settings on the configured chain, read
 * only. Polled because the DAO can change any of them; like useTokenInfo, each read first confirms the
 * node is up and is the expected chain.
 */
export function useProtocolOverview() {
  const environment = useDmexEnvironment();
  const queryClient = useQueryClient();
  const { readProvider, rpcUrl, chainId, pollIntervalMs } = environment;
  return useQueryKeepingError({
    queryKey: queryKeys.protocolOverview(rpcUrl, chainId),
    queryFn: async () => {
      const status = await queryClient.fetchQuery(chainStatusQuery(environment));
      const client = await connectChecked(readProvider, chainId, status.chainId);
      return readProtocolOverview(client);
    },
    refetchInterval: pollIntervalMs,
  });
}
