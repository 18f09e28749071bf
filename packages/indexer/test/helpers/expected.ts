import { Interface, type InterfaceAbi, type JsonRpcProvider, type Result } from "ethers";
import type { GraphQLResponse, Indexer } from "../../src/indexer.js";

/** A decoded event read straight from the node, independently of the indexer. */
export interface SentEvent {
  readonly name: string;
  readonly args: Result;
  readonly block: number;
  readonly blockTimestamp: number;
  readonly logIndex: number;
  readonly txHash: string;
}

export async function readEvents(
  provider: JsonRpcProvider,
  address: string,
  abi: InterfaceAbi,
  fromBlock: number,
): Promise<SentEvent[]> {
  const iface = new Interface(abi);
  const logs = await provider.getLogs({ address, fromBlock, toBlock: "latest" });
  const timestamps = new Map<number, number>();
  const events: SentEvent[] = [];
  for (const log of logs) {
    const parsed = iface.parseLog({ topics: [...log.topics], data: log.data });
    if (!parsed) continue;
    let ts = timestamps.get(log.blockNumber);
    if (ts === undefined) {
      const block = await provider.getBlock(log.blockNumber);
      ts = block?.timestamp ?? 0;
      timestamps.set(log.blockNumber, ts);
    }
    events.push({
      name: parsed.name,
      args: parsed.args,
      block: log.blockNumber,
      blockTimestamp: ts,
      logIndex: log.index,
      txHash: log.transactionHash.toLowerCase(),
    });
  }
  return events.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
}

/** graph-ts `Bytes.concatI32`: four little-endian bytes. */
export function concatI32(hash: string, n: number): string {
  const le = [0, 8, 16, 24].map((shift) => ((n >>> shift) & 0xff).toString(16).padStart(2, "0")).join("");
  return `${hash}${le}`;
}

/** A field as the GraphQL API answers it: `Bytes`, `BigInt` and `ID` as strings, `Boolean` as a boolean. */
export type Cell = string | boolean;
export type Row = Record<string, Cell>;

/** `collection → fields` of what a dump asks for. */
export type DumpSpec = Readonly<Record<string, readonly string[]>>;

const EVENT_FIELDS = ["blockNumber", "blockTimestamp", "transactionHash"] as const;

export const TOKEN_DUMP: DumpSpec = {
  transfers: ["id", "from", "to", "value", ...EVENT_FIELDS],
  approvals: ["id", "owner", "spender", "value", ...EVENT_FIELDS],
};

export const NFT_DUMP: DumpSpec = {
  transfers: ["id", "from", "to", "tokenId", ...EVENT_FIELDS],
  approvals: ["id", "owner", "approved", "tokenId", ...EVENT_FIELDS],
  approvalForAlls: ["id", "owner", "operator", "approved", ...EVENT_FIELDS],
};

/** An event parameter as the scaffold stores it: addresses lowercase, integers in decimal. */
function cell(value: unknown): Cell {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value.toLowerCase();
  throw new Error(`no expectation for an event parameter of type ${typeof value}`);
}

/**
 * The entities `graph init --index-events` makes: one immutable entity per event, in the collection named
 * after the event (`ApprovalForAll` → `approvalForAlls`), id = tx hash ++ log index, the event's parameters
 * under their names, and the block and transaction. `spec` names the collections the subgraph has.
 */
export function expectedEventEntities(
  events: readonly SentEvent[],
  atBlock: number,
  spec: DumpSpec = TOKEN_DUMP,
): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  for (const collection of Object.keys(spec)) out[collection] = [];
  for (const e of events) {
    if (e.block > atBlock) continue;
    const collection = `${e.name.charAt(0).toLowerCase()}${e.name.slice(1)}s`;
    const rows = out[collection];
    if (!rows) throw new Error(`event ${e.name} has no collection in the spec`);
    const row: Row = { id: concatI32(e.txHash, e.logIndex) };
    for (const [name, value] of Object.entries(e.args.toObject())) row[name] = cell(value);
    rows.push({
      ...row,
      blockNumber: String(e.block),
      blockTimestamp: String(e.blockTimestamp),
      transactionHash: e.txHash,
    });
  }
  return sortRows(out);
}

function byId(a: Row, b: Row): number {
  return String(a.id ?? "") < String(b.id ?? "") ? -1 : 1;
}

