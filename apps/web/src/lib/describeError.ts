import {
  ChainMismatchError,
  ChainUnavailableError,
  ContractNotDeployedError,
  UnsupportedChainError,
} from "@dmex/sdk";
import { isError } from "ethers";

import { ConfigError } from "../config";

/** What to tell the reader about an error: a headline and what to do. `code` spans are in backticks. */
export interface ErrorDescription {
  readonly title: string;
  readonly detail: string;
}

/** Turns the errors the page can meet into sentences that say what happened and what to do next. */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof ChainUnavailableError) {
    return {
      title: "Chain unreachable",
      detail:
        `Cannot reach the chain at ${error.url}. Start the local stack with \`npm start\` ` +
        "(from the repository root); this page keeps retrying and recovers by itself.",
    };
  }
  if (error instanceof UnsupportedChainError) {
    const known = error.knownChainIds.length > 0 ? error.knownChainIds.join(", ") : "none";
    return {
      title: `DMEX is not deployed on chain ${error.chainId}`,
      detail:
        `Chain ${error.chainId} has no DMEX deployment. Supported chain ids: ${known}. ` +
        "Set `VITE_CHAIN_ID` (and `VITE_RPC_URL`) to one of them.",
    };
  }
  if (error instanceof ChainMismatchError) {
    return {
      title: `Wrong chain: ${error.actualChainId}`,
      detail:
        `The node at ${error.url} runs chain ${error.actualChainId}, but this page is set up for chain ` +
        `${error.expectedChainId} (\`VITE_CHAIN_ID\`). Point \`VITE_RPC_URL\` at the right node or change \`VITE_CHAIN_ID\`.`,
    };
  }
  if (error instanceof ConfigError) {
    return {
      title: "Invalid configuration",
      detail: `${error.message}. Fix it in \`apps/web/.env.local\` and restart.`,
    };
  }
  if (isError(error, "ACTION_REJECTED")) {
    return {
      title: "Request declined",
      detail: "The wallet declined the request. Nothing was shared; try again.",
    };
  }
  if (error instanceof ContractNotDeployedError) {
    const [title, recorded] =
      error.contractName === "DmcToken"
        ? ["DMC token not found", "the recorded DMC address"]
        : [`${error.contractName} not found`, `the recorded ${error.contractName} address`];
    return {
      title,
      detail:
        `The chain answers, but there is no contract at ${recorded}. The node was probably ` +
        "restarted without a deployment: restart the local stack with `npm start`.",
    };
  }
  if (error instanceof Error) {
    const short =
      "shortMessage" in error && typeof error.shortMessage === "string" ? error.shortMessage : null;
    return { title: "Something went wrong", detail: short ?? error.message };
  }
  return { title: "Something went wrong", detail: String(error) };
}
