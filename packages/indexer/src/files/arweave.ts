// Reads an Arweave transaction's data from a gateway (`<gateway>/<tx id>`, as graph-node's Arweave resolver
// does). Not verified against the transaction: that needs the transaction's signature and data root, which
// this indexer does not check (README: file data sources).
import { FileSourceError, FileUnavailableError } from "./errors.js";
import { MAX_FILE_BYTES, requestSignal } from "./ipfs.js";

/** An Arweave transaction id: 32 bytes in base64url (43 characters). */
export function isArweaveTxId(text: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(text);
}

export async function readArweaveFile(
  gateway: string,
  txId: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  if (!isArweaveTxId(txId)) throw new FileSourceError(`${txId} is not an Arweave transaction id`);
  const base = gateway.replace(/\/+$/, "");
  let response: Response;
  try {
    response = await fetch(`${base}/${txId}`, { signal: requestSignal(timeoutMs, signal) });
  } catch (error) {
    throw new FileUnavailableError(`${txId}: gateway ${base}: ${(error as Error).message}`);
  }
  if (response.status !== 200) {
    throw new FileUnavailableError(`${txId}: gateway ${base} answered HTTP ${response.status}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_FILE_BYTES)
    throw new FileSourceError(`${txId} is larger than ${MAX_FILE_BYTES} bytes`);
  return bytes;
}
