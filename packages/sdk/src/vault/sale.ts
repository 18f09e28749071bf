import type { ContractTransactionReceipt } from "ethers";

import type { RiskControlVault } from "../generated/typechain/index.js";
import { callDecoded, firstEvent, sendAndWait, signerAddress, withGasMargin } from "../transaction.js";
import { approveIfShort, erc20At, readTokenMeta, tokenContext, vaultSources } from "./payment.js";

/** What {@link recordPrimarySale} records. */
export interface PrimarySaleRequest {
  readonly offeringId: bigint;
  /** Who receives the certificate minted. */
  readonly buyer: string;
  readonly units: bigint;
  /** The certificate's escrow (the price less the channel fee), pulled from the signer. */
  readonly amount: bigint;
  /** Take the units from those reserved for primary auctions instead of those on sale (default false). */
  readonly fromLot?: boolean;
}

/** What {@link recordPrimarySale} returns, from the `PrimarySaleRecorded` event. */
export interface PrimarySaleResult {
  readonly offeringId: bigint;
  /** The certificate minted to the buyer. */
  readonly tokenId: bigint;
  /** The day the certificate's escrow and yield start: today, or the start of the term. */
  readonly saleDay: number;
  readonly units: bigint;
  readonly escrow: bigint;
  /** The offering's units sold with this sale. */
  readonly soldUnits: bigint;
  /** The payment token's `approve` receipt; `undefined` when the allowance already covered the amount. */
  readonly approval: ContractTransactionReceipt | undefined;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Records a primary sale of `units` to `buyer` for `amount` of the offering's payment token, paid by the
 * vault's signer, which must hold the vault's `MARKETPLACE_ROLE` (the marketplace; the DAO grants the role):
 * the vault mints ONE certificate of those units to the buyer and keeps the amount as its escrow, released to
 * the miner day by day against delivered yield. Handles the allowance like {@link depositYield}. Throws
 * `ContractRevertError`, e.g. `AccessControlUnauthorizedAccount`, `RiskControlVault_SaleNotOpen`,
 * `RiskControlVault_BelowMinLot`, `RiskControlVault_UnitsUnavailable`.
 *
 * @example
 * ```ts
 * const { tokenId } = await recordPrimarySale(asMarketplace.riskControlVault, {
 *   offeringId, buyer, units: 10n, amount: parseUnits("950", 6),
 * });
 * ```
 */
export async function recordPrimarySale(
  vault: RiskControlVault,
  request: PrimarySaleRequest,
): Promise<PrimarySaleResult> {
  const owner = await signerAddress(vault, "recordPrimarySale");
  const { offeringId, buyer, units, amount } = request;
  const fromLot = request.fromLot ?? false;
  const { paymentToken } = await callDecoded(() => vault.offering(offeringId), vaultSources());
  const token = erc20At(paymentToken, vault.runner);
  const meta = await readTokenMeta(token);
  const sources = vaultSources(meta);
  const approval = await approveIfShort({
    token,
    meta,
    owner,
    spender: await vault.getAddress(),
    amount,
    purpose: "this sale",
    simulate: () => vault.recordPrimarySale.staticCall(offeringId, buyer, units, amount, fromLot),
    sources,
  });
  const receipt = await sendAndWait(
    withGasMargin(vault.recordPrimarySale, offeringId, buyer, units, amount, fromLot),
    sources,
    tokenContext(meta),
  );
  const sale = firstEvent(receipt, vault, vault.getEvent("PrimarySaleRecorded"));
  return {
    offeringId,
    tokenId: sale.args.tokenId,
    saleDay: Number(sale.args.saleDay),
    units: sale.args.units,
    escrow: sale.args.escrow,
    soldUnits: sale.args.soldUnits,
    approval,
    receipt,
  };
}
