import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { type AnvilProcess, deploy, freePort, rpc, startAnvil } from "@dmex/contracts/node";
import { type Indexer, startIndexer } from "@dmex/indexer";
import { connect, createReadProvider, DmcToken__factory, getDeployment } from "@dmex/sdk";
import { ZeroAddress } from "ethers";
import type { Browser, Locator, Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchChromium } from "./chromium";

const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const resultsDir = join(webRoot, "test-results");
/** The subgraph's `graph build` output (turbo builds @dmex/subgraph before this package). */
const subgraphDir = dirname(createRequire(import.meta.url).resolve("@dmex/subgraph/package.json"));

/** Waits for `text` in `region`; on timeout, fails with what the region shows instead. */
async function showsText(region: Locator, text: string): Promise<void> {
  try {
    await region.getByText(text, { exact: true }).waitFor({ timeout: 30_000 });
  } catch (error) {
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text a person reads.
    const shown = await region.innerText().catch(() => "(nothing)");
    throw new Error(`expected "${text}" in the card, which shows:\n${shown}`, { cause: error });
  }
}

/** What the chain itself says: the accounts that ever received DMC and still hold some. */
async function dmcHoldersOnChain(rpcUrl: string): Promise<number> {
  const provider = createReadProvider(rpcUrl, 31337);
  try {
    const { dmcToken } = connect(provider, 31337);
    const transfers = await dmcToken.queryFilter(dmcToken.filters.Transfer(), 0, "latest");
    const receivers = new Set(transfers.map((log) => log.args.to).filter((to) => to !== ZeroAddress));
    const balances = await Promise.all([...receivers].map((account) => dmcToken.balanceOf(account)));
    return balances.filter((balance) => balance > 0n).length;
  } finally {
    provider.destroy();
  }
}

/** The page as a person sees it: a real browser, a real chain, the real deployment. */
describe("home page in Chromium against anvil", () => {
  let anvil: AnvilProcess;
  let server: ViteDevServer;
  let browser: Browser;
  let page: Page;
  let tokenAddress: string;
  let indexer: Indexer;
  let indexerDb: string;
  const indexerLog: string[] = [];

  beforeAll(async () => {
    anvil = await startAnvil();
    const deployment = await deploy({ rpcUrl: anvil.url });
    tokenAddress = deployment.contracts.DmcToken?.address ?? "";
    // The page uses the addresses the build generated; a fresh anvil must reproduce them.
    expect(tokenAddress).toBe(getDeployment(31337).contracts.DmcToken.address);

    // The embedded indexer on the subgraph's build, following this anvil, as `npm start` runs it.
    indexerDb = await mkdtemp(join(tmpdir(), "dmex-web-e2e-indexer-"));
    indexer = await startIndexer({
      subgraph: subgraphDir,
      rpc: anvil.url,
      db: join(indexerDb, "dmex.sqlite"),
      port: 0,
      name: "dmex",
      pollIntervalMs: 200,
      logger: {
        info: (m) => indexerLog.push(m),
        warn: (m) => indexerLog.push(m),
        error: (m) => indexerLog.push(m),
      },
    });

    process.env.VITE_RPC_URL = anvil.url;
    process.env.VITE_CHAIN_ID = "31337";
    process.env.VITE_SUBGRAPH_URL = indexer.url;
    const port = await freePort();
    server = await createServer({
      root: webRoot,
      logLevel: "error",
      server: { host: "127.0.0.1", port, strictPort: true },
    });
    await server.listen();

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await indexer?.stop();
    await anvil?.stop();
    if (indexerDb) await rm(indexerDb, { recursive: true, force: true });
  });

  it("shows DMC's name, symbol, total supply with its unit, address and the chain", async () => {
    await page.getByText("100,000,000 DMC").waitFor({ timeout: 30_000 });
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text a person reads, which is what this checks.
    const text = await page.locator("body").innerText();
    expect(text).toContain("DMEX Coin");
    expect(text).toContain("DMC");
    expect(text).toContain(tokenAddress);
    expect(text).toContain("31337");
    expect(text).toMatch(/#\d+/);
    await mkdir(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, "home.png"), fullPage: true });
  });

  it("shows the governance rules, the council and the registry's coins of the real deploy", async () => {
    await page.getByText("Filecoin", { exact: false }).waitFor({ timeout: 30_000 });
    const governance = page.getByRole("region", { name: "Governance and registry" });
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text a person reads, which is what this checks.
    const text = await governance.innerText();
    expect(text).toContain("Filecoin");
    expect(text).toContain("TH/s");
    expect(text).toContain("4 of 7");
    expect(text).toMatch(/Proposal threshold\s+100,000 DMC/);
    expect(text).toMatch(/Voting delay\s+1 min/);
    expect(text).toMatch(/Timelock delay\s+2 min/);
    expect(text).toMatch(/Treasury\s+15,000,000 DMC/);
    expect(text).toContain("3 reporters, 3 must agree");
  });

  it("shows how many accounts hold DMC, as the subgraph counts them and the chain says, and follows it", async () => {
    const subgraph = page.getByRole("region", { name: "Subgraph" });
    const holders = async () => {
      await indexer.waitForBlock(Number(await rpc(anvil.url, "eth_blockNumber")), { timeoutMs: 60_000 });
      return dmcHoldersOnChain(anvil.url);
    };
    const before = await holders();
    expect(before).toBeGreaterThan(1);
    await showsText(subgraph, `${before.toLocaleString("en-US")} accounts`);

    // The rewards reserve (anvil account 1, unlocked) sends DMC to an address that never held any.
    const reserve = (await rpc(anvil.url, "eth_accounts")) as string[];
    const newcomer = "0x00000000000000000000000000000000000d0e5e";
    await rpc(anvil.url, "eth_sendTransaction", [
      {
        from: reserve[1],
        to: tokenAddress,
        data: DmcToken__factory.createInterface().encodeFunctionData("transfer", [newcomer, 10n ** 18n]),
      },
    ]);
    const after = await holders();
    expect(after).toBe(before + 1);
    await showsText(subgraph, `${after.toLocaleString("en-US")} accounts`);
    expect(indexer.status().error ?? null, indexerLog.join("\n")).toBeNull();
  });

  it("follows new blocks", async () => {
    const before = Number(await rpc(anvil.url, "eth_blockNumber"));
    await rpc(anvil.url, "anvil_mine", ["0x7"]);
    const expected = `#${(before + 7).toLocaleString("en-US")}`;
    // In the chain card: the subgraph card shows its indexed block the same way.
    await page
      .getByRole("region", { name: "Chain" })
      .getByText(expected, { exact: true })
      .waitFor({ timeout: 15_000 });
  });

  it("says the chain is unreachable when the node stops, instead of going blank", async () => {
    await anvil.stop();
    await page.getByText(`Cannot reach the chain at ${anvil.url}`).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(resultsDir, "chain-down.png"), fullPage: true });
  });
});
