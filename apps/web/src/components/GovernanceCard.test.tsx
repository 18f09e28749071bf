import { createReadProvider, getDeployment } from "@dmex/sdk";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { closedPortUrl } from "../test/closedPortUrl";
import { createFakeChain, createFakeProtocol, FakeChainProvider } from "../test/fakeChain";
import { card, factValue, renderWithDmex } from "../test/renderWithDmex";
import { GovernanceCard } from "./GovernanceCard";

const TIMELOCK = getDeployment(31337).contracts.DmexTimelock.address;

function fakeChain() {
  // The fake token has 6 decimals and the symbol FDMC: 9,876,543 FDMC in the timelock.
  return createFakeChain({ balances: new Map([[TIMELOCK, 9_876_543_000_000n]]) });
}

describe("GovernanceCard", () => {
  it("shows that it is reading before the contracts have answered", async () => {
    renderWithDmex(<GovernanceCard />, { readProvider: new FakeChainProvider(fakeChain()) });

    expect(screen.getByRole("status")).toHaveTextContent("Reading governance and the registry");
    await screen.findByText("Voting delay");
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("shows what the contracts answer, every number with its unit", async () => {
    const chain = fakeChain();
    renderWithDmex(<GovernanceCard />, { readProvider: new FakeChainProvider(chain) });

    await screen.findByText("Voting delay");
    expect(factValue("Voting delay")).toBe("2 h");
    expect(factValue("Voting period")).toBe("1 day 6 h");
    expect(factValue("Proposal threshold")).toBe("250,000 FDMC");
    expect(factValue("Quorum")).toBe("1.5% of FDMC supply");
    expect(factValue("Late quorum extension")).toBe("1 h");
    expect(factValue("Timelock delay")).toBe("2 days");
    expect(factValue("Bootstrap council")).toBe("3 of 5 signers");
    expect(factValue("Treasury")).toBe("9,876,543 FDMC");
    expect(factValue("Approval window")).toBe("14 days");
    expect(factValue("Unbonding period")).toBe("3 days");
    expect(factValue("Yield oracle")).toBe("5 reporters, 3 must agree");
    const coins = within(card("Governance and registry")).getAllByRole("listitem");
    expect(coins.map((item) => item.textContent)).toEqual([
      "Kaspa · unit GH/s · yield token 0xabCD…EF01 · latest final day: 2026-11-20",
      "Aleo · unit 10 MH/s · yield token 0x9876…5432 · inactive · latest final day: none",
    ]);
    expect(screen.getByTitle("0xabCDeF0123456789AbcdEf0123456789aBCDEF01")).toBeInTheDocument();
  });

  it("follows the chain when the DAO changes a setting", async () => {
    const chain = fakeChain();
    renderWithDmex(<GovernanceCard />, { readProvider: new FakeChainProvider(chain), pollIntervalMs: 30 });
    await waitFor(() => expect(factValue("Timelock delay")).toBe("2 days"));

    chain.protocol = createFakeProtocol({ timelockDelay: 60n, coins: [] });
    await waitFor(() => expect(factValue("Timelock delay")).toBe("1 min"));
    expect(factValue("Coins")).toBe("none registered");
  });

  it("waits quietly while the chain is down, leaving the explanation to the chain card", async () => {
    const url = await closedPortUrl();
    renderWithDmex(<GovernanceCard />, { readProvider: createReadProvider(url, 31337) });

    expect(
      await within(card("Governance and registry")).findByText("Waiting for the chain to come back."),
    ).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("says so when the node runs another chain than the page expects", async () => {
    const chain = createFakeChain({ chainId: 5 });
    renderWithDmex(<GovernanceCard />, { readProvider: new FakeChainProvider(chain, undefined, 31337) });

    expect(await screen.findByRole("alert")).toHaveTextContent("runs chain 5");
    expect(chain.requests).not.toContain("eth_call");
  });
});
