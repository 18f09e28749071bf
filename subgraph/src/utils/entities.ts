// Getters shared by the mappings (AssemblyScript, compiled by `graph build`). Each get-or-create saves a
// new entity at once, so that it exists in the store (and can be referenced) whatever the caller does next.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";

import { Account, Asset, AssetDay, Delegate, Protocol, ProtocolDay, Token } from "../../generated/schema";
import { BI_ZERO, PROTOCOL_ID, SECONDS_PER_DAY, TOKEN_DECIMALS, TOKEN_NAME, TOKEN_SYMBOL } from "./constants";

/** Id of an immutable per-event entity: transaction hash ++ log index. */
export function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

export function getOrCreateToken(address: Address): Token {
  let token = Token.load(address);
  if (token == null) {
    token = new Token(address);
    token.name = TOKEN_NAME;
    token.symbol = TOKEN_SYMBOL;
    token.decimals = TOKEN_DECIMALS;
    token.totalSupply = BI_ZERO;
    token.holderCount = 0;
    token.save();
  }
  return token as Token;
}

export function getOrCreateAccount(address: Address): Account {
  let account = Account.load(address);
  if (account == null) {
    account = new Account(address);
    account.balance = BI_ZERO;
    account.certificateCount = 0;
    account.save();
  }
  return account as Account;
}

export function getOrCreateDelegate(address: Address): Delegate {
  let delegate = Delegate.load(address);
  if (delegate == null) {
    delegate = new Delegate(address);
    delegate.account = getOrCreateAccount(address).id;
    delegate.votingPower = BI_ZERO;
    delegate.numberOfDelegators = 0;
    delegate.save();
  }
  return delegate as Delegate;
}

/**
 * Adds `delta` (negative to debit) to `account`'s balance and keeps `token.holderCount` exact: it changes
 * only when the balance crosses zero. The caller saves both entities.
 */
export function adjustBalance(account: Account, token: Token, delta: BigInt): void {
  const wasHolder = account.balance.gt(BI_ZERO);
  account.balance = account.balance.plus(delta);
  const isHolder = account.balance.gt(BI_ZERO);
  if (isHolder && !wasHolder) token.holderCount = token.holderCount + 1;
  if (wasHolder && !isHolder) token.holderCount = token.holderCount - 1;
}

/** The one Protocol entity. */
export function getOrCreateProtocol(): Protocol {
  let protocol = Protocol.load(PROTOCOL_ID);
  if (protocol == null) {
    protocol = new Protocol(PROTOCOL_ID);
    protocol.coinCount = 0;
    protocol.applicationCount = 0;
    protocol.minerCount = 0;
    protocol.offeringCount = 0;
    protocol.certificateCount = 0;
    protocol.certificateHolderCount = 0;
    protocol.saleCount = 0;
    protocol.primarySaleCount = 0;
    protocol.proposalCount = 0;
    protocol.dmcHolderCount = 0;
    protocol.save();
  }
  return protocol as Protocol;
}

export function getOrCreateAsset(address: Address): Asset {
  let asset = Asset.load(address);
  if (asset == null) {
    asset = new Asset(address);
    asset.paymentAllowed = false;
    asset.saleVolume = BI_ZERO;
    asset.primaryVolume = BI_ZERO;
    asset.secondaryVolume = BI_ZERO;
    asset.feeVolume = BI_ZERO;
    asset.escrowDeposited = BI_ZERO;
    asset.escrowReleased = BI_ZERO;
    asset.refunded = BI_ZERO;
    asset.yieldDeposited = BI_ZERO;
    asset.yieldClaimed = BI_ZERO;
    asset.save();
  }
  return asset as Asset;
}

/** Days since 1970-01-01 (UTC) of a block timestamp in seconds. */
export function utcDay(timestamp: BigInt): i32 {
  return timestamp.div(SECONDS_PER_DAY).toI32();
}

/** The day's 4-byte big-endian id, so that ids sort by day. */
function dayBytes(day: i32): Bytes {
  return Bytes.fromHexString("0x".concat(day.toString(16).padStart(8, "0")));
}

export function getOrCreateProtocolDay(timestamp: BigInt): ProtocolDay {
  const day = utcDay(timestamp);
  const id = dayBytes(day);
  let stats = ProtocolDay.load(id);
  if (stats == null) {
    stats = new ProtocolDay(id);
    stats.day = day;
    stats.date = BigInt.fromI32(day).times(SECONDS_PER_DAY);
    stats.saleCount = 0;
    stats.primarySaleCount = 0;
    stats.certificatesMinted = 0;
    stats.newHolders = 0;
    stats.voteCount = 0;
    stats.save();
  }
  return stats as ProtocolDay;
}

export function getOrCreateAssetDay(asset: Address, timestamp: BigInt): AssetDay {
  const day = utcDay(timestamp);
  const id = asset.concat(dayBytes(day));
  let stats = AssetDay.load(id);
  if (stats == null) {
    stats = new AssetDay(id);
    stats.asset = getOrCreateAsset(asset).id;
    stats.day = day;
    stats.date = BigInt.fromI32(day).times(SECONDS_PER_DAY);
    stats.saleVolume = BI_ZERO;
    stats.primaryVolume = BI_ZERO;
    stats.secondaryVolume = BI_ZERO;
    stats.feeVolume = BI_ZERO;
    stats.escrowDeposited = BI_ZERO;
    stats.escrowReleased = BI_ZERO;
    stats.refunded = BI_ZERO;
    stats.yieldDeposited = BI_ZERO;
    stats.yieldClaimed = BI_ZERO;
    stats.save();
  }
  return stats as AssetDay;
}

/**
 * Adds `amount` to the running total `field` of `token`, a BigInt field both Asset and AssetDay have (e.g.
 * "yieldClaimed"): overall and on the day of `timestamp`.
 */
export function addToAssetTotals(token: Address, timestamp: BigInt, field: string, amount: BigInt): void {
  const asset = getOrCreateAsset(token);
  asset.setBigInt(field, asset.getBigInt(field).plus(amount));
  asset.save();
  const day = getOrCreateAssetDay(token, timestamp);
  day.setBigInt(field, day.getBigInt(field).plus(amount));
  day.save();
}
