// DMC entities against the chain: every Account's balance is DmcToken.balanceOf, the Token's supply and
// holder count are the contract's, and each delegate's voting power is getVotes.
import type { DmexClient } from "@dmex/sdk";
import { expect } from "vitest";

import type { IndexedChain } from "../harness/indexedChain.js";
import { queryAll } from "../harness/paging.js";

interface AccountRow {
  id: string;
  balance: string;
  delegate: { id: string } | null;
}
interface AllowanceRow {
  id: string;
  owner: { id: string };
  spender: { id: string };
  value: string;
}
interface DelegateRow {
  id: string;
  votingPower: string;
  numberOfDelegators: number;
}

/** Compares the DMC entities with the chain; returns how many allowances it checked. */
export async function checkToken(chain: IndexedChain, contracts: DmexClient): Promise<number> {
  const token = contracts.dmcToken;
  const address = (await token.getAddress()).toLowerCase();
  const { token: indexed, protocol } = await chain.query<{
    token: { totalSupply: string; holderCount: number } | null;
    protocol: { dmcHolderCount: number } | null;
  }>(`{ token(id: "${address}") { totalSupply holderCount } protocol(id: "0x646d6578") { dmcHolderCount } }`);
  expect(indexed?.totalSupply).toBe((await token.totalSupply()).toString());

  const accounts = await queryAll<AccountRow>(chain, "accounts", "id balance delegate { id }");
  let holders = 0;
  for (const account of accounts) {
    const balance = await token.balanceOf(account.id);
    expect({ account: account.id, balance: account.balance }).toEqual({
      account: account.id,
      balance: balance.toString(),
    });
    if (balance > 0n && account.id !== "0x0000000000000000000000000000000000000000") holders++;
    const delegate = (await token.delegates(account.id)).toLowerCase();
    const expected = delegate === "0x0000000000000000000000000000000000000000" ? null : delegate;
    expect({ account: account.id, delegate: account.delegate?.id ?? null }).toEqual({
      account: account.id,
      delegate: expected,
    });
  }
  expect(indexed?.holderCount).toBe(holders);
  expect(protocol?.dmcHolderCount).toBe(holders);

  const delegates = await queryAll<DelegateRow>(chain, "delegates", "id votingPower numberOfDelegators");
  for (const d of delegates) {
    expect({ delegate: d.id, votes: d.votingPower }).toEqual({
      delegate: d.id,
      votes: (await token.getVotes(d.id)).toString(),
    });
    const delegators = accounts.filter((a) => a.delegate?.id === d.id).length;
    expect({ delegate: d.id, delegators: d.numberOfDelegators }).toEqual({ delegate: d.id, delegators });
  }

  // transferFrom spends an allowance without an Approval event (OpenZeppelin 5), so the chain's allowance is
  // at most the last approved value, and equal to it when `spent` says nothing was spent since.
  const allowances = await queryAll<AllowanceRow>(
    chain,
    "dmcAllowances",
    "id owner { id } spender { id } value",
  );
  for (const a of allowances) {
    expect(a.id).toBe(`${a.owner.id}${a.spender.id.slice(2)}`);
    const onChain = await token.allowance(a.owner.id, a.spender.id);
    expect(onChain, `allowance ${a.id}`).toBeLessThanOrEqual(BigInt(a.value));
  }
  return allowances.length;
}
