import { SubgraphQueryError, SubgraphUnavailableError } from "@dmex/sdk";

import type { ErrorDescription } from "./describeError";
import { describeError } from "./describeError";

/** The subgraph's errors in words (and every other error as the rest of the page words it). */
export function describeSubgraphError(error: unknown): ErrorDescription {
  if (error instanceof SubgraphUnavailableError) {
    return {
      title: "Subgraph unreachable",
      detail:
        `Cannot reach the subgraph at ${error.url}. Start the local stack with \`npm start\` (it runs the ` +
        "indexer), or point `VITE_SUBGRAPH_URL` at a running one; this card keeps retrying.",
    };
  }
  if (error instanceof SubgraphQueryError) {
    return {
      title: "The subgraph refused the query",
      detail:
        `${error.errors[0]?.message ?? "No message"}. The subgraph at ${error.url} may be another version ` +
        "than this page expects, or may have stopped on an indexing error.",
    };
  }
  return describeError(error);
}
