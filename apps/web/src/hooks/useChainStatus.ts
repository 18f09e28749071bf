import { useQuery } from "@tanstack/react-query";

import { useDmexEnvironment } from "../DmexEnvironment";
import { chainStatusQuery } from "./chainStatusQuery";

/** Chain id and latest block of the node, polled; while the node is down the error holds the URL. */
export function useChainStatus() {
  const environment = useDmexEnvironment();
  return useQuery({ ...chainStatusQuery(environment), refetchInterval: environment.pollIntervalMs });
}
