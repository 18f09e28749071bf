import { BrowserProvider, getAddress } from "ethers";

import type { WalletDetail } from "./eip6963";

/** An account a wallet agreed to share with the page. */
export interface WalletConnection {
  readonly wallet: WalletDetail;
  /** EIP-55 checksummed. */
  readonly account: string;
  /** The chain the wallet is on, which need not be the one the page reads. */
  readonly chainId: number;
}

/** Asks `wallet` for an account (the wallet shows its own prompt) and reads which chain it is on. */
export async function connectWallet(wallet: WalletDetail): Promise<WalletConnection> {
  const provider = new BrowserProvider(wallet.provider, undefined, { providerInfo: wallet.info });
  try {
    const accounts: unknown = await provider.send("eth_requestAccounts", []);
    const first: unknown = Array.isArray(accounts) ? accounts[0] : undefined;
    if (typeof first !== "string") throw new Error(`${wallet.info.name} did not share any account`);
    // Asked after the accounts because some wallets let the user pick the network in the same prompt.
    const chainIdHex: unknown = await provider.send("eth_chainId", []);
    if (typeof chainIdHex !== "string")
      throw new Error(`${wallet.info.name} did not say which chain it is on`);
    return { wallet, account: getAddress(first), chainId: Number(BigInt(chainIdHex)) };
  } finally {
    provider.destroy();
  }
}
