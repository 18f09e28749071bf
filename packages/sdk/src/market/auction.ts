import { type ContractTransactionReceipt, ZeroAddress } from "ethers";

import type { Marketplace } from "../generated/typechain/index.js";
import { firstEvent, requireSender, signerAddress, withGasMargin } from "../transaction.js";
import { decodeTokenId } from "../vault/tokenId.js";
import {
  type AuctionPhase,
  auctionPhase,
  MAX_AUCTION_DURATION,
  MIN_AUCTION_DURATION,
} from "./auctionMath.js";
import type { CertificateApprovalOptions } from "./listing.js";
import {
  approveCertificateIfNeeded,
  callMarket,
  chainTime,
  checkPrice,
  checkSellable,
  marketLinks,
  marketRevert,
  sendMarket,
} from "./payment.js";

/** An English auction as the marketplace stores it, with its minimum next bid and phase now. */
export interface AuctionDetails {
  readonly auctionId: bigint;
  readonly seller: string;
  /**
   * The certificate, held by the marketplace until settlement or cancellation; for a primary auction the lot's
   * id, `offeringId << 32` (index 0, which no certificate has): the certificate is minted to the winner.
   */
  readonly tokenId: bigint;
  /** A primary auction of a lot of an offering's units (reserved in the vault, minted at settlement). */
  readonly primary: boolean;
  /** The offering of the certificate or of the lot. */
  readonly offeringId: bigint;
  /** For a primary auction, the lot's units; 0n for an auction of a certificate. */
  readonly units: bigint;
  readonly paymentToken: string;
  /** Lowest first bid. */
  readonly reserve: bigint;
  /** Seconds the auction runs from its first bid. */
  readonly duration: number;
  /** Unix seconds; 0 until the first bid starts the clock. */
  readonly endTime: number;
  /** Highest bid, held by the marketplace; 0 before the first bid. */
  readonly highestBid: bigint;
  /** `undefined` before the first bid. */
  readonly highestBidder: string | undefined;
  /** The marketplace's `minimumBid`: the reserve, then the highest bid plus the minimum increment. */
  readonly minimumBid: bigint;
  /** At the chain's time `now`: "AwaitingBid", "Running" or "Ended" (anyone may settle). */
  readonly phase: AuctionPhase;
  /**
   * The certificate's offering changed since the auction was created (flagged, resumed, terminated or
   * finished: its sale nonce moved), so the auction can no longer sell what it showed. It takes no bids
   * (`Marketplace_AuctionVoid`) and anyone may settle it at once, which voids it: the certificate goes back
   * to the seller and the highest bid to its bidder.
   */
  readonly voided: boolean;
  /** The chain's time the phase is for (the latest block's timestamp). */
  readonly now: number;
}

/**
 * Reads an auction, its minimum next bid and the chain's time in parallel. Throws `ContractRevertError`
 * (`Marketplace_UnknownAuction`) for an auction settled, cancelled or never created: the marketplace
 * deletes it when it ends.
 *
 * @example
 * ```ts
 * const { phase, endTime, minimumBid } = await readAuction(marketplace, auctionId);
 * ```
 */
export async function readAuction(marketplace: Marketplace, auctionId: bigint): Promise<AuctionDetails> {
  const [auction, minimumBid, now, { certificate }] = await callMarket(marketplace, () =>
    Promise.all([
      marketplace.auction(auctionId),
      marketplace.minimumBid(auctionId),
      chainTime(marketplace),
      marketLinks(marketplace),
    ]),
  );
  const saleNonce = await certificate.saleNonce(auction.tokenId);
  const endTime = Number(auction.endTime);
  return {
    auctionId,
    seller: auction.seller,
    tokenId: auction.tokenId,
    primary: auction.units > 0n,
    offeringId: decodeTokenId(auction.tokenId).offeringId,
    units: auction.units,
    paymentToken: auction.paymentToken,
    reserve: auction.reserve,
    duration: Number(auction.duration),
    endTime,
    highestBid: auction.highestBid,
    highestBidder: auction.highestBidder === ZeroAddress ? undefined : auction.highestBidder,
    minimumBid,
    phase: auctionPhase({ endTime }, now),
    voided: saleNonce !== auction.nonce,
    now,
  };
}

/**
 * The lowest amount the next bid on an auction may be (`minimumBid`). Throws `ContractRevertError`
 * (`Marketplace_UnknownAuction`).
 *
 * @example
 * ```ts
 * const minimum = await readMinimumBid(marketplace, auctionId);
 * ```
 */
