import { createReadProvider, getDeployment } from "@dmex/sdk";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { closedPortUrl } from "../test/closedPortUrl";
import { createFakeChain, FakeChainProvider } from "../test/fakeChain";
import { card, factValue, renderWithDmex } from "../test/renderWithDmex";
import { TokenCard } from "./TokenCard";

describe("TokenCard", () => {
  it("shows that it is reading before the token has answered", async () => {
    renderWithDmex(<TokenCard />, { readProvider: new FakeChainProvider(createFakeChain()) });

    expect(screen.getByRole("status")).toHaveTextContent("Reading the token");
    await screen.findByText("Name");
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("shows what the token contract answers, the supply in its own unit", async () => {
    const chain = createFakeChain();
    renderWithDmex(<TokenCard />, { readProvider: new FakeChainProvider(chain) });

    await screen.findByText("Name");
    expect(factValue("Name")).toBe("Fake DMEX Coin");
    expect(factValue("Symbol")).toBe("FDMC");
    // 1_234_567_890_000 units at 6 decimals.
    expect(factValue("Total supply")).toBe("1,234,567.89 FDMC");
    expect(factValue("Decimals")).toBe("6");
    expect(factValue("Token address")).toBe(getDeployment(31337).contracts.DmcToken.address);
    expect(chain.requests).toContain("eth_call");
  });

  it("prints the DMC genesis supply as 100,000,000 DMC", async () => {
    const chain = createFakeChain({
      token: { name: "DMEX Coin", symbol: "DMC", decimals: 18, totalSupply: 100_000_000n * 10n ** 18n },
    });
    renderWithDmex(<TokenCard />, { readProvider: new FakeChainProvider(chain) });

    await waitFor(() => expect(factValue("Total supply")).toBe("100,000,000 DMC"));
  });

  it("follows the supply as it changes", async () => {
    const chain = createFakeChain();
    renderWithDmex(<TokenCard />, { readProvider: new FakeChainProvider(chain), pollIntervalMs: 30 });
    await waitFor(() => expect(factValue("Total supply")).toBe("1,234,567.89 FDMC"));

    chain.token = { ...chain.token, totalSupply: 2_000_000n };
    await waitFor(() => expect(factValue("Total supply")).toBe("2 FDMC"));
  });

  it("names the chain and the supported ones when DMEX is not deployed there", async () => {
    const chain = createFakeChain({ chainId: 1 });
    renderWithDmex(<TokenCard />, { readProvider: new FakeChainProvider(chain), chainId: 1 });

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("DMEX is not deployed on chain 1");
    expect(alert).toHaveTextContent("Supported chain ids: 31337.");
    expect(chain.requests).not.toContain("eth_call");
  });

  it("says so when the node runs another chain than the page expects", async () => {
    const chain = createFakeChain({ chainId: 5 });
    renderWithDmex(<TokenCard />, { readProvider: new FakeChainProvider(chain, undefined, 31337) });

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(
      "The node at http://fake-node.test:8545 runs chain 5, but this page is set up for chain 31337",
    );
    expect(chain.requests).not.toContain("eth_call");
  });

  it("says the token is missing when its recorded address has no code", async () => {
    const chain = createFakeChain({ tokenAddress: "0x000000000000000000000000000000000000dEaD" });
    renderWithDmex(<TokenCard />, { readProvider: new FakeChainProvider(chain) });

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("DMC token not found");
    expect(alert).toHaveTextContent("restart the local stack with npm start");
  });

  it("waits quietly while the chain is down, leaving the explanation to the chain card", async () => {
    const url = await closedPortUrl();
    renderWithDmex(<TokenCard />, { readProvider: createReadProvider(url, 31337) });

    expect(await within(card("Governance token")).findByText(/Waiting for the chain/)).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
