#!/usr/bin/env node
// Deployment CLI.
//   node node/cli.mjs deploy --rpc-url URL   deploy to a running chain and write deployments/<chainId>.json
//   node node/cli.mjs ephemeral              deploy to a throw-away anvil (the build's local record)
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";

import { startAnvil } from "./anvil.mjs";
import { deploy, writeDeployment } from "./deploy.mjs";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    "rpc-url": { type: "string" },
    quiet: { type: "boolean", default: false },
    // Public chains: send after printing the role table without asking (for scripted deployments).
    yes: { type: "boolean", default: false },
  },
});

async function main() {
  const command = positionals[0];
  if (command === "deploy") {
    const rpcUrl = values["rpc-url"] ?? process.env.RPC_URL ?? "http://127.0.0.1:8545";
    const deployment = await deploy({ rpcUrl, review: confirm });
    const file = await writeDeployment(deployment);
    report(deployment, file);
  } else if (command === "ephemeral") {
    const anvil = await startAnvil();
    try {
      const deployment = await deploy({ rpcUrl: anvil.url });
      const file = await writeDeployment(deployment);
      report(deployment, file);
    } finally {
      await anvil.stop();
    }
  } else {
    throw new Error(`unknown command "${command ?? ""}": use "deploy --rpc-url URL" or "ephemeral"`);
  }
}

/** Prints the role table of a public deployment and asks whether to send it (or takes `--yes`). */
async function confirm(table) {
  console.log(table);
  if (values.yes) return true;
  if (!process.stdin.isTTY) {
    console.error("not a terminal: pass --yes to deploy after printing the role table");
    return false;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await prompt.question("Deploy with exactly these role holders? Type yes: ")).trim() === "yes";
  } finally {
    prompt.close();
  }
}

function report(deployment, file) {
  if (values.quiet) return;
  for (const [name, { address, blockNumber }] of Object.entries(deployment.contracts)) {
    console.log(`${name.padEnd(20)} ${address}  (block ${blockNumber})`);
  }
  console.log(`deployment record: ${file}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
