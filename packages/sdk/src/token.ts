import { isError } from "ethers";

import { ContractNotDeployedError } from "./errors.js";
import type { DmcToken } from "./generated/typechain/index.js";

/** Static facts about the DMC token. */
export interface TokenInfo {
  readonly address: string;
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
  /** In the token's smallest unit (wei for DMC). */
  readonly totalSupply: bigint;
}

/**
 * Reads name, symbol, decimals and total supply in one round of calls. Throws
 * {@link ContractNotDeployedError} when there is no contract at the token's address.
 */
export async function readTokenInfo(token: DmcToken): Promise<TokenInfo> {
  const address = await token.getAddress();
  try {
    const [name, symbol, decimals, totalSupply] = await Promise.all([
      token.name(),
      token.symbol(),
      token.decimals(),
      token.totalSupply(),
    ]);
    return { address, name, symbol, decimals: Number(decimals), totalSupply };
  } catch (error) {
    // A call to an address without code returns "0x", which ethers reports as undecodable data.
    if (isError(error, "BAD_DATA") && error.value === "0x")
      throw new ContractNotDeployedError("DmcToken", address, { cause: error });
    throw error;
  }
}

/** Balance, delegate and voting power of one account. */
export interface AccountVotes {
  readonly balance: bigint;
  /** The zero address when the account has not delegated. */
  readonly delegate: string;
  readonly votes: bigint;
}

export async function readAccountVotes(token: DmcToken, account: string): Promise<AccountVotes> {
  const [balance, delegate, votes] = await Promise.all([
    token.balanceOf(account),
    token.delegates(account),
    token.getVotes(account),
  ]);
  return { balance, delegate, votes };
}
