// Whole-transaction gas of the marketplace's everyday transactions, measured on anvil (hardfork prague) by
// running the story of src/market/marketplace.e2e.test.ts (test/marketWorld.ts) through the SDK and
// reading the receipts' `gasUsed` (intrinsic 21,000 and calldata included, refunds deducted). Writes
// bench/results/marketplace-tx-gas.json and .md. Run: `pnpm --filter @dmex/sdk bench` (after a build).
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { cpus } from "node:os";

import { foundryBinary, freePort, rpc } from "@dmex/contracts/node";
import { localChainSnapshot } from "@dmex/testing/chainSnapshot";
import { test } from "vitest";
import { parseDeployment } from "../src/deployment.js";
import { createReadProvider } from "../src/provider.js";
import { type MarketTxGas, marketCast, marketTxGas, runMarketStory } from "../test/marketWorld.js";
import { vaultWorld } from "../test/vaultWorld.js";

const HARDFORK = "prague";
const RESULTS = new URL("./results/", import.meta.url);

/** Figures measured by other projects (DESIGN §3.6), to read ours against. */
const ANCHORS = {
  seaport: 93_700, // Seaport 1.6 ERC-721 purchase
  seaportWithFee: 129_800, // the same with one fee recipient
  zoraCreateAndFirstBid: 157_900, // Zora reserve auction: create + first bid
};

test("marketplace transaction gas → bench/results/marketplace-tx-gas.{json,md}", async () => {
  const { url, stop, version } = await startAnvil(HARDFORK);
  const provider = createReadProvider(url, 31337);
  try {
    const { state, deployment } = await localChainSnapshot();
    await rpc(url, "anvil_loadState", [state]);
    const info = (await rpc(url, "anvil_nodeInfo")) as { hardFork?: string };
    if (info.hardFork?.toLowerCase() !== HARDFORK)
      throw new Error(`anvil runs ${info.hardFork}, not ${HARDFORK}`);

    const world = vaultWorld({
      anvil: { url, port: 0, pid: undefined, stop },
      deployment: parseDeployment(deployment),
      provider,
    });
    const figures = marketTxGas(await runMarketStory(world, marketCast(world)));

    const cpu = cpus();
    const machine = `${version} --hardfork ${HARDFORK}; Node ${process.version}; ${process.platform} ${process.arch}, ${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}`;
    const result = { name: "marketplace-tx-gas", date: new Date().toISOString(), machine, figures };
    await writeFile(new URL("marketplace-tx-gas.json", RESULTS), `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(new URL("marketplace-tx-gas.md", RESULTS), table(figures, result.date, machine));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    provider.destroy();
    await stop();
  }
});

function table(gas: MarketTxGas, date: string, machine: string): string {
  const k = (value: number) => `${(value / 1000).toFixed(1)}k`;
  const rows: [string, string, string][] = [
    [
      "Primary buy (`buyPrimary` of 10 units: 5% channel fee accrued for treasury + insurance, one certificate minted, escrow recorded in the vault)",
      k(gas.primaryBuy),
      `Seaport 1.6 ERC-721 purchase ${k(ANCHORS.seaport)}`,
    ],
    [
      "Secondary buy (`buy`: 2% trading fee accrued for treasury + insurance, proceeds to the seller)",
      k(gas.secondaryBuy),
      `Seaport 1.6 with one fee recipient ${k(ANCHORS.seaportWithFee)}`,
    ],
    [
      "Create primary auction of a lot (reserved in the vault) + first bid",
      k(gas.createAuction + gas.firstBid),
      `Zora reserve auction create + first bid ${k(ANCHORS.zoraCreateAndFirstBid)}`,
    ],
    ["First bid (starts the clock)", k(gas.firstBid), ""],
    ["Outbid (repays the previous bidder, extends the end)", k(gas.outbid), ""],
    [
      "Settle (primary lot: certificate minted to the winner, escrow recorded in the vault)",
      k(gas.settle),
      "",
    ],
    ["First primary buy of the marketplace (cold storage everywhere)", k(gas.firstPrimaryBuy), ""],
  ];
  return [
    "# Marketplace transaction gas",
    "",
    "Whole-transaction figures on anvil (prague): each receipt's `gasUsed`, so the 21,000 intrinsic gas and",
    "calldata are included and storage refunds deducted, measured by `pnpm --filter @dmex/sdk bench`",
    "(`bench/marketplace-tx-gas.ts`), which runs the story of `src/market/marketplace.e2e.test.ts` through the",
    "SDK. The anchors are the figures DESIGN §3.6 quotes from those projects; the Solidity gas snapshots",
    "(`packages/contracts/snapshots/marketplace.json`) measure calls inside a test instead and are lower.",
    "",
    "| Transaction | DMEX | Anchor |",
    "|---|---:|---|",
    ...rows.map(([name, ours, anchor]) => `| ${name} | ${ours} | ${anchor} |`),
    "",
    `Exact gas: ${Object.entries(gas)
      .map(([name, value]) => `${name} ${value.toLocaleString("en-US")}`)
      .join(", ")}.`,
    "",
    `Measured ${date.slice(0, 10)} on ${machine}.`,
    "",
  ].join("\n");
}

/** anvil on a free port with the given hardfork (the npm anvil 1.7 defaults to a later one). */
async function startAnvil(hardfork: string) {
  const binary = foundryBinary("anvil");
  const version = await new Promise<string>((resolve, reject) => {
    const child = spawn(binary, ["--version"]);
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once("error", reject);
    // "anvil Version: 1.7.1-…" → "anvil 1.7.1-…"
    child.once("close", () => resolve(out.split("\n")[0]?.replace("Version: ", "").trim() || "anvil"));
  });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ["--host", "127.0.0.1", "--port", String(port), "--chain-id", "31337", "--hardfork", hardfork];
  const child = spawn(binary, [...args, "--silent"], { stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    child.kill("SIGTERM");
    await exited;
  };
  for (let waited = 0; ; waited += 50) {
    try {
      await rpc(url, "eth_chainId");
      return { url, stop, version };
    } catch (error) {
      if (waited > 15_000) {
        await stop();
        throw error;
      }
      await new Promise((done) => setTimeout(done, 50));
    }
  }
}
