import { toQuantity } from "ethers";

import type { FakeChain } from "./fakeChain";
import { answer, RpcError } from "./fakeChain";

type Listener = (...args: unknown[]) => void;

/** An injected EIP-1193 provider as a wallet extension exposes it, with the user's choices scripted. */
export interface FakeWallet {
  request(args: { method: string; params?: unknown[] | Record<string, unknown> }): Promise<unknown>;
  on(event: string, listener: Listener): void;
  removeListener(event: string, listener: Listener): void;
  /** Fires a wallet event (accountsChanged, chainChanged) as the extension would. */
  emit(event: string, ...args: unknown[]): void;
  /** Methods received, in order. */
  readonly requests: string[];
  /** The user's answer to the next account prompt. */
  approve: boolean;
  chainId: number;
  accounts: string[];
  /** Listeners currently subscribed, per event, to check the page unsubscribes. */
  listenerCount(event: string): number;
}

/** A wallet on `chain`; requests it does not handle itself go to the chain, as a wallet forwards them. */
export function createFakeWallet(chain: FakeChain, accounts: string[]): FakeWallet {
  const listeners = new Map<string, Set<Listener>>();
  let authorized = false;
  const wallet: FakeWallet = {
    requests: [],
    approve: true,
    chainId: chain.chainId,
    accounts,
    async request({ method, params }) {
      wallet.requests.push(method);
      switch (method) {
        case "eth_requestAccounts":
          if (!wallet.approve) throw new RpcError(4001, "User rejected the request.");
          authorized = true;
          return [...wallet.accounts];
        case "eth_accounts":
          return authorized ? [...wallet.accounts] : [];
        case "eth_chainId":
          return toQuantity(wallet.chainId);
        default:
          return answer(chain, method, Array.isArray(params) ? params : []);
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
    },
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener);
    },
    emit(event, ...args) {
      for (const listener of listeners.get(event) ?? []) listener(...args);
    },
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
  };
  return wallet;
}

export interface AnnouncedInfo {
  uuid: string;
  name: string;
  icon: string;
  rdns: string;
}

export const FAKE_ICON =
  "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAxIDEiLz4=";

/** Announces `provider` exactly as an extension does: a CustomEvent on window with a frozen detail. */
export function announceWallet(info: AnnouncedInfo, provider: unknown): void {
  window.dispatchEvent(
    new CustomEvent("eip6963:announceProvider", {
      detail: Object.freeze({ info: Object.freeze(info), provider }),
    }),
  );
}

/**
 * Makes `provider` answer every EIP-6963 request, the way installed extensions behave. Returns the
 * function that uninstalls it.
 */
export function installWallet(info: AnnouncedInfo, provider: unknown): () => void {
  const onRequest = () => announceWallet(info, provider);
  window.addEventListener("eip6963:requestProvider", onRequest);
  return () => window.removeEventListener("eip6963:requestProvider", onRequest);
}