export async function readMinimumBid(marketplace: Marketplace, auctionId: bigint): Promise<bigint> {
  return callMarket(marketplace, () => marketplace.minimumBid(auctionId));
}

/** What an auction asks. */
export interface AuctionParams {
  readonly tokenId: bigint;
  /** An allowlisted ERC-20. */
  readonly paymentToken: string;
  /** Lowest first bid (payment token units, fees included). */
  readonly reserve: bigint;
  /** Seconds from the first bid: 1 hour to 30 days. */
  readonly duration: number;
}

/** What {@link createAuction} returns, from the `AuctionCreated` event. */
export interface CreateAuctionResult {
  readonly auctionId: bigint;
  readonly tokenId: bigint;
  readonly seller: string;
  readonly paymentToken: string;
  readonly reserve: bigint;
  readonly duration: number;
  /** The certificate's approval receipt; `undefined` when the marketplace was already approved. */
  readonly approval: ContractTransactionReceipt | undefined;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Starts an English auction of a certificate the marketplace's signer owns; the marketplace takes the
 * certificate into custody until settlement or cancellation. The clock starts at the first bid at or above
 * the reserve. Approves the marketplace for the certificate first when needed (for all the signer's
 * certificates with `approveAll`), after checking that the auction would be accepted, so that a refused
 * auction costs no approval. A secondary sale: the winner's bid less the trading fee goes to the seller (a miner
 * auctions a lot of its offering's units with `createPrimaryAuction`). Throws `ContractRevertError`, e.g.
 * `Marketplace_DurationOutOfBounds`, `Marketplace_NotOwner`, `Marketplace_PaymentTokenNotAllowed`.
 *
 * @example
 * ```ts
 * const { auctionId } = await createAuction(asMiner.marketplace, {
 *   tokenId,
 *   paymentToken: usdcAddress,
 *   reserve: parseUnits("800", 6),
 *   duration: 24 * 3_600,
 * });
 * ```
 */
export async function createAuction(
  marketplace: Marketplace,
  params: AuctionParams,
  options: CertificateApprovalOptions = {},
): Promise<CreateAuctionResult> {
  const owner = await signerAddress(marketplace, "createAuction");
  const links = await marketLinks(marketplace);
  const { tokenId, paymentToken, reserve, duration } = params;
  const approval = await approveCertificateIfNeeded({
    marketplace,
    links,
    owner,
    tokenId,
    approveAll: options.approveAll ?? false,
    simulate: () => marketplace.createAuction.staticCall(tokenId, paymentToken, reserve, duration),
    preflight: async () => {
      await checkSellable(links, paymentToken);
      checkPrice(reserve);
      if (duration < MIN_AUCTION_DURATION || duration > MAX_AUCTION_DURATION) {
        throw marketRevert("Marketplace_DurationOutOfBounds", [
          BigInt(duration),
          BigInt(MIN_AUCTION_DURATION),
          BigInt(MAX_AUCTION_DURATION),
        ]);
      }
    },
  });
  const receipt = await sendMarket(
    marketplace,
    withGasMargin(marketplace.createAuction, tokenId, paymentToken, reserve, duration),
  );
  const created = firstEvent(receipt, marketplace, marketplace.getEvent("AuctionCreated"));
  return {
    auctionId: created.args.auctionId,
    tokenId: created.args.tokenId,
    seller: created.args.seller,
    paymentToken: created.args.paymentToken,
    reserve: created.args.reserve,
    duration: Number(created.args.duration),
    approval,
    receipt,
  };
}

/**
 * Ends an auction that has no bid and gives the certificate back to its seller, or a primary lot back to its
 * offering (seller only; also while the marketplace is paused). Throws `ContractRevertError` (`Marketplace_AuctionStarted` once bid on,
 * `Marketplace_NotSeller`).
 *
 * @example
 * ```ts
 * await cancelAuction(asSeller.marketplace, auctionId);
 * ```
 */
export async function cancelAuction(
  marketplace: Marketplace,
  auctionId: bigint,
): Promise<ContractTransactionReceipt> {
  requireSender(marketplace, "cancelAuction");
  const receipt = await sendMarket(marketplace, withGasMargin(marketplace.cancelAuction, auctionId));
  firstEvent(receipt, marketplace, marketplace.getEvent("AuctionCancelled"));
  return receipt;
}
