import { useDmexEnvironment } from "../DmexEnvironment";
import { chainStatusQuery } from "./chainStatusQuery";
import { useQueryKeepingError } from "./useQueryKeepingError";

/** Chain id and latest block of the node, polled; while the node is down the error holds the URL. */
export function useChainStatus() {
  const environment = useDmexEnvironment();
  return useQueryKeepingError({
    ...chainStatusQuery(environment),
    refetchInterval: environment.pollIntervalMs,
  });
}
