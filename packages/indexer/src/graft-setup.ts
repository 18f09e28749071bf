// Start-up side of grafting: decides whether the store must be filled from the graft base now, checks the base
// as graph-node does and copies it; a store grafted before resumes without the base.
import { resolve } from "node:path";
import { toBlockPtr } from "./chain/chain-types.js";
import type { EthApi } from "./chain/eth.js";
import type { Subgraph } from "./manifest/index.js";
import { checkGraftBase, GraftError, readGraftBase, type Store } from "./store/index.js";
import type { Logger } from "./types.js";

/**
 * Grafts an empty store onto `graftBase` when the manifest has `graft:`; refuses, with what to change, a graft
 * without a base, a base without a graft, and a store indexed before with another graft or none.
 */
export async function setUpGraft(
  subgraph: Subgraph,
  store: Store,
  dbPath: string,
  graftBase: string | undefined,
  eth: EthApi,
  logger: Logger,
): Promise<void> {
  const graft = subgraph.graft;
  if (graft === null) {
    if (graftBase !== undefined) {
      throw new GraftError(
        `a graft base was given (--graft-base ${graftBase}) but the manifest has no \`graft:\`; leave the option out`,
      );
    }
    return;
  }
  const recorded = store.graftRecord();
  if (store.head() !== null) {
    if (recorded === null) {
      throw new GraftError(
        `database ${dbPath} was indexed without a graft, but the manifest grafts onto \`${graft.base}\` at block ` +
          `${graft.block}; reset the database (dmex-indexer reset --db ${dbPath}) to graft`,
      );
    }
    if (recorded.base !== graft.base || recorded.block !== graft.block) {
      throw new GraftError(
        `database ${dbPath} was grafted onto \`${recorded.base}\` at block ${recorded.block}, but the manifest ` +
          `grafts onto \`${graft.base}\` at block ${graft.block}; reset the database to graft again`,
      );
    }
    return;
  }
  if (graftBase === undefined) {
    throw new GraftError(
      `the subgraph grafts onto \`${graft.base}\` at block ${graft.block} (manifest \`graft:\`): give the base ` +
        "deployment's database with --graft-base <path> (library option graftBase); dmex-indexer does not " +
        "index without the base's data",
    );
  }
  const path = resolve(graftBase);
  const base = readGraftBase(path, graft);
  const templates = new Set([...subgraph.templates, ...subgraph.fileTemplates].map((t) => t.name));
  checkGraftBase(base, graft, store.schema, templates, dbPath);
  let ptr = base.graftPtr;
  if (ptr === null) {
    // The base kept no pointer there (no trigger in that block, or pruned): the chain's block it is.
    const header = await eth.header(graft.block);
    if (header === null) {
      throw new GraftError(`the node has no block ${graft.block} (the graft block)`);
    }
    ptr = toBlockPtr(header);
  }
  store.graftFrom(base, ptr, { base: graft.base, block: graft.block, from: path });
  logger.info(
    `grafted onto ${graft.base} (${path}, deployment ${base.deployment}) at block ${graft.block} (${ptr.hash}); ` +
      `indexing from block ${graft.block + 1}`,
  );
}
