import { connectChecked, readTokenInfo } from "@dmex/sdk";
import { useQueryClient } from "@tanstack/react-query";

import { useDmexEnvironment } from "../DmexEnvironment";
import { chainStatusQuery } from "./chainStatusQuery";
import { queryKeys } from "./queryKeys";
import { useQueryKeepingError } from "./useQueryKeepingError";

/**
 * Name, symbol, decimals, supply and address of DMC on the configured chain. Polled because the supply
 * moves with mints and burns; each read first confirms the node is up and is the expected chain, so the
 * error says why when it is not.
 */
export function useTokenInfo() {
  const environment = useDmexEnvironment();
  const queryClient = useQueryClient();
  const { readProvider, rpcUrl, chainId, pollIntervalMs } = environment;
  return useQueryKeepingError({
    queryKey: queryKeys.tokenInfo(rpcUrl, chainId),
    queryFn: async () => {
      const status = await queryClient.fetchQuery(chainStatusQuery(environment));
      const { dmcToken } = await connectChecked(readProvider, chainId, status.chainId);
      return readTokenInfo(dmcToken);
    },
    refetchInterval: pollIntervalMs,
  });
}
