import { useMutation } from "@tanstack/react-query";
import { getAddress } from "ethers";
import { useCallback, useEffect, useState } from "react";

import type { WalletConnection } from "../lib/connectWallet";
import { connectWallet } from "../lib/connectWallet";
import { watchWalletEvents } from "../lib/walletEvents";

/**
 * The account the user shared, if any. Connecting is a mutation (it prompts the user); afterwards the
 * wallet's own events keep the account and chain current.
 */
export function useWalletConnection() {
  const [connection, setConnection] = useState<WalletConnection | null>(null);
  const mutation = useMutation({ mutationFn: connectWallet, onSuccess: setConnection });
  const { reset } = mutation;
  const wallet = connection?.wallet;

  useEffect(() => {
    if (!wallet) return;
    return watchWalletEvents(wallet.provider, {
      onAccountsChanged: (accounts) => {
        const [first] = accounts;
        setConnection((current) => (current && first ? { ...current, account: getAddress(first) } : null));
      },
      onChainChanged: (chainId) => setConnection((current) => current && { ...current, chainId }),
    });
  }, [wallet]);

  const disconnect = useCallback(() => {
    setConnection(null);
    reset();
  }, [reset]);

  return {
    connection,
    connect: mutation.mutate,
    /** The wallet whose prompt is open, if any. */
    connecting: mutation.isPending ? mutation.variables : undefined,
    error: mutation.error,
    disconnect,
  };
}
