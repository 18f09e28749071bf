import type { Marketplace } from "../generated/typechain/index.js";
import { type FeeShares, feeShares } from "./feeMath.js";
import { callMarket, marketLinks } from "./payment.js";

/** How the marketplace would split a price now. */
export interface MarketQuote extends FeeShares {
  /** A primary sale (channel fee; `net` is the escrow) or a secondary one (trading fee; `net` is the seller's). */
  readonly primary: boolean;
  readonly price: bigint;
  /** The channel fee (primary) or the trading fee (secondary). */
  readonly fee: bigint;
  /** The new certificate's escrow in the vault (primary) or the seller's proceeds (secondary). */
  readonly net: bigint;
  /**
   * For a secondary sale of a certificate: the yield it has accrued so far (yield token units), which the seller
   * keeps (the marketplace pays it to the seller at the sale, the yield rule), so the buyer's price buys the
   * remaining stream only. 0n for a primary sale.
   */
  readonly sellerYield: bigint;
}

/**
 * The marketplace's `quote` for selling `tokenId` (an existing certificate, a secondary sale) at `price` now
 * (fee and net), with the fee's shares of the insurance reserve and the treasury (`feeShares` over the current
 * insurance share) and the yield the seller keeps. Throws `ContractRevertError`
 * (`RiskControlVault_UnknownCertificate`) for a certificate that does not exist.
 *
 * @example
 * ```ts
 * const { fee, net, sellerYield } = await readQuote(marketplace, tokenId, parseUnits("1000", 6));
 * ```
 */
export async function readQuote(
  marketplace: Marketplace,
  tokenId: bigint,
  price: bigint,
): Promise<MarketQuote> {
  const { vault } = await marketLinks(marketplace);
  const [quote, fees, sellerYield] = await callMarket(marketplace, () =>
    Promise.all([marketplace.quote(price, false), marketplace.fees(), vault.claimable(tokenId)]),
  );
  return {
    primary: false,
    price,
    fee: quote.fee,
    net: quote.net,
    sellerYield,
    ...feeShares(quote.fee, fees.insuranceShareBps),
  };
}

/**
 * The marketplace's `quote` for a primary purchase at `price` (e.g. `units × pricePerUnit`): the channel fee and
 * the escrow the new certificate gets, with the fee's shares.
 *
 * @example
 * ```ts
 * const { fee, net } = await readPrimaryQuote(marketplace, 10n * pricePerUnit);
 * ```
 */
export async function readPrimaryQuote(marketplace: Marketplace, price: bigint): Promise<MarketQuote> {
  const [quote, fees] = await callMarket(marketplace, () =>
    Promise.all([marketplace.quote(price, true), marketplace.fees()]),
  );
  return {
    primary: true,
    price,
    fee: quote.fee,
    net: quote.net,
    sellerYield: 0n,
    ...feeShares(quote.fee, fees.insuranceShareBps),
  };
}
