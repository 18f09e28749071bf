import type { BlockPtr } from "../types.js";
import { ReorgBeyondKeptBlocksError } from "./errors.js";
import type { EthApi } from "./eth.js";

/** The block pointers the store kept for the blocks it wrote, which a reorg is checked against. */
export interface KnownBlocks {
  /** Up to `limit` kept pointers with `number ≤ at`, highest first. */
  pointersAtOrBelow(at: number, limit: number): readonly BlockPtr[];
  /**
   * The block below which pointers were dropped to bound the store (null while every pointer since the start
   * block is kept): a fork below the kept pointers may then lie below this block, where nothing can be checked.
   */
  prunedBelow(): number | null;
}

const PAGE = 50;

/**
 * The highest kept block that is still on the node's chain, or null when none is (revert everything). Kept
 * pointers may be sparse (only blocks that wrote something): reverting to the highest one that survived is
 * still exact, because the blocks between it and the fork wrote nothing.
 *
 * Throws `ReorgBeyondKeptBlocksError` when no kept pointer is on the chain and older ones were pruned: the
 * common ancestor is somewhere the store can no longer check, and reverting everything would be wrong (the
 * pruned blocks' writes are still in the store).
 */
export async function findCommonAncestor(
  eth: Pick<EthApi, "headers">,
  known: KnownBlocks,
  below: number,
): Promise<BlockPtr | null> {
  let at = below;
  let oldest: BlockPtr | null = null;
  for (;;) {
    const page = known.pointersAtOrBelow(at, PAGE);
    if (page.length === 0) break;
    const onChain = await eth.headers(page.map((p) => p.number));
    for (const [i, ptr] of page.entries()) {
      if (onChain[i]?.hash === ptr.hash) return ptr;
    }
    const lowest = page[page.length - 1];
    if (lowest === undefined) break;
    oldest = lowest;
    if (lowest.number <= 0) break;
    at = lowest.number - 1;
  }
  const prunedBelow = known.prunedBelow();
  if (prunedBelow !== null) throw new ReorgBeyondKeptBlocksError(below + 1, oldest, prunedBelow);
  return null;
}
