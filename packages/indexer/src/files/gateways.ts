// Start-up check of the gateways a subgraph's file data source templates need.
import type { Subgraph } from "../manifest/index.js";
import { MissingGatewayError } from "./errors.js";
import type { FileGateways } from "./fetcher.js";

function checkUrl(option: string, value: string): string {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (url === null || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new MissingGatewayError(`${option} must be an http(s) URL, got "${value}"`);
  }
  return value;
}

/** The gateways to use; refuses a file template whose kind has none, naming the template and the option. */
export function fileGateways(
  subgraph: Subgraph,
  ipfs: string | undefined,
  arweave: string | undefined,
): FileGateways {
  const gateways: FileGateways = {
    ipfs: ipfs === undefined ? null : checkUrl("--ipfs", ipfs),
    arweave: arweave === undefined ? null : checkUrl("--arweave", arweave),
  };
  for (const t of subgraph.fileTemplates) {
    if (t.kind === "file/ipfs" && gateways.ipfs === null) {
      throw new MissingGatewayError(
        `template ${t.name} is a file/ipfs data source: give an IPFS gateway with --ipfs <url> (library option ` +
          "ipfs), e.g. a local Kubo gateway at http://127.0.0.1:8080",
      );
    }
    if (t.kind === "file/arweave" && gateways.arweave === null) {
      throw new MissingGatewayError(
        `template ${t.name} is a file/arweave data source: give an Arweave gateway with --arweave <url> ` +
          "(library option arweave), e.g. https://arweave.net",
      );
    }
  }
  return gateways;
}
