// Fetches file data sources' files with retries and exponential backoff. A file that still cannot be had
// after the attempts fails the block non-deterministically: the indexer keeps the blocks before it and retries
// the block later (with its own backoff), so nothing a file handler would write is ever skipped.
import type { FileKind } from "../manifest/index.js";
import type { Logger } from "../types.js";
import { readArweaveFile } from "./arweave.js";
import { FileUnavailableError } from "./errors.js";
import { gatewayBlocks, parseIpfsSource, readIpfsFile } from "./ipfs.js";

export interface FileGateways {
  /** An IPFS gateway's base URL (`--ipfs`), serving `/ipfs/<cid>?format=raw`. */
  readonly ipfs: string | null;
  /** An Arweave gateway's base URL (`--arweave`), serving `/<tx id>`. */
  readonly arweave: string | null;
}

export interface FileFetcherOptions {
  readonly logger?: Logger | null;
  /** Tries per file before the block fails (and is retried later). Default 5. */
  readonly attempts?: number;
  /** First wait between tries, doubled each time up to `maxDelayMs`. Default 250 ms and 8 s. */
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Time one HTTP request may take. Default 30 s. */
  readonly timeoutMs?: number;
}

/** Verified contents kept for a retried block or a reorg (at most this many bytes in all). */
const CACHE_BYTES = 64 * 1024 * 1024;

export class FileFetcher {
  private readonly cache = new Map<string, Uint8Array>();
  private cached = 0;
  private readonly attempts: number;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly gateways: FileGateways,
    private readonly options: FileFetcherOptions = {},
  ) {
    this.attempts = options.attempts ?? 5;
    this.minDelayMs = options.minDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 8_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /**
   * The file's bytes; rejects with `FileUnavailableError` once every attempt failed, or as soon as `signal`
   * aborts (the indexer stopping).
   */
  async fetch(kind: FileKind, source: string, signal?: AbortSignal): Promise<Uint8Array> {
    const key = `${kind}:${source}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    let last: Error | null = null;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (signal?.aborted) throw new FileUnavailableError(`file ${source} (${kind}): fetching stopped`);
      try {
        const bytes = await this.read(kind, source, signal);
        this.remember(key, bytes);
        return bytes;
      } catch (error) {
        if (!(error instanceof FileUnavailableError)) throw error;
        last = error;
        this.options.logger?.warn(
          `file ${source} (${kind}), attempt ${attempt} of ${this.attempts}: ${error.message}`,
        );
        if (attempt < this.attempts) {
          const wait = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** (attempt - 1));
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, wait);
            function done() {
              clearTimeout(timer);
              signal?.removeEventListener("abort", done);
              resolve();
            }
            signal?.addEventListener("abort", done, { once: true });
          });
        }
      }
    }
    throw new FileUnavailableError(
      `file ${source} (${kind}) could not be fetched in ${this.attempts} attempts: ${last?.message ?? "no answer"}`,
    );
  }

  private read(kind: FileKind, source: string, signal: AbortSignal | undefined): Promise<Uint8Array> {
    if (kind === "file/ipfs") {
      const gateway = this.gateways.ipfs;
      const parsed = parseIpfsSource(source);
      if (gateway === null) throw new FileUnavailableError(`no IPFS gateway is configured (--ipfs)`);
      if (parsed === null) throw new FileUnavailableError(`${source} is not a CID`);
      return readIpfsFile(parsed, gatewayBlocks(gateway, this.timeoutMs, signal));
    }
    const gateway = this.gateways.arweave;
    if (gateway === null) throw new FileUnavailableError(`no Arweave gateway is configured (--arweave)`);
    return readArweaveFile(gateway, source, this.timeoutMs, signal);
  }

  private remember(key: string, bytes: Uint8Array): void {
    if (bytes.length > CACHE_BYTES / 4) return;
    this.cache.set(key, bytes);
    this.cached += bytes.length;
    for (const [k, v] of this.cache) {
      if (this.cached <= CACHE_BYTES) break;
      this.cache.delete(k);
      this.cached -= v.length;
    }
  }
}
