/** The block a state read is made at. */
export interface CallBlock {
  readonly number: number;
  readonly hash: string;
}

export type CallOutcome =
  | { readonly kind: "ok"; readonly data: string }
  | { readonly kind: "reverted"; readonly reason: string };

/**
 * Synchronous chain access for host functions (WebAssembly host calls cannot await). Implementations throw
 * `ChainUnavailableError` for failures of the node (not deterministic: the caller retries the block).
 */
export interface SyncChain {
  call(to: string, data: string, block: CallBlock): CallOutcome;
  getBalance(address: string, block: CallBlock): bigint;
  getCode(address: string, block: CallBlock): string;
  /** Raw JSON-RPC, for what the runtime needs beyond the above (logs of data sources created mid-block). */
  request(method: string, params: readonly unknown[]): unknown;
  /** A plain HTTP GET (for `ipfs.cat` through a gateway); throws `ChainUnavailableError` when unreachable. */
  httpGet?(url: string): { readonly status: number; readonly body: Uint8Array };
}

export class ChainUnavailableError extends Error {
  override readonly name = "ChainUnavailableError";
}
