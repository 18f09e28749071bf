import type { BlockPtr } from "../types.js";

/** The node answered the JSON-RPC request with an error object. */
export class RpcError extends Error {
  override readonly name = "RpcError";
  constructor(
    readonly method: string,
    readonly code: number,
    readonly rpcMessage: string,
    readonly data: unknown,
  ) {
    super(`${method} failed: ${rpcMessage} (code ${code})`);
  }
}

/** The node could not be reached, or did not answer in time, or answered with a non-JSON-RPC HTTP status. */
export class RpcTransportError extends Error {
  override readonly name = "RpcTransportError";
  constructor(
    readonly url: string,
    readonly method: string,
    message: string,
    /** HTTP status when the server answered, null for network errors and timeouts. */
    readonly status: number | null,
    readonly timedOut: boolean,
    options?: { cause?: unknown },
  ) {
    super(`${method} to ${url}: ${message}`, options);
  }
}

/** Retries gave up (the client was configured with a finite retry budget, or it was stopped). */
export class RpcRetriesExhaustedError extends Error {
  override readonly name = "RpcRetriesExhaustedError";
  constructor(
    readonly method: string,
    readonly attempts: number,
    readonly lastError: Error,
  ) {
    super(`${method}: gave up after ${attempts} attempts: ${lastError.message}`, { cause: lastError });
  }
}

/** The answer did not have the shape the JSON-RPC spec promises (a broken or non-Ethereum endpoint). */
export class RpcResponseError extends Error {
  override readonly name = "RpcResponseError";
  constructor(
    readonly method: string,
    message: string,
  ) {
    super(`${method}: unexpected response: ${message}`);
  }
}

/** The client was stopped while a request was waiting for a retry. */
export class RpcAbortedError extends Error {
  override readonly name = "RpcAbortedError";
  constructor(readonly method: string) {
    super(`${method}: aborted`);
  }
}

/** The node answered for a block with another hash than the one being indexed: a reorg is under way. */
export class ChainMovedError extends Error {
  override readonly name = "ChainMovedError";
  constructor(readonly block: number) {
    super(`block ${block} changed while its range was being read (a reorg); reading it again`);
  }
}

/**
 * No block pointer the store kept is on the node's chain any more, and older pointers were pruned: the fork is
 * deeper than the store can check, so the indexer cannot find where to revert to. Retrying cannot help.
 */
export class ReorgBeyondKeptBlocksError extends Error {
  override readonly name = "ReorgBeyondKeptBlocksError";
  /** Blocks the reorg replaced at the least: from the block found off the chain down to the oldest kept one. */
  readonly minDepth: number;
  constructor(
    /** The block found no longer on the chain (the store's head). */
    readonly block: number,
    /** The oldest kept pointer, also off the chain; null when none was kept at or below `block`. */
    readonly oldestKept: BlockPtr | null,
    /** Pointers below this block were pruned. */
    readonly prunedBelow: number,
  ) {
    const floor = oldestKept?.number ?? block;
    const minDepth = block - floor + 1;
    const oldest = oldestKept
      ? `none of the kept block pointers is, down to the oldest, block ${oldestKept.number} (${oldestKept.hash})`
      : `no block pointer at or below it is kept`;
    super(
      `a reorg at least ${minDepth} blocks deep, deeper than the kept block pointers: block ${block} is no ` +
        `longer on the chain and ${oldest}; the pointers below block ${prunedBelow} were pruned, so the ` +
        "common ancestor cannot be found. Reset the store and index again from the start block " +
        "(dmex-indexer reset --db <path>); to survive reorgs this deep, keep more block pointers " +
        "(--block-retention, library option blockRetention) or stay further behind the head (--confirmations)",
    );
    this.minDepth = minDepth;
  }
}
