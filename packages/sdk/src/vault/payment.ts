// Internal plumbing of the vault's write helpers: the ERC-20s the vault pulls from the caller (payment
// tokens for primary sales, yield tokens for deposits), their revert sources, and approve-when-short (which
// the marketplace's helpers reuse for prices, bids and offers).
import type { ContractRunner, ContractTransactionReceipt } from "ethers";

import { ContractRevertError, InsufficientBalanceError } from "../errors.js";
import {
  type BridgedToken,
  BridgedToken__factory,
  HashrateCertificate__factory,
  RiskControlVault__factory,
} from "../generated/typechain/index.js";
import { DMEX_REVERT_SOURCES, decodeRevert, type RevertSources } from "../revert.js";
import { describeRevert, type RevertContext } from "../revert-messages.js";
import { sendAndWait, withGasMargin } from "../transaction.js";
import { formatAmount } from "../units.js";

/**
 * An ERC-20 bound through the `BridgedToken` binding. Only its ERC-20 functions (`balanceOf`, `allowance`,
 * `approve`, `symbol`, `decimals`) are called, which every ERC-20 the DAO allowlists has; the binding is
 * reused so that the calls stay typed without another generated ABI.
 */
export type Erc20 = BridgedToken;

/** Binds the ERC-20 at `address` to `runner`. */
export function erc20At(address: string, runner: ContractRunner | null): Erc20 {
  return BridgedToken__factory.connect(address, runner);
}

/** A token's symbol and decimals, for messages. */
export interface TokenMeta {
  readonly address: string;
  readonly symbol: string;
  readonly decimals: number;
}

export async function readTokenMeta(token: Erc20): Promise<TokenMeta> {
  const [address, symbol, decimals] = await Promise.all([
    token.getAddress(),
    token.symbol(),
    token.decimals(),
  ]);
  return { address, symbol, decimals: Number(decimals) };
}

const VAULT_INTERFACE = RiskControlVault__factory.createInterface();
const VAULT_FIRST: RevertSources = {
  RiskControlVault: VAULT_INTERFACE,
  HashrateCertificate: HashrateCertificate__factory.createInterface(),
};
const ERC20_INTERFACE = BridgedToken__factory.createInterface();

/**
 * Revert sources for a vault call: the vault first (its AccessControl errors are its own), then the
 * certificate, then `token` under its symbol (so an `ERC20…` error names the payment or yield token, not
 * DMC), then every other DMEX ABI.
 */
export function vaultSources(token?: TokenMeta): RevertSources {
  const erc20 = token ? { [token.symbol]: ERC20_INTERFACE } : {};
  return { ...VAULT_FIRST, ...erc20, ...DMEX_REVERT_SOURCES };
}

/**
 * The revert the vault would raise, built by the SDK before sending (a check that costs no transaction): the
 * same `errorName`, `args`, `data` and message as the contract's.
 */
export function vaultRevert(
  errorName: string,
  args: readonly unknown[],
  token?: TokenMeta,
): ContractRevertError {
  const context = token ? tokenContext(token) : {};
  return new ContractRevertError({
    errorName,
    args,
    contract: "RiskControlVault",
    data: VAULT_INTERFACE.encodeErrorResult(errorName, args),
    message: describeRevert(errorName, args, { ...context, contract: "RiskControlVault" }),
  });
}

/** Formats ERC-20 amounts of reverts in `token`. */
export function tokenContext(token: TokenMeta): RevertContext {
  return { token: { symbol: token.symbol, decimals: token.decimals } };
}

/**
 * Makes sure `owner` can pay `amount` of `token` to `spender` (the vault, the marketplace) in the call
 * `simulate` stands for. When the balance or the allowance is short, simulates the call first: a revert
 * other than the token's own (missing allowance or balance) is the one the call would meet and is thrown,
 * so a call the contract would refuse costs no approval. Then throws {@link InsufficientBalanceError} when
 * the balance is short, and approves `allowance` (default: exactly `amount`) when the allowance is. Returns
 * the approval's receipt, if any.
 */
export async function approveIfShort(options: {
  readonly token: Erc20;
  readonly meta: TokenMeta;
  readonly owner: string;
  readonly spender: string;
  readonly amount: bigint;
  /**
   * What to approve when the allowance is below `amount`: at least `amount`, e.g. the most a buyer agreed
   * to pay (`maxPrice`) when a seller may still raise the price up to it. Default `amount`.
   */
  readonly allowance?: bigint;
  /** What is being paid for, for the balance message ("this deposit"). */
  readonly purpose: string;
  readonly simulate: () => Promise<unknown>;
  readonly sources: RevertSources;
}): Promise<ContractTransactionReceipt | undefined> {
  const { token, meta, owner, spender, amount, sources } = options;
  const [balance, allowance] = await Promise.all([token.balanceOf(owner), token.allowance(owner, spender)]);
  if (balance >= amount && allowance >= amount) return undefined;
  try {
    await options.simulate();
  } catch (error) {
    // The vault and the marketplace pull the token after their own checks, so the token's own errors mean
    // every other check before the pull passed.
    const revert = decodeRevert(error, sources, tokenContext(meta));
    if (
      revert?.errorName !== "ERC20InsufficientAllowance" &&
      revert?.errorName !== "ERC20InsufficientBalance"
    ) {
      throw revert ?? error;
    }
  }
  if (balance < amount) {
    const show = (value: bigint) =>
      formatAmount(value, meta.decimals, meta.symbol, { maxFractionDigits: meta.decimals });
    throw new InsufficientBalanceError({
      token: meta.address,
      account: owner,
      balance,
      needed: amount,
      message: `${owner} has ${show(balance)}; ${options.purpose} needs ${show(amount)}`,
    });
  }
  const approve = options.allowance !== undefined && options.allowance > amount ? options.allowance : amount;
  return sendAndWait(withGasMargin(token.approve, spender, approve), sources, tokenContext(meta));
}
