/**
 * A file data source's file could not be had: the gateway failed, timed out, or answered bytes that are not the
 * file the CID names. Not deterministic: the block is retried with backoff, nothing of it is written.
 */
export class FileUnavailableError extends Error {
  override readonly name = "FileUnavailableError";
  readonly deterministic = false;
}

/** A source that can never be fetched as asked (a directory, an unsupported hash or codec): retried too. */
export class FileSourceError extends FileUnavailableError {}

/** A subgraph with file data source templates and no gateway for their kind: refused at start-up. */
export class MissingGatewayError extends Error {
  override readonly name = "MissingGatewayError";
}
