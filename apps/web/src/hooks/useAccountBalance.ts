import { connectChecked, readAccountVotes } from "@dmex/sdk";
import { skipToken, useQueryClient } from "@tanstack/react-query";

import { useDmexEnvironment } from "../DmexEnvironment";
import { chainStatusQuery } from "./chainStatusQuery";
import { queryKeys } from "./queryKeys";
import { useQueryKeepingError } from "./useQueryKeepingError";

/**
 * DMC balance, delegate and votes of `account`, read through the page's own node rather than the
 * wallet: the numbers then belong to the same chain as everything else on the page, whichever network
 * the wallet is switched to, and reading costs the wallet no requests.
 */
export function useAccountBalance(account: string | undefined) {
  const environment = useDmexEnvironment();
  const queryClient = useQueryClient();
  const { readProvider, rpcUrl, chainId, pollIntervalMs } = environment;
  return useQueryKeepingError({
    queryKey: queryKeys.accountBalance(rpcUrl, chainId, account ?? ""),
    queryFn:
      account === undefined
        ? skipToken
        : async () => {
            const status = await queryClient.fetchQuery(chainStatusQuery(environment));
            const { dmcToken } = await connectChecked(readProvider, chainId, status.chainId);
            return readAccountVotes(dmcToken, account);
          },
    refetchInterval: pollIntervalMs,
  });
}
