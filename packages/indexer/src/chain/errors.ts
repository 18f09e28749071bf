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
