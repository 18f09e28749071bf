// A local IPFS + Arweave gateway for the file data source tests. Files are added with the IPFS project's own
// importer (ipfs-unixfs-importer), which gives their CIDs independently of the indexer; blocks are served as a
// trustless gateway serves them (`/ipfs/<cid>?format=raw`), and any block can be made to answer other bytes.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { MemoryBlockstore } from "blockstore-core/memory";
import { type ImporterOptions, importer } from "ipfs-unixfs-importer";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { CID } from "multiformats/cid";

export interface FileGateway {
  readonly url: string;
  /** Adds a file (or a directory of files when `files` has several); resolves to the root CID's text. */
  add(content: Uint8Array | Record<string, Uint8Array>, options?: AddOptions): Promise<string>;
  /** Serves `id` at `/<id>` (Arweave). */
  addArweave(id: string, content: Uint8Array): void;
  /** The next `times` answers for `cid`'s block (Infinity: all) are `bytes` instead of the block. */
  tamper(cid: string, bytes: Uint8Array, times: number): void;
  /** How many times each path (without the query) was asked for. */
  readonly requests: Map<string, number>;
  close(): Promise<void>;
}

export interface AddOptions {
  readonly cidVersion?: 0 | 1;
  /** Chunk size in bytes (default the importer's 256 KiB); small chunks make a tree of blocks. */
  readonly chunkSize?: number;
}

async function bytesOf(
  value: Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<Uint8Array> {
  if (value instanceof Uint8Array) return value;
  const parts: Uint8Array[] = [];
  for await (const part of value) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

export async function startFileGateway(): Promise<FileGateway> {
  const blocks = new MemoryBlockstore();
  const arweave = new Map<string, Uint8Array>();
  const tampered = new Map<string, { bytes: Uint8Array; left: number }>();
  const requests = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      requests.set(path, (requests.get(path) ?? 0) + 1);
      const ipfs = /^\/ipfs\/([^/]+)$/.exec(path);
      if (ipfs?.[1] !== undefined) {
        const cid = CID.parse(ipfs[1]);
        const key = cid.toString();
        const bad = tampered.get(key);
        if (bad !== undefined && bad.left > 0) {
          bad.left--;
          res.writeHead(200, { "content-type": "application/vnd.ipld.raw" }).end(bad.bytes);
          return;
        }
        if (!(await blocks.has(cid))) {
          res.writeHead(404).end("not found");
          return;
        }
        const block = await bytesOf(await blocks.get(cid));
        res.writeHead(200, { "content-type": "application/vnd.ipld.raw" }).end(block);
        return;
      }
      const data = arweave.get(path.slice(1));
      if (data !== undefined) {
        res.writeHead(200).end(data);
        return;
      }
      res.writeHead(404).end("not found");
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async add(content, options = {}) {
      const version = options.cidVersion ?? 1;
      const opts: ImporterOptions = {
        cidVersion: version,
        rawLeaves: version === 1,
        wrapWithDirectory: !(content instanceof Uint8Array),
        ...(options.chunkSize === undefined ? {} : { chunker: fixedSize({ chunkSize: options.chunkSize }) }),
      };
      const source =
        content instanceof Uint8Array
          ? [{ content }]
          : Object.entries(content).map(([path, bytes]) => ({ path, content: bytes }));
      let root: CID | null = null;
      for await (const entry of importer(source, blocks, opts)) root = entry.cid;
      if (root === null) throw new Error("the importer made nothing");
      return root.toString();
    },
    addArweave(id, content) {
      arweave.set(id, content);
    },
    tamper(cid, bytes, times) {
      tampered.set(CID.parse(cid).toString(), { bytes, left: times });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
