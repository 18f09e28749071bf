import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { type AnvilProcess, deploy, freePort, rpc, startAnvil } from "@dmex/contracts/node";
import { getDeployment } from "@dmex/sdk";
import type { Browser, Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchChromium } from "./chromium";

const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const resultsDir = join(webRoot, "test-results");

/** The page as a person sees it: a real browser, a real chain, the real deployment. */
describe("home page in Chromium against anvil", () => {
  let anvil: AnvilProcess;
  let server: ViteDevServer;
  let browser: Browser;
  let page: Page;
  let tokenAddress: string;

  beforeAll(async () => {
    anvil = await startAnvil();
    const deployment = await deploy({ rpcUrl: anvil.url });
    tokenAddress = deployment.contracts.DmcToken?.address ?? "";
    // The page uses the addresses the build generated; a fresh anvil must reproduce them.
    expect(tokenAddress).toBe(getDeployment(31337).contracts.DmcToken.address);

    process.env.VITE_RPC_URL = anvil.url;
    process.env.VITE_CHAIN_ID = "31337";
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
    await anvil?.stop();
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
    expect(text).toContain("3 reporters, 2 must agree");
  });

  it("follows new blocks", async () => {
    const before = Number(await rpc(anvil.url, "eth_blockNumber"));
    await rpc(anvil.url, "anvil_mine", ["0x7"]);
    const expected = `#${(before + 7).toLocaleString("en-US")}`;
    await page.getByText(expected, { exact: true }).waitFor({ timeout: 15_000 });
  });

  it("says the chain is unreachable when the node stops, instead of going blank", async () => {
    await anvil.stop();
    await page.getByText(`Cannot reach the chain at ${anvil.url}`).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(resultsDir, "chain-down.png"), fullPage: true });
  });
});
