import { screen, waitFor, within } from "@testing-library/react";
import type { ReactElement } from "react";
import { afterEach, describe, expect, it } from "vitest";

import { App } from "../App";
import type { SubgraphSetting } from "../SubgraphEnvironment";
import { SubgraphEnvironmentProvider, subgraphSettingFrom } from "../SubgraphEnvironment";
import { closedPortUrl } from "../test/closedPortUrl";
import { createFakeChain, FakeChainProvider } from "../test/fakeChain";
import { type FakeSubgraph, startFakeSubgraph } from "../test/fakeSubgraph";
import { card, factValue, renderWithDmex } from "../test/renderWithDmex";
import { SubgraphCard } from "./SubgraphCard";

const subgraphs: FakeSubgraph[] = [];
afterEach(async () => {
  await Promise.all(subgraphs.splice(0).map((s) => s.close()));
});

async function fakeSubgraph(state: Parameters<typeof startFakeSubgraph>[0]) {
  const subgraph = await startFakeSubgraph(state);
  subgraphs.push(subgraph);
  return subgraph;
}

function renderWithSubgraph(ui: ReactElement, setting: SubgraphSetting, pollIntervalMs = 50) {
  return renderWithDmex(<SubgraphEnvironmentProvider value={setting}>{ui}</SubgraphEnvironmentProvider>, {
    readProvider: new FakeChainProvider(createFakeChain()),
    pollIntervalMs,
  });
}

describe("SubgraphCard", () => {
  it("shows the number of DMC holders in accounts, with the block it is as of", async () => {
    const subgraph = await fakeSubgraph({ holderCount: 1_234, block: 5_678 });
    renderWithSubgraph(<SubgraphCard />, { url: subgraph.url });

    expect(within(card("Subgraph")).getByRole("status")).toHaveTextContent(
      `Reading the subgraph at ${subgraph.url}`,
    );
    await waitFor(() => expect(factValue("DMC holders")).toBe("1,234 accounts"));
    expect(factValue("Indexed to block")).toBe("#5,678");
    expect(factValue("GraphQL endpoint")).toBe(subgraph.url);
    expect(subgraph.operations[0]).toBe("DmcHolderCount");
  });

  it("follows the count as the subgraph indexes, and says 1 account in the singular", async () => {
    const subgraph = await fakeSubgraph({ holderCount: 2, block: 10 });
    renderWithSubgraph(<SubgraphCard />, { url: subgraph.url }, 30);
    await waitFor(() => expect(factValue("DMC holders")).toBe("2 accounts"));

    subgraph.state.holderCount = 1;
    subgraph.state.block = 11;
    await waitFor(() => expect(factValue("DMC holders")).toBe("1 account"));
    expect(factValue("Indexed to block")).toBe("#11");
  });

  it("says the subgraph has not indexed DMC yet rather than showing 0 holders", async () => {
    const subgraph = await fakeSubgraph({ holderCount: undefined, block: 3 });
    renderWithSubgraph(<SubgraphCard />, { url: subgraph.url });

    await waitFor(() =>
      expect(within(card("Subgraph")).getByRole("status")).toHaveTextContent("has not indexed DMC yet"),
    );
    expect(screen.queryByText("DMC holders")).not.toBeInTheDocument();
  });

  it("explains an unreachable subgraph, naming its URL and how to start it", async () => {
    const url = `${await closedPortUrl()}/subgraphs/name/dmex`;
    renderWithSubgraph(<SubgraphCard />, { url });

    const alert = await within(card("Subgraph")).findByRole("alert");
    expect(alert).toHaveTextContent("Subgraph unreachable");
    expect(alert).toHaveTextContent(
      `Cannot reach the subgraph at ${url}. Start the local stack with npm start`,
    );
  });

  it("comes back by itself when the subgraph answers again", async () => {
    const subgraph = await fakeSubgraph({ holderCount: 4, block: 1, error: "indexing_error" });
    renderWithSubgraph(<SubgraphCard />, { url: subgraph.url }, 30);

    const alert = await within(card("Subgraph")).findByRole("alert");
    expect(alert).toHaveTextContent("The subgraph refused the query");
    expect(alert).toHaveTextContent("indexing_error");

    delete subgraph.state.error;
    await waitFor(() => expect(factValue("DMC holders")).toBe("4 accounts"));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("tells how to configure the subgraph when VITE_SUBGRAPH_URL is not set, reading nothing", () => {
    renderWithSubgraph(<SubgraphCard />, subgraphSettingFrom({}));

    expect(within(card("Subgraph")).getByRole("note")).toHaveTextContent(
      "No subgraph configured: set VITE_SUBGRAPH_URL to its GraphQL URL (npm start does).",
    );
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("reports a malformed VITE_SUBGRAPH_URL in this card only", async () => {
    renderWithSubgraph(<App />, subgraphSettingFrom({ VITE_SUBGRAPH_URL: "localhost:8000" }));

    const alert = within(card("Subgraph")).getByRole("alert");
    expect(alert).toHaveTextContent("Invalid configuration");
    expect(alert).toHaveTextContent('VITE_SUBGRAPH_URL must be an http(s) URL, got "localhost:8000"');
    await waitFor(() =>
      expect(factValue("Total supply", card("Governance token"))).toBe("1,234,567.89 FDMC"),
    );
  });

  it("leaves the rest of the page working when the subgraph is down", async () => {
    const url = `${await closedPortUrl()}/subgraphs/name/dmex`;
    renderWithSubgraph(<App />, { url });

    expect(await within(card("Subgraph")).findByRole("alert")).toHaveTextContent("Subgraph unreachable");
    await waitFor(() =>
      expect(factValue("Total supply", card("Governance token"))).toBe("1,234,567.89 FDMC"),
    );
    expect(factValue("Chain id", card("Chain"))).toBe("31337");
    expect(screen.getAllByRole("alert")).toHaveLength(1);
  });
});
