// The subgraph's JSON carries BigInt, BigDecimal, Int8 and Timestamp as strings and Bytes as lowercase hex:
// these turn them into the SDK's types, refusing malformed values instead of passing NaN or garbage on.
import { getAddress } from "ethers";

import { UnexpectedResponseError } from "../errors.js";

const SOURCE = "the subgraph";
const INTEGER = /^-?\d+$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HEX = /^0x(?:[0-9a-fA-F]{2})*$/;

/** A BigInt (or Int8) field as a bigint. */
export function toBigInt(value: string, field: string): bigint {
  if (typeof value !== "string" || !INTEGER.test(value))
    throw new UnexpectedResponseError(field, value, SOURCE);
  return BigInt(value);
}

/** A BigInt field that holds a count or a time small enough for a number (e.g. Unix seconds). */
export function toSafeNumber(value: string, field: string): number {
  const big = toBigInt(value, field);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new UnexpectedResponseError(field, value, SOURCE);
  }
  return Number(big);
}

/** A Bytes field holding an address, checksummed (EIP-55), as ethers returns addresses. */
export function toAddress(value: string, field: string): string {
  if (typeof value !== "string" || !ADDRESS.test(value))
    throw new UnexpectedResponseError(field, value, SOURCE);
  return getAddress(value);
}

/** A Bytes field as 0x-prefixed lowercase hex. */
export function toHex(value: string, field: string): string {
  if (typeof value !== "string" || !HEX.test(value)) throw new UnexpectedResponseError(field, value, SOURCE);
  return value.toLowerCase();
}

/** A member of a GraphQL enum the SDK knows; an unknown member (a newer subgraph) is an error, not a guess. */
export function toEnumMember<T extends string>(value: string, members: readonly T[], field: string): T {
  if (!(members as readonly string[]).includes(value))
    throw new UnexpectedResponseError(field, value, SOURCE);
  return value as T;
}

/**
 * An address as a Bytes id or filter value: lowercase, as the subgraph stores it. Throws ethers' invalid
 * argument error for anything that is not an address (a wrong EIP-55 checksum included).
 */
export function addressVariable(address: string): string {
  return getAddress(address).toLowerCase();
}

/**
 * The log index of a per-event entity's id (transaction hash ++ log index as 4 little-endian bytes, graph-ts's
 * `concatI32`): with the block number, the order the events happened in.
 */
export function logIndexOfEventId(id: string, field: string): number {
  const hex = toHex(id, field);
  if (hex.length !== 2 + 72) throw new UnexpectedResponseError(field, id, SOURCE);
  const le = hex.slice(-8);
  return Number.parseInt(le.slice(6, 8) + le.slice(4, 6) + le.slice(2, 4) + le.slice(0, 2), 16);
}

/** Sorts per-event records newest first by (block, log index): timestamps tie within a block. */
export function newestFirst<T extends { readonly blockNumber: number; readonly logIndex: number }>(
  records: readonly T[],
): T[] {
  return [...records].sort((a, b) => b.blockNumber - a.blockNumber || b.logIndex - a.logIndex);
}
