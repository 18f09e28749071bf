// Helpers for the store and GraphQL tests: temporary databases and terse values.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { BlockPtr, EntityData, Value } from "../types.js";

/** A fresh directory under the OS temp dir and a function removing it. */
export function tempDir(prefix = "dmex-store-"): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function ptr(number: number, fork = ""): BlockPtr {
  const hash = (n: number) => `0x${fork}${n.toString(16).padStart(64 - fork.length, "0")}`;
  return { number, hash: hash(number), parentHash: hash(number - 1), timestamp: 1_700_000_000 + number * 12 };
}

export const str = (value: string): Value => ({ kind: "String", value });
export const int = (value: number): Value => ({ kind: "Int", value });
export const big = (value: bigint): Value => ({ kind: "BigInt", value });
export const int8 = (value: bigint): Value => ({ kind: "Int8", value });
export const ts = (value: bigint): Value => ({ kind: "Timestamp", value });
export const dec = (value: string): Value => ({ kind: "BigDecimal", value });
export const bool = (value: boolean): Value => ({ kind: "Bool", value });
export const bytes = (hex: string): Value => ({
  kind: "Bytes",
  value: new Uint8Array(Buffer.from(hex.replace(/^0x/, ""), "hex")),
});
export const list = (...items: Value[]): Value => ({ kind: "Array", value: items });
export const NULL: Value = { kind: "Null" };

export function data(fields: Record<string, Value>): EntityData {
  return new Map(Object.entries(fields));
}

/** Entity data as plain JSON-able values, for `toEqual` comparisons. */
export function plainData(entity: EntityData | null): Record<string, unknown> | null {
  if (!entity) return null;
  const plainValue = (v: Value): unknown => {
    switch (v.kind) {
      case "Null":
        return null;
      case "Array":
        return v.value.map(plainValue);
      case "Bytes":
        return `0x${Buffer.from(v.value).toString("hex")}`;
      case "BigInt":
      case "Int8":
      case "Timestamp":
        return `${v.kind}:${v.value.toString()}`;
      default:
        return v.value;
    }
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of [...entity].sort(([a], [b]) => a.localeCompare(b))) out[key] = plainValue(value);
  return out;
}

/** A deterministic pseudo-random generator, so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** Runs `use` on a connection of its own to the database at `path` (as another process would see it). */
export function withDatabase<T>(path: string, use: (db: Database.Database) => T, readonly = false): T {
  const db = new Database(path, { readonly });
  try {
    return use(db);
  } finally {
    db.close();
  }
}
