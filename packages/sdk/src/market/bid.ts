import type { ContractTransactionReceipt } from "ethers";

import type { Marketplace } from "../generated/typechain/index.js";
import { firstEvent, signerAddress, withGasMargin } from "../transaction.js";
import { erc20At } from "../vault/payment.js";
import { readAuction } from "./auction.js";
import { marketLinks, payFromSigner, sendMarket } from "./payment.js";
import { creditsIn } from "./sale.js";

/** The bid a new bid beat, and how its bidder got the money back. */
export interface OutbidRefund {
  readonly bidder: string;
  readonly amount: bigint;
  /**
   * True when the transfer to the outbid bidder failed (a blocklisted or reverting receiver) and the amount
   * was credited for `withdrawCredit` instead; false when it was paid back at once.
   */
  readonly credited: boolean;
}

/** What {@link placeBid} returns, from the `BidPlaced` event (and the refund of the bid it beat). */
export interface BidResult {
  readonly auctionId: bigint;
  readonly bidder: string;
  readonly amount: bigint;
  /** The auction's end after this bid (Unix seconds). */
  readonly endTime: number;
  /** The end before this bid, as read just before sending; 0 when this was the first bid. */
  readonly previousEndTime: number;
  /** This bid started the clock (the first bid). */
  readonly started: boolean;
  /** This bid, in the last 10 minutes, moved the end to 10 minutes after it. */
  readonly extended: boolean;
  /** The previous highest bid's refund; `undefined` for the first bid. */
  readonly refund: OutbidRefund | undefined;
  /** The payment token's `approve` receipt; `undefined` when the allowance already covered the bid. */
  readonly approval: ContractTransactionReceipt | undefined;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Bids on an auction from the marketplace's signer: `amount`, or `"minimum"` for the lowest bid the
 * auction takes now (the reserve, then the highest bid plus 5% of it rounded up, read just before sending).
 * Handles the allowance as `buyListing` does. The marketplace holds the bid and repays the previous
 * highest bidder at once (or credits it when its transfer fails). A bid in the last 10 minutes moves the
 * end to 10 minutes after it (`extended`, `endTime`). Throws `ContractRevertError`, e.g.
 * `Marketplace_BidTooLow`, `Marketplace_AuctionEnded`, `Marketplace_SelfDealing` (the seller, or the
 * miner on its own certificate's primary auction), `Marketplace_AuctionVoid` (the certificate's offering
 * changed since the auction was created), before any approval is sent.
 *
 * @example
 * ```ts
 * const { endTime, extended } = await placeBid(asBidder.marketplace, auctionId, "minimum");
 * ```
 */
export async function placeBid(
  marketplace: Marketplace,
  auctionId: bigint,
  amount: bigint | "minimum",
): Promise<BidResult> {
  const bidder = await signerAddress(marketplace, "placeBid");
  const auction = await readAuction(marketplace, auctionId);
  const bid = amount === "minimum" ? auction.minimumBid : amount;
  const { meta, approval } = await payFromSigner({
    marketplace,
    owner: bidder,
    tokenAddress: auction.paymentToken,
    amount: bid,
    purpose: "this bid",
    simulate: () => marketplace.bid.staticCall(auctionId, bid),
  });
  const receipt = await sendMarket(marketplace, withGasMargin(marketplace.bid, auctionId, bid), meta);
  const placed = firstEvent(receipt, marketplace, marketplace.getEvent("BidPlaced"));
  const endTime = Number(placed.args.endTime);
  const previousEndTime = auction.endTime;
  return {
    auctionId,
    bidder: placed.args.bidder,
    amount: placed.args.amount,
    endTime,
    previousEndTime,
    started: previousEndTime === 0,
    extended: previousEndTime !== 0 && endTime > previousEndTime,
    refund: await outbidRefund(marketplace, receipt, auction.paymentToken),
    approval,
    receipt,
  };
}

/** The refund of the beaten bid: the token's transfer out of the marketplace, or a `Credited` event. */
async function outbidRefund(
  marketplace: Marketplace,
  receipt: ContractTransactionReceipt,
  tokenAddress: string,
): Promise<OutbidRefund | undefined> {
  const [credit] = creditsIn(receipt, marketplace);
  if (credit) return { bidder: credit.account, amount: credit.amount, credited: true };
  const { address } = await marketLinks(marketplace);
  const token = erc20At(tokenAddress, marketplace.runner);
  const transfer = token.getEvent("Transfer").fragment.topicHash;
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== tokenAddress.toLowerCase() || log.topics[0] !== transfer) continue;
    const parsed = token.interface.parseLog(log);
    if (parsed && String(parsed.args[0]).toLowerCase() === address.toLowerCase()) {
      return { bidder: String(parsed.args[1]), amount: BigInt(parsed.args[2]), credited: false };
    }
  }
  return undefined;
}
