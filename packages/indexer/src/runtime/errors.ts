/** An import the compiled mapping needs that this host does not provide (found at load time). */
export class MissingHostImportError extends Error {
  override readonly name = "MissingHostImportError";
  constructor(
    readonly wasmFile: string,
    readonly module: string,
    readonly importName: string,
  ) {
    super(`${wasmFile} imports ${module}.${importName}, which this host does not provide`);
  }
}

/**
 * A host call that failed in a way that fails the handler. `deterministic` follows graph-node: true when
 * indexing the same block again would fail the same way (bad input, aborts, reverts in a non-`try_` call),
 * false for failures of the environment (the JSON-RPC node unreachable).
 */
export class HostError extends Error {
  override readonly name = "HostError";
  constructor(
    message: string,
    readonly deterministic = true,
  ) {
    super(message);
  }
}

/** A handler that failed (trap, `abort`, `log.critical`, a failing host call). */
export class HandlerError extends Error {
  override readonly name: string = "HandlerError";
  constructor(
    readonly handler: string,
    readonly dataSource: string,
    readonly blockNumber: number,
    readonly blockHash: string,
    readonly reason: string,
    readonly deterministic: boolean,
  ) {
    super(
      `handler ${handler} of data source ${dataSource} failed at block ${blockNumber} (${blockHash}): ${reason}`,
    );
  }
}

/**
 * A handler stopped by the handler time limit (graph-node's `GRAPH_MAPPING_HANDLER_TIMEOUT`). It fails the
 * subgraph even under `nonFatalErrors`: a time limit depends on the machine, so skipping the handler could
 * make two indexers of the same chain disagree.
 */
export class HandlerTimeoutError extends HandlerError {
  override readonly name: string = "HandlerTimeoutError";
}
