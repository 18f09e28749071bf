import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

import { useDmexEnvironment } from "../DmexEnvironment";
import type { WalletDetail } from "../lib/eip6963";
import { addWallet, discoverWallets, watchWallets } from "../lib/eip6963";
import { queryKeys } from "./queryKeys";

/**
 * Injected wallets found per EIP-6963. Pending while the first request is out; wallets that announce
 * later (an extension that loads late) are added to the same cache entry as they arrive.
 */
export function useWallets() {
  const queryClient = useQueryClient();
  const { walletDiscoveryMs } = useDmexEnvironment();

  useEffect(
    () =>
      watchWallets(window, (wallet) => {
        queryClient.setQueryData<readonly WalletDetail[]>(queryKeys.wallets, (known = []) =>
          addWallet(known, wallet),
        );
      }),
    [queryClient],
  );

  return useQuery({
    queryKey: queryKeys.wallets,
    queryFn: async () => {
      const found = await discoverWallets(window, walletDiscoveryMs);
      // Merged with the cache because the listener above may have recorded wallets in the meantime.
      const known = queryClient.getQueryData<readonly WalletDetail[]>(queryKeys.wallets) ?? [];
      return found.reduce(addWallet, known);
    },
    staleTime: Number.POSITIVE_INFINITY,
    // Providers are live objects; structural sharing would walk into them for nothing.
    structuralSharing: false,
  });
}
