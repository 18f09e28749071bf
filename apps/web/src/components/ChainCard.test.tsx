import { createReadProvider } from "@dmex/sdk";
import { screen, waitFor, within } from "@testing-library/react";
import type { JsonRpcPayload, JsonRpcResult } from "ethers";
import { afterEach, describe, expect, it } from "vitest";

import { closedPortUrl } from "../test/closedPortUrl";
import type { FakeChain } from "../test/fakeChain";
import { createFakeChain, FakeChainProvider } from "../test/fakeChain";
import { card, factValue, renderWithDmex } from "../test/renderWithDmex";
import { startSilentServer } from "../test/silentServer";
import { ChainCard } from "./ChainCard";

/** A fake node that takes `latencyMs` to answer, or to fail, each request. */
class SlowFakeChainProvider extends FakeChainProvider {
  readonly #latencyMs: number;

  constructor(chain: FakeChain, latencyMs: number) {
    super(chain);
    this.#latencyMs = latencyMs;
  }

  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    await new Promise((resolve) => setTimeout(resolve, this.#latencyMs));
    return super._send(payload);
  }
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("ChainCard", () => {
  it("shows that it is connecting before the node has answered", async () => {
    const chain = createFakeChain();
    renderWithDmex(<ChainCard />, { readProvider: new FakeChainProvider(chain) });

    expect(screen.getByRole("status")).toHaveTextContent("Connecting to http://fake-node.test:8545");
    expect(screen.queryByText("Chain id")).not.toBeInTheDocument();
    await screen.findByText("Chain id");
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("shows the chain id, latest block and block time the node reports", async () => {
    const chain = createFakeChain({ chainId: 31337, blockNumber: 123_456, blockTimestamp: 1_700_000_000 });
    renderWithDmex(<ChainCard />, { readProvider: new FakeChainProvider(chain) });

    await screen.findByText("Chain id");
    expect(factValue("Chain id")).toBe("31337");
    expect(factValue("Latest block")).toBe("#123,456");
    expect(factValue("Block time")).toBe("2023-11-14 22:13:20 UTC");
    expect(factValue("RPC endpoint")).toBe("http://fake-node.test:8545");
    expect(within(card("Chain")).getByText("live · every 50 ms")).toBeInTheDocument();
  });

  it("follows new blocks by polling", async () => {
    const chain = createFakeChain({ blockNumber: 41 });
    renderWithDmex(<ChainCard />, { readProvider: new FakeChainProvider(chain), pollIntervalMs: 30 });
    await waitFor(() => expect(factValue("Latest block")).toBe("#41"));

    chain.blockNumber = 42;
    await waitFor(() => expect(factValue("Latest block")).toBe("#42"));
    chain.blockNumber = 1_000;
    await waitFor(() => expect(factValue("Latest block")).toBe("#1,000"));
  });

  it("says the chain cannot be reached, naming the URL, when nothing listens there", async () => {
    const url = await closedPortUrl();
    renderWithDmex(<ChainCard />, { readProvider: createReadProvider(url, 31337) });

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(`Cannot reach the chain at ${url}.`);
    expect(alert).toHaveTextContent("Start the local stack with npm start");
    expect(within(alert).getByText("npm start").tagName).toBe("CODE");
    expect(within(card("Chain")).getByText("down")).toBeInTheDocument();
  });

  it("recovers by itself when the node comes back", async () => {
    const chain = createFakeChain({ reachable: false, blockNumber: 9 });
    renderWithDmex(<ChainCard />, { readProvider: new FakeChainProvider(chain), pollIntervalMs: 30 });
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Cannot reach the chain at http://fake-node.test:8545.",
    );

    chain.reachable = true;
    await waitFor(() => expect(factValue("Latest block")).toBe("#9"));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("keeps explaining the outage while it tries again", async () => {
    // Each failed read takes 40 ms and a new one starts every 10 ms after it: the card spends most of
    // its time with a retry in flight, when react-query on its own reports the query as pending again.
    const chain = createFakeChain({ reachable: false });
    renderWithDmex(<ChainCard />, { readProvider: new SlowFakeChainProvider(chain, 40), pollIntervalMs: 10 });
    const chainCard = card("Chain");
    await within(chainCard).findByRole("alert");

    let vanished = "";
    const observer = new MutationObserver(() => {
      if (!within(chainCard).queryByRole("alert")) vanished ||= chainCard.textContent ?? "";
    });
    observer.observe(chainCard, { childList: true, subtree: true, characterData: true });
    try {
      const failedReads = chain.requests.length;
      await waitFor(() => expect(chain.requests.length).toBeGreaterThanOrEqual(failedReads + 4));
    } finally {
      observer.disconnect();
    }
    expect(vanished).toBe("");
    expect(within(chainCard).getByRole("alert")).toHaveTextContent("Cannot reach the chain");
    expect(within(chainCard).getByText("down")).toBeInTheDocument();
  });

  it("calls a node that never answers unreachable after the read provider's timeout", async () => {
    const server = await startSilentServer();
    cleanups.push(() => server.close());
    const readProvider = createReadProvider(server.url, 31337, { timeoutMs: 100 });
    cleanups.push(() => readProvider.destroy());
    renderWithDmex(<ChainCard />, { readProvider, pollIntervalMs: 10_000 });

    expect(screen.getByRole("status")).toHaveTextContent(`Connecting to ${server.url}`);
    expect(await screen.findByRole("alert")).toHaveTextContent(`Cannot reach the chain at ${server.url}.`);
  });
});
