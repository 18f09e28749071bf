// What the marketplace's events say about sales and credited payments, for the write helpers' results.
import type { ContractTransactionReceipt, Log } from "ethers";

import { DmexError } from "../errors.js";
import type { Marketplace } from "../generated/typechain/index.js";
import type { SaleEvent } from "../generated/typechain/Marketplace.js";
import { eventsIn } from "../transaction.js";

/**
 * Where a sale came from, as the `Sale` event's `SaleChannel` says: `primary` is a fixed-price purchase of an
 * offering's units (`buyPrimary`; the channel id is the offering).
 */
export type SaleChannel = "listing" | "auction" | "offer" | "primary";

const SALE_CHANNELS: readonly SaleChannel[] = ["listing", "auction", "offer", "primary"];

/**
 * One sale (`Sale` event): a certificate changed hands through a listing, an auction or an offer, or was minted
 * to its buyer at its primary sale.
 */
export interface SaleRecord {
  readonly tokenId: bigint;
  readonly channel: SaleChannel;
  /** The listing, auction or offer id, or the offering of a `primary` purchase (per `channel`). */
  readonly channelId: bigint;
  readonly seller: string;
  readonly buyer: string;
  readonly paymentToken: string;
  /** Whole price the buyer paid, fees included. */
  readonly price: bigint;
  /** The channel fee (primary) or the trading fee (secondary), accrued for the insurance reserve and treasury. */
  readonly fee: bigint;
  /** `price - fee`: the certificate's escrow in the vault (primary) or the seller's proceeds (secondary). */
  readonly net: bigint;
  /** The certificate's primary sale (minted to the buyer): `net` went into the vault as its escrow. */
  readonly primary: boolean;
}

/** A payment the marketplace could not push and credited for `withdrawCredit` (`Credited` event). */
export interface CreditRecord {
  readonly account: string;
  readonly token: string;
  readonly amount: bigint;
}

export function saleOf(args: SaleEvent.OutputObject): SaleRecord {
  const channel = SALE_CHANNELS[Number(args.channel)];
  if (channel === undefined) {
    throw new DmexError("UNEXPECTED_RESPONSE", `Sale event with an unknown channel ${args.channel}`);
  }
  return {
    tokenId: args.tokenId,
    channel,
    channelId: args.channelId,
    seller: args.seller,
    buyer: args.buyer,
    paymentToken: args.paymentToken,
    price: args.price,
    fee: args.fee,
    net: args.price - args.fee,
    primary: args.primary,
  };
}

/** The sales of a receipt, in log order. */
export function salesIn(receipt: ContractTransactionReceipt, marketplace: Marketplace): SaleRecord[] {
  return eventsIn(receipt, marketplace, marketplace.getEvent("Sale")).map((sale) => saleOf(sale.args));
}

/** The payments credited instead of pushed in a receipt (an outbid bidder or a seller refusing the token). */
export function creditsIn(receipt: ContractTransactionReceipt, marketplace: Marketplace): CreditRecord[] {
  return eventsIn(receipt, marketplace, marketplace.getEvent("Credited")).map(({ args }) => ({
    account: args.account,
    token: args.token,
    amount: args.amount,
  }));
}

/** The marketplace's logs of a receipt, in order, for events whose order matters (`buyAvailable`). */
export function marketLogs(receipt: ContractTransactionReceipt, address: string): Log[] {
  return receipt.logs.filter((log) => log.address.toLowerCase() === address.toLowerCase());
}

/** A receipt whose marketplace events are not what the call emits (another contract at the address). */
export function unexpectedEvents(receipt: ContractTransactionReceipt, what: string): DmexError {
  return new DmexError("UNEXPECTED_RESPONSE", `Transaction ${receipt.hash} emitted ${what}`);
}
