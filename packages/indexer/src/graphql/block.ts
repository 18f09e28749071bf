// The `block` argument: which block a query reads, checked against what the store has indexed.
import { GraphQLError } from "graphql";
import { bytesToHex, type Store } from "../store/index.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** graph-node's `QueryExecutionError::ValueParseError`. */
export function valueParseError(what: string, message: string): GraphQLError {
  return new GraphQLError(`Failed to decode \`${what}\` value: \`${message}\``);
}

function notYetIndexed(store: Store, what: string, block: number): GraphQLError {
  const head = store.head();
  const indexed = head
    ? `has only indexed up to block number ${head.number}`
    : "has not indexed any block yet";
  return valueParseError(
    what,
    `subgraph ${store.deployment} ${indexed} and data for block number ${block} is therefore not yet available`,
  );
}

export interface ResolvedBlock {
  readonly number: number;
  /** Whether the query named a block number, for which graph-node reports no hash in `_meta`. */
  readonly byNumber: boolean;
}

/** The block a query reads: the head unless `block: { number | hash | number_gte }` says otherwise. */
export function resolveBlock(store: Store, arg: unknown): ResolvedBlock {
  const head = store.head();
  const latest = { number: head?.number ?? -1, byNumber: false };
  if (!isRecord(arg)) return latest;
  if (typeof arg.hash === "object" && arg.hash instanceof Uint8Array) {
    const ptr = store.blockPtrByHash(bytesToHex(arg.hash));
    if (!ptr) throw valueParseError("block.hash", "no block with that hash found");
    if (!head || ptr.number > head.number) throw notYetIndexed(store, "block.number", ptr.number);
    return { number: ptr.number, byNumber: false };
  }
  if (typeof arg.number === "number") {
    if (!head || arg.number > head.number) throw notYetIndexed(store, "block.number", arg.number);
    return { number: arg.number, byNumber: true };
  }
  if (typeof arg.number_gte === "number") {
    if (!head || head.number < arg.number_gte) throw notYetIndexed(store, "block.number_gte", arg.number_gte);
    return latest;
  }
  return latest;
}