export function sortRows(tables: Record<string, Row[]>): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  for (const [name, rows] of Object.entries(tables)) {
    out[name] = [...rows].sort(byId);
  }
  return out;
}

export function expectOk(response: GraphQLResponse): Record<string, unknown> {
  if (response.errors && response.errors.length > 0) {
    throw new Error(`GraphQL errors: ${response.errors.map((e) => e.message).join("; ")}`);
  }
  if (!response.data) throw new Error("GraphQL answered without data");
  return response.data;
}

const PAGE = 1000;

/** Every entity of the spec through GraphQL, at `block` (default the head), paged by id, rows sorted by id. */
export async function dump(
  indexer: Pick<Indexer, "query">,
  spec: DumpSpec,
  block?: { number: number } | { hash: string },
): Promise<Record<string, Row[]>> {
  const at =
    block === undefined
      ? ""
      : "number" in block
        ? `block: { number: ${block.number} }, `
        : `block: { hash: "${block.hash}" }, `;
  const out: Record<string, Row[]> = {};
  for (const [collection, fields] of Object.entries(spec)) {
    const rows: Row[] = [];
    for (let after: string | null = null; ; ) {
      const where: string = after === null ? "" : `where: { id_gt: "${after}" }, `;
      const data = expectOk(
        await indexer.query(
          `{ ${collection}(${at}${where}first: ${PAGE}, orderBy: id) { ${fields.join(" ")} } }`,
        ),
      );
      const page = data[collection];
      if (!Array.isArray(page)) throw new Error(`no ${collection} in the answer`);
      rows.push(...(page as Row[]));
      if (page.length < PAGE) break;
      const last = (page[page.length - 1] as Row).id;
      after = typeof last === "string" ? last : null;
    }
    out[collection] = rows.sort(byId);
  }
  return out;
}

/** num-bigint's `to_signed_bytes_le`, which graph-node uses for `BigInt` values it hands a mapping. */
function signedLe(n: number | bigint): string {
  if (BigInt(n) === 0n) return "00";
  const bytes: number[] = [];
  for (let v = BigInt(n); v > 0n; v /= 256n) bytes.push(Number(v % 256n));
  if ((bytes[bytes.length - 1] ?? 0) > 0x7f) bytes.push(0);
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * What `graph init --from-contract` without `--index-events` makes of the first ABI event (`Approval` for
 * OpenZeppelin's ERC20): an `ExampleEntity` per event, id = tx hash ++ `Bytes.fromBigInt(logIndex)`, count 1.
 */
export function expectedExampleEntities(
  events: readonly SentEvent[],
  atBlock: number,
): Record<string, Row[]> {
  const rows: Row[] = [];
  for (const e of events) {
    if (e.block > atBlock || e.name !== "Approval") continue;
    rows.push({
      id: `${e.txHash}${signedLe(e.logIndex)}`,
      count: "1",
      owner: String(e.args.getValue("owner")).toLowerCase(),
      spender: String(e.args.getValue("spender")).toLowerCase(),
    });
  }
  return sortRows({ exampleEntities: rows });
}

export const EXAMPLE_DUMP: DumpSpec = { exampleEntities: ["id", "count", "owner", "spender"] };

export const COUNTER_DUMP: DumpSpec = { exampleEntities: ["id", "count", "owner", "approved"] };

/**
 * The ERC721 placeholder scaffold edited by `keyExampleEntityBy(…, "tokenId")`: one mutable `ExampleEntity`
 * per token (id = `Bytes.fromBigInt(tokenId)`), `count` = the token's Approvals so far, `owner` and
 * `approved` those of its latest Approval.
 */
export function expectedApprovalCounters(
  events: readonly SentEvent[],
  atBlock: number,
): Record<string, Row[]> {
  const state = new Map<string, Row>();
  for (const e of events) {
    if (e.block > atBlock || e.name !== "Approval") continue;
    const id = `0x${signedLe(e.args.getValue("tokenId") as bigint)}`;
    state.set(id, {
      id,
      count: String(Number(state.get(id)?.count ?? 0) + 1),
      owner: String(e.args.getValue("owner")).toLowerCase(),
      approved: String(e.args.getValue("approved")).toLowerCase(),
    });
  }
  return sortRows({ exampleEntities: [...state.values()] });
}
