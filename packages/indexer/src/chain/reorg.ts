import type { BlockPtr } from "../types.js";
import type { EthApi } from "./eth.js";

/** The block pointers the store kept for the blocks it wrote, which a reorg is checked against. */
export interface KnownBlocks {
  /** Up to `limit` kept pointers with `number ≤ at`, highest first. */
  pointersAtOrBelow(at: number, limit: number): readonly BlockPtr[];
}

const PAGE = 50;

/**
 * The highest kept block that is still on the node's chain, or null when none is (revert everything). Kept
 * pointers may be sparse (only blocks that wrote something): reverting to the highest one that survived is
 * still exact, because the blocks between it and the fork wrote nothing.
 */
export async function findCommonAncestor(
  eth: EthApi,
  known: KnownBlocks,
  below: number,
): Promise<BlockPtr | null> {
  let at = below;
  for (;;) {
    const page = known.pointersAtOrBelow(at, PAGE);
    if (page.length === 0) return null;
    const onChain = await eth.headers(page.map((p) => p.number));
    for (const [i, ptr] of page.entries()) {
      if (onChain[i]?.hash === ptr.hash) return ptr;
    }
    const lowest = page[page.length - 1];
    if (lowest === undefined || lowest.number <= 0) return null;
    at = lowest.number - 1;
  }
}
