import type { ContractTransactionReceipt } from "ethers";

import type { RiskControlVault } from "../generated/typechain/index.js";
import { callDecoded, firstEvent, sendAndWait, signerAddress, withGasMargin } from "../transaction.js";
import { approveIfShort, erc20At, readTokenMeta, tokenContext, vaultSources } from "./payment.js";
import { decodeTokenId } from "./tokenId.js";

/** What {@link recordPrimarySale} returns, from the `PrimarySaleRecorded` event. */
export interface PrimarySaleResult {
  readonly offeringId: bigint;
  /** The day the certificate's escrow and yield start: today, or the start of the term. */
  readonly saleDay: number;
  readonly units: bigint;
  readonly escrow: bigint;
  /** The payment token's `approve` receipt; `undefined` when the allowance already covered the amount. */
  readonly approval: ContractTransactionReceipt | undefined;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Records a certificate's primary sale for `amount` of the offering's payment token, paid by the vault's
 * signer, which must hold the vault's `MARKETPLACE_ROLE` (the marketplace; the DAO grants the role). The
 * amount becomes the certificate's escrow, released to the miner day by day against delivered yield.
 * Handles the allowance like {@link depositYield}. Throws `ContractRevertError`, e.g.
 * `AccessControlUnauthorizedAccount`, `RiskControlVault_AlreadySold`, `RiskControlVault_SalesClosed`.
 *
 * @example
 * ```ts
 * await recordPrimarySale(asMarketplace.riskControlVault, tokenId, parseUnits("3000", 6));
 * ```
 */
export async function recordPrimarySale(
  vault: RiskControlVault,
  tokenId: bigint,
  amount: bigint,
): Promise<PrimarySaleResult> {
  const owner = await signerAddress(vault, "recordPrimarySale");
  const { offeringId } = decodeTokenId(tokenId);
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
    simulate: () => vault.recordPrimarySale.staticCall(tokenId, amount),
    sources,
  });
  const receipt = await sendAndWait(
    withGasMargin(vault.recordPrimarySale, tokenId, amount),
    sources,
    tokenContext(meta),
  );
  const sale = firstEvent(receipt, vault, vault.getEvent("PrimarySaleRecorded"));
  return {
    offeringId,
    saleDay: Number(sale.args.saleDay),
    units: sale.args.units,
    escrow: sale.args.escrow,
    approval,
    receipt,
  };
}
