// Getters shared by the mappings (AssemblyScript, compiled by `graph build`). Each get-or-create saves a
// new entity at once, so that it exists in the store (and can be referenced) whatever the caller does next.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";

import { Account, Delegate, Token } from "../../generated/schema";
import { BI_ZERO, TOKEN_DECIMALS, TOKEN_NAME, TOKEN_SYMBOL } from "./constants";

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
