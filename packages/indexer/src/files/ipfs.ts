// Reads a file from an IPFS gateway block by block and verifies every block against its CID, as IPFS itself
// does: a block is accepted only when its multihash is the CID's, so a gateway cannot substitute other bytes.
// Blocks are asked for with `?format=raw` (the trustless gateway protocol that Kubo and public gateways
// serve); a dag-pb/UnixFS file is put together from its verified leaves, so any chunking or layout the file
// was added with reads back; a `<cid>/<path>` walks the verified directory nodes.
import * as dagPb from "@ipld/dag-pb";
import { UnixFS } from "ipfs-unixfs";
import { CID } from "multiformats/cid";
import { identity } from "multiformats/hashes/identity";
import { sha256 } from "multiformats/hashes/sha2";
import { FileSourceError, FileUnavailableError } from "./errors.js";

const RAW_CODEC = 0x55;

/** Largest file read (graph-node's default `GRAPH_IPFS_MAX_FILE_SIZE` is 25 MiB; so here). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** A request's signal: its time limit, and `stop` when given (the indexer stopping). */
export function requestSignal(timeoutMs: number, stop?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return stop === undefined ? timeout : AbortSignal.any([timeout, stop]);
}

/** One verified block's bytes by CID; rejects when the gateway does not answer with exactly that block. */
export type BlockGetter = (cid: CID) => Promise<Uint8Array>;

/** A CID with an optional path, as `dataSource.create` gets it (`Qm…`, `bafy…/meta/1.json`, `/ipfs/…`). */
export interface IpfsSource {
  readonly cid: CID;
  readonly path: readonly string[];
}

/** Parses a file data source's source; null when it is not a CID (graph-node ignores such a creation). */
export function parseIpfsSource(text: string): IpfsSource | null {
  const parts = text.replace(/^\/?ipfs\//, "").split("/");
  const [first, ...rest] = parts;
  if (first === undefined || first === "") return null;
  try {
    return { cid: CID.parse(first), path: rest.filter((p) => p !== "") };
  } catch {
    return null;
  }
}

/** Checks `bytes` against `cid`'s multihash (sha2-256, or identity). */
export async function verifyBlock(cid: CID, bytes: Uint8Array): Promise<void> {
  const { code, digest } = cid.multihash;
  let actual: Uint8Array;
  if (code === sha256.code) actual = (await sha256.digest(bytes)).digest;
  else if (code === identity.code) actual = identity.digest(bytes).digest;
  else throw new FileSourceError(`${cid}: unsupported multihash 0x${code.toString(16)} (only sha2-256)`);
  if (actual.length !== digest.length || !actual.every((b, i) => b === digest[i])) {
    throw new FileUnavailableError(`the gateway answered bytes that do not hash to ${cid}; not accepted`);
  }
}

/** `fetch`-based block getter over a gateway's `/ipfs/<cid>?format=raw`, verifying each block. */
export function gatewayBlocks(gateway: string, timeoutMs: number, signal?: AbortSignal): BlockGetter {
  const base = gateway.replace(/\/+$/, "");
  return async (cid) => {
    if (cid.multihash.code === identity.code) return cid.multihash.digest;
    let response: Response;
    try {
      response = await fetch(`${base}/ipfs/${cid}?format=raw`, {
        headers: { accept: "application/vnd.ipld.raw" },
        signal: requestSignal(timeoutMs, signal),
      });
    } catch (error) {
      throw new FileUnavailableError(`${cid}: gateway ${base}: ${(error as Error).message}`);
    }
    if (response.status !== 200) {
      throw new FileUnavailableError(`${cid}: gateway ${base} answered HTTP ${response.status}`);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    await verifyBlock(cid, bytes);
    return bytes;
  };
}

/** The bytes of the file `source` names, every block verified by `getBlock`. */
export async function readIpfsFile(source: IpfsSource, getBlock: BlockGetter): Promise<Uint8Array> {
  let cid = source.cid;
  for (const [i, name] of source.path.entries()) {
    const node = decodeNode(cid, await getBlock(cid));
    const where = `/${source.path.slice(0, i).join("/")}`;
    if (node.unixfs.type !== "directory") {
      throw new FileSourceError(`${source.cid}${where} is a ${node.unixfs.type}, not a directory`);
    }
    const link = node.pb.Links.find((l) => l.Name === name);
    if (link === undefined) throw new FileSourceError(`${source.cid}${where} has no entry ${name}`);
    cid = link.Hash;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const add = (chunk: Uint8Array): void => {
    size += chunk.length;
    if (size > MAX_FILE_BYTES)
      throw new FileSourceError(`${source.cid} is larger than ${MAX_FILE_BYTES} bytes`);
    chunks.push(chunk);
  };
  const collect = async (at: CID): Promise<void> => {
    const bytes = await getBlock(at);
    if (at.code === RAW_CODEC) {
      add(bytes);
      return;
    }
    const node = decodeNode(at, bytes);
    const type = node.unixfs.type;
    if (type !== "file" && type !== "raw") throw new FileSourceError(`${at} is a ${type}, not a file`);
    if (node.unixfs.data !== undefined && node.unixfs.data.length > 0) add(node.unixfs.data);
    for (const link of node.pb.Links) await collect(link.Hash);
  };
  await collect(cid);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function decodeNode(cid: CID, bytes: Uint8Array): { pb: dagPb.PBNode; unixfs: UnixFS } {
  if (cid.code !== dagPb.code) {
    throw new FileSourceError(`${cid}: codec 0x${cid.code.toString(16)} is neither raw nor dag-pb`);
  }
  try {
    const pb = dagPb.decode(bytes);
    if (pb.Data === undefined) throw new Error("no UnixFS data");
    return { pb, unixfs: UnixFS.unmarshal(pb.Data) };
  } catch (error) {
    throw new FileSourceError(`${cid}: not a UnixFS node (${(error as Error).message})`);
  }
}
