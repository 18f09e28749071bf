import { createReadProvider } from "@dmex/sdk";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import indexHtml from "../index.html?raw";
import { App } from "./App";
import { closedPortUrl } from "./test/closedPortUrl";
import { createFakeChain, FakeChainProvider } from "./test/fakeChain";
import { card, factValue, renderWithDmex } from "./test/renderWithDmex";

describe("App", () => {
  it("is titled DMEX", () => {
    expect(indexHtml).toContain("<title>DMEX</title>");

    renderWithDmex(<App />, { readProvider: new FakeChainProvider(createFakeChain()) });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("DMEX");
  });

  it("shows the chain, the token and the wallet state together", async () => {
    const chain = createFakeChain({ blockNumber: 2_048 });
    renderWithDmex(<App />, { readProvider: new FakeChainProvider(chain) });

    await waitFor(() =>
      expect(factValue("Total supply", card("Governance token"))).toBe("1,234,567.89 FDMC"),
    );
    expect(factValue("Chain id", card("Chain"))).toBe("31337");
    expect(factValue("Latest block", card("Chain"))).toBe("#2,048");
    expect(factValue("Symbol", card("Governance token"))).toBe("FDMC");
    expect(await within(card("Wallet")).findByRole("note")).toHaveTextContent("read-only");
  });

  it("still explains itself, card by card, when the chain is not running", async () => {
    const url = await closedPortUrl();
    renderWithDmex(<App />, { readProvider: createReadProvider(url, 31337) });

    expect(await within(card("Chain")).findByRole("alert")).toHaveTextContent(
      `Cannot reach the chain at ${url}.`,
    );
    expect(await within(card("Governance token")).findByText(/Waiting for the chain/)).toBeInTheDocument();
    expect(await within(card("Wallet")).findByRole("note")).toHaveTextContent("read-only");
    // One explanation, not one per card.
    expect(screen.getAllByRole("alert")).toHaveLength(1);
  });
});
