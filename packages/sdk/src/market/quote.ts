import type { Marketplace } from "../generated/typechain/index.js";
import { type FeeShares, feeShares } from "./feeMath.js";
import { callMarket, marketLinks } from "./payment.js";

/** How the marketplace would split a price for a certificate now. */
export interface MarketQuote extends FeeShares {
  /** The certificate is unsold: the sale would be its primary sale. */
  readonly primary: boolean;
  readonly price: bigint;
  /** The channel fee (primary) or the trading fee (secondary). */
  readonly fee: bigint;
  /** The certificate's escrow in the vault (primary) or the seller's proceeds (secondary). */
  readonly net: bigint;
  /**
   * Yield the certificate has accrued so far (yield token units), which the seller keeps: the marketplace
   * pays it to the seller at the sale (the yield rule), so the buyer's price buys the remaining stream only.
   * 0n for an unsold certificate.
   */
  readonly sellerYield: bigint;
}

/**
 * The marketplace's `quote` for selling `tokenId` at `price` now (fee and net), with the fee's shares of
 * the insurance reserve and the treasury (`feeShares` over the current insurance share). Throws
 * `ContractRevertError` (`RiskControlVault_UnknownOffering`) for a certificate id of no offering.
 *
 * @example
 * ```ts
 * const { primary, fee, net } = await readQuote(marketplace, tokenId, parseUnits("1000", 6));
 * ```
 */
export async function readQuote(
  marketplace: Marketplace,
  tokenId: bigint,
  price: bigint,
): Promise<MarketQuote> {
  const { vault } = await marketLinks(marketplace);
  const [quote, fees, sellerYield] = await callMarket(marketplace, () =>
    Promise.all([marketplace.quote(tokenId, price), marketplace.fees(), vault.claimable(tokenId)]),
  );
  return {
    primary: quote.primary,
    price,
    fee: quote.fee,
    net: quote.net,
    sellerYield,
    ...feeShares(quote.fee, fees.insuranceShareBps),
  };
}
