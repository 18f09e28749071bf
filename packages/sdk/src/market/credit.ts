import type { ContractTransactionReceipt } from "ethers";

import type { Marketplace } from "../generated/typechain/index.js";
import { firstEvent, requireSender, withGasMargin } from "../transaction.js";
import { callMarket, paymentTokenOf, sendMarket } from "./payment.js";

/**
 * Payments credited to `account` in `token` (`creditOf`): refunds of outbid bids and auction proceeds whose
 * transfer failed (a blocklisted or reverting receiver), waiting for {@link withdrawCredit}.
 *
 * @example
 * ```ts
 * const credit = await readCredit(marketplace, account, usdcAddress);
 * ```
 */
export async function readCredit(marketplace: Marketplace, account: string, token: string): Promise<bigint> {
  return callMarket(marketplace, () => marketplace.creditOf(account, token));
}

/** What {@link withdrawCredit} returns, from the `CreditWithdrawn` event. */
export interface WithdrawCreditResult {
  readonly token: string;
  readonly amount: bigint;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Sends the marketplace's signer its credited payments in `token` (also while the marketplace is paused).
 * Throws `ContractRevertError` (`Marketplace_NothingToWithdraw`) when there are none.
 *
 * @example
 * ```ts
 * if ((await readCredit(marketplace, me, usdcAddress)) > 0n) await withdrawCredit(asMe.marketplace, usdcAddress);
 * ```
 */
export async function withdrawCredit(marketplace: Marketplace, token: string): Promise<WithdrawCreditResult> {
  requireSender(marketplace, "withdrawCredit");
  const { meta } = await paymentTokenOf(marketplace, token);
  const receipt = await sendMarket(marketplace, withGasMargin(marketplace.withdrawCredit, token), meta);
  const withdrawn = firstEvent(receipt, marketplace, marketplace.getEvent("CreditWithdrawn"));
  return { token: withdrawn.args.token, amount: withdrawn.args.amount, receipt };
}
