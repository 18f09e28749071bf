import { RpcResponseError } from "./errors.js";

/** A JSON-RPC quantity (`0x…`, no leading zeros) for a block number. */
export function toQuantity(n: number | bigint): string {
  return `0x${n.toString(16)}`;
}

export function parseQuantity(method: string, value: unknown, field: string): bigint {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]+$/.test(value)) {
    throw new RpcResponseError(method, `${field} is not a hex quantity: ${JSON.stringify(value)}`);
  }
  return BigInt(value);
}

export function parseSafeNumber(method: string, value: unknown, field: string): number {
  // Up to 13 hex digits (52 bits) is always safe: no bigint needed for block numbers and indexes.
  if (typeof value === "string" && value.length <= 15 && /^0x[0-9a-fA-F]+$/.test(value)) {
    return Number.parseInt(value.slice(2), 16);
  }
  const big = parseQuantity(method, value, field);
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RpcResponseError(method, `${field} does not fit a safe integer: ${String(value)}`);
  }
  return Number(big);
}

export function parseData(method: string, value: unknown, field: string): string {
  // Even length and one character class: much cheaper than a regex repeating byte pairs, on every log field.
  if (typeof value !== "string" || value.length % 2 !== 0) {
    throw new RpcResponseError(method, `${field} is not hex data: ${JSON.stringify(value)}`);
  }
  // Nodes answer in lowercase: then the text is already what we keep.
  if (/^0x[0-9a-f]*$/.test(value)) return value;
  if (!/^0x[0-9a-fA-F]*$/.test(value)) {
    throw new RpcResponseError(method, `${field} is not hex data: ${JSON.stringify(value)}`);
  }
  return value.toLowerCase();
}
