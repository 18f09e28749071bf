import type { Eip1193Provider } from "ethers";

type Listener = (...args: unknown[]) => void;

/** The optional event half of EIP-1193; many wallets have it, the ethers type does not require it. */
interface Eip1193Events {
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
}

function hasEvents(provider: Eip1193Provider): provider is Eip1193Provider & Eip1193Events {
  return (
    "on" in provider &&
    typeof provider.on === "function" &&
    "removeListener" in provider &&
    typeof provider.removeListener === "function"
  );
}

export interface WalletEventHandlers {
  /** The accounts the wallet now exposes; empty when the user disconnected the site. */
  readonly onAccountsChanged: (accounts: readonly string[]) => void;
  readonly onChainChanged: (chainId: number) => void;
}

/**
 * Follows account and chain switches made in the wallet, so the page never shows an account the wallet
 * no longer speaks for. Returns the unsubscribe function (a no-op for wallets without events).
 */
export function watchWalletEvents(provider: Eip1193Provider, handlers: WalletEventHandlers): () => void {
  if (!hasEvents(provider)) return () => {};
  const onAccounts: Listener = (accounts) => {
    handlers.onAccountsChanged(Array.isArray(accounts) ? accounts.filter((a) => typeof a === "string") : []);
  };
  const onChain: Listener = (chainId) => {
    if (typeof chainId === "string" || typeof chainId === "number") handlers.onChainChanged(Number(chainId));
  };
  provider.on("accountsChanged", onAccounts);
  provider.on("chainChanged", onChain);
  return () => {
    provider.removeListener("accountsChanged", onAccounts);
    provider.removeListener("chainChanged", onChain);
  };
}
