import type { Eip1193Provider, Eip6963ProviderInfo } from "ethers";

/** An injected wallet as announced per EIP-6963. */
export interface WalletDetail {
  readonly info: Eip6963ProviderInfo;
  readonly provider: Eip1193Provider;
}

export const ANNOUNCE_PROVIDER_EVENT = "eip6963:announceProvider";
export const REQUEST_PROVIDER_EVENT = "eip6963:requestProvider";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/**
 * The wallet in an announce event's detail, or null when it is malformed. Any script on the page can
 * dispatch the event, so nothing in it is trusted before it is checked.
 */
export function toWalletDetail(detail: unknown): WalletDetail | null {
  if (!isRecord(detail) || !isRecord(detail.info) || !isRecord(detail.provider)) return null;
  const { uuid, name, icon, rdns } = detail.info;
  const { provider } = detail;
  if (!isNonEmptyString(uuid) || !isNonEmptyString(name) || !isNonEmptyString(rdns)) return null;
  if (typeof icon !== "string" || typeof provider.request !== "function") return null;
  // The check above proves the one member the page calls; the cast only names the interface.
  return { info: { uuid, name, icon, rdns }, provider: provider as unknown as Eip1193Provider };
}

/**
 * Whether `icon` may be put in an <img>. EIP-6963 requires a data URI; anything else would make the page
 * fetch a URL of the announcer's choosing.
 */
export function isDisplayableIcon(icon: string): boolean {
  return /^data:image\/[a-z0-9.+-]+[;,]/i.test(icon);
}

/** `wallets` with `wallet` added, or replacing the one with its uuid (wallets re-announce on every request). */
export function addWallet(wallets: readonly WalletDetail[], wallet: WalletDetail): readonly WalletDetail[] {
  const index = wallets.findIndex((known) => known.info.uuid === wallet.info.uuid);
  if (index === -1) return [...wallets, wallet];
  return wallets.map((known, i) => (i === index ? wallet : known));
}

/** Calls `onWallet` for every valid announcement on `target` until the returned function is called. */
export function watchWallets(target: EventTarget, onWallet: (wallet: WalletDetail) => void): () => void {
  const listener = (event: Event) => {
    const wallet = event instanceof CustomEvent ? toWalletDetail(event.detail) : null;
    if (wallet) onWallet(wallet);
  };
  target.addEventListener(ANNOUNCE_PROVIDER_EVENT, listener);
  return () => target.removeEventListener(ANNOUNCE_PROVIDER_EVENT, listener);
}

/**
 * Asks the wallets on `target` to announce themselves and collects them for `windowMs`. Wallets usually
 * answer synchronously, but extensions that load late may answer a little later.
 */
export function discoverWallets(target: EventTarget, windowMs: number): Promise<readonly WalletDetail[]> {
  let found: readonly WalletDetail[] = [];
  const stop = watchWallets(target, (wallet) => {
    found = addWallet(found, wallet);
  });
  target.dispatchEvent(new Event(REQUEST_PROVIDER_EVENT));
  return new Promise((resolve) => {
    setTimeout(() => {
      stop();
      resolve(found);
    }, windowMs);
  });
}
