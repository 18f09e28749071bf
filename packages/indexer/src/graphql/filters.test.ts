// Every filter and every ordering on every scalar type, checked against results computed here from the data the
// test inserted.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSchema } from "../schema/parse.js";
import { openStore, type Store } from "../store/store.js";
import { ptr, rng, tempDir } from "../store/test-support.js";
import type { EntityData, Value } from "../types.js";
import { executeQuery } from "./execute.js";

const SDL = `
  enum Color { RED GREEN BLUE }
  type Thing @entity {
    id: ID!
    s: String
    b: Bytes
    i: Int
    i8: Int8
    bi: BigInt
    bd: BigDecimal
    bo: Boolean
    t: Timestamp
    e: Color
    ref: Owner
    refs: [Owner!]
    strs: [String!]
    ints: [Int!]
    rs: String!
  }
  type Owner @entity { id: Bytes! name: String! rank: Int! things: [Thing!]! @derivedFrom(field: "ref") }
`;

type Scalar = string | number | bigint | boolean;
type Cell = Scalar | Scalar[] | null;
type Thing = Record<string, Cell> & { id: string };

const COLORS = ["RED", "GREEN", "BLUE"];
const OWNERS = ["0x01", "0x0a0b", "0xab", "0xabcd", "0xff00"];

/** Exact order of canonical decimals: scaled to 40 fractional digits. */
function decimalKey(text: string): bigint {
  const negative = text.startsWith("-");
  const [int = "0", frac = ""] = (negative ? text.slice(1) : text).split(".");
  const v = BigInt(int + frac.padEnd(40, "0"));
  return negative ? -v : v;
}

const utf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const hexBytes = (h: string) => Buffer.from(h.slice(2), "hex");
const num = (a: number | bigint, b: number | bigint) => (a < b ? -1 : a > b ? 1 : 0);

interface Spec {
  readonly field: string;
  /** GraphQL type of a single filter value. */
  readonly varType: string;
  readonly ops: readonly string[];
  readonly compare: (a: Scalar, b: Scalar) => number;
  readonly toVar: (v: Scalar) => unknown;
  /** Substring semantics, for the text ops. */
  readonly text?: "string" | "bytes";
  readonly list?: boolean;
}

const STRING_OPS = [
  "",
  "not",
  "gt",
  "lt",
  "gte",
  "lte",
  "in",
  "not_in",
  "contains",
  "contains_nocase",
  "not_contains",
  "not_contains_nocase",
  "starts_with",
  "starts_with_nocase",
  "not_starts_with",
  "not_starts_with_nocase",
  "ends_with",
  "ends_with_nocase",
  "not_ends_with",
  "not_ends_with_nocase",
];
const ORDERED_OPS = ["", "not", "gt", "lt", "gte", "lte", "in", "not_in"];
const asString = (v: Scalar) => String(v);

const SPECS: Spec[] = [
  {
    field: "id",
    varType: "ID",
    ops: ORDERED_OPS,
    compare: (a, b) => utf8(String(a), String(b)),
    toVar: asString,
  },
  {
    field: "s",
    varType: "String",
    ops: STRING_OPS,
    compare: (a, b) => utf8(String(a), String(b)),
    toVar: asString,
    text: "string",
  },
  {
    field: "rs",
    varType: "String",
    ops: STRING_OPS,
    compare: (a, b) => utf8(String(a), String(b)),
    toVar: asString,
    text: "string",
  },
  {
    field: "b",
    varType: "Bytes",
    ops: [...ORDERED_OPS, "contains", "not_contains"],
    compare: (a, b) => Buffer.compare(hexBytes(String(a)), hexBytes(String(b))),
    toVar: asString,
    text: "bytes",
  },
  {
    field: "i",
    varType: "Int",
    ops: ORDERED_OPS,
    compare: (a, b) => num(a as number, b as number),
    toVar: (v) => v,
  },
  {
    field: "i8",
    varType: "Int8",
    ops: ORDERED_OPS,
    compare: (a, b) => num(a as bigint, b as bigint),
    toVar: asString,
  },
  {
    field: "bi",
    varType: "BigInt",
    ops: ORDERED_OPS,
    compare: (a, b) => num(a as bigint, b as bigint),
    toVar: asString,
  },
  {
    field: "bd",
    varType: "BigDecimal",
    ops: ORDERED_OPS,
    compare: (a, b) => num(decimalKey(String(a)), decimalKey(String(b))),
    toVar: asString,
  },
  {
    field: "bo",
    varType: "Boolean",
    ops: ["", "not", "in", "not_in"],
    compare: (a, b) => num(Number(a), Number(b)),
    toVar: (v) => v,
  },
  {
    field: "t",
    varType: "Timestamp",
    ops: ORDERED_OPS,
    compare: (a, b) => num(a as bigint, b as bigint),
    toVar: asString,
  },
  {
    field: "e",
    varType: "Color",
    ops: ["", "not", "in", "not_in"],
    compare: (a, b) => COLORS.indexOf(String(a)) - COLORS.indexOf(String(b)),
    toVar: asString,
  },
  {
    // A reference to an entity with Bytes ids: graph-node filters it with String values and String ops.
    field: "ref",
    varType: "String",
    ops: STRING_OPS,
    compare: (a, b) => Buffer.compare(hexBytes(String(a)), hexBytes(String(b))),
    toVar: asString,
    text: "bytes",
  },
  {
    field: "strs",
    varType: "String",
    ops: ["", "not", "contains", "contains_nocase", "not_contains", "not_contains_nocase"],
    compare: (a, b) => utf8(String(a), String(b)),
    toVar: asString,
    list: true,
  },
  {
    field: "ints",
    varType: "Int",
    ops: ["", "not", "contains", "not_contains"],
    compare: (a, b) => num(a as number, b as number),
    toVar: (v) => v,
    list: true,
  },
  {
    field: "refs",
    varType: "String",
    ops: ["", "not", "contains", "not_contains"],
    compare: (a, b) => utf8(String(a), String(b)),
    toVar: asString,
    list: true,
  },
];

function generate(count: number): Thing[] {
  const next = rng(4242);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const maybe = <T>(make: () => T): T | null => (next() < 0.15 ? null : make());
  const text = () => {
    let out = "";
    const length = 1 + Math.floor(next() * 4);
    for (let k = 0; k < length; k++) out += pick(["a", "A", "b", "B", "c", "*", "?", "[", "_", "%"]);
    return out;
  };
  const hex = () => {
    let out = "0x";
    const length = Math.floor(next() * 4);
    for (let k = 0; k < length; k++) out += pick(["00", "01", "ab", "ff"]);
    return out;
  };
  const things: Thing[] = [];
  for (let k = 0; k < count; k++) {
    things.push({
      id: `id-${pick(["a", "B", "c"])}${k}`,
      s: maybe(text),
      rs: text(),
      b: maybe(hex),
      i: maybe(() => Math.floor(next() * 11) - 5),
      i8: maybe(() => pick([-(2n ** 62n), -3n, 0n, 7n, 2n ** 62n])),
      bi: maybe(() => pick([-(10n ** 30n), -1n, 0n, 5n, 10n ** 30n, 10n ** 30n + 1n])),
      bd: maybe(() => pick(["-12.5", "-0.001", "0", "0.25", "1", "100000000000000000000.5"])),
      bo: maybe(() => next() < 0.5),
      t: maybe(() => pick([0n, 1_700_000_000_000_000n, 1_700_000_000_000_001n, 1_800_000_000_000_000n])),
      e: maybe(() => pick(COLORS)),
      ref: maybe(() => pick(OWNERS)),
      refs: maybe(() => OWNERS.filter(() => next() < 0.4)),
      strs: maybe(() => [text(), text()].slice(0, 1 + Math.floor(next() * 2))),
      ints: maybe(() => [Math.floor(next() * 4), Math.floor(next() * 4)]),
    });
  }
  return things;
}

function toValue(field: string, cell: Scalar): Value {
  switch (field) {
    case "b":
    case "ref":
    case "refs":
      return { kind: "Bytes", value: new Uint8Array(hexBytes(String(cell))) };
    case "i":
    case "ints":
      return { kind: "Int", value: Number(cell) };
    case "i8":
      return { kind: "Int8", value: BigInt(cell) };
    case "bi":
      return { kind: "BigInt", value: BigInt(cell) };
    case "t":
      return { kind: "Timestamp", value: BigInt(cell) };
    case "bd":
      return { kind: "BigDecimal", value: String(cell) };
    case "bo":
      return { kind: "Bool", value: cell === true };
    default:
      return { kind: "String", value: String(cell) };
  }
}

function toEntity(thing: Thing): EntityData {
  const out: EntityData = new Map();
  for (const [field, cell] of Object.entries(thing)) {
    if (cell === null || field === "id") continue;
    out.set(
      field,
      Array.isArray(cell)
        ? { kind: "Array", value: cell.map((c) => toValue(field, c)) }
        : toValue(field, cell),
    );
  }
  return out;
}

/** Postgres `LIKE`: `%` any run, `_` any character, backslash escapes. */
function like(hay: string, pattern: string): boolean {
  const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  let re = "^";
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern[k] ?? "";
    if (c === "\\" && k + 1 < pattern.length) {
      k += 1;
      re += escapeRe(pattern[k] ?? "");
    } else if (c === "%") re += "[\\s\\S]*";
    else if (c === "_") re += "[\\s\\S]";
    else re += escapeRe(c);
  }
  return new RegExp(`${re}$`).test(hay);
}

/** What Postgres (and so graph-node) returns for `field_op: value`. */
function matches(spec: Spec, op: string, cell: Cell, value: unknown): boolean {
  if (value === null) {
    if (op === "") return cell === null;
    if (op === "not") return cell !== null;
  }
  // graph-node's `not exists (select 1 from unnest(col) ...)` holds for NULL lists.
  if (cell === null) return spec.list === true && op === "not_contains_nocase";
  const negate = op.startsWith("not_") || op === "not";
  const nocase = op.endsWith("_nocase");
  const base = op.replace(/^not_?/, "").replace(/_nocase$/, "");
  if (spec.list) {
    const items = cell as Scalar[];
    const wanted = value as Scalar[];
    if (base === "") {
      const same =
        items.length === wanted.length && items.every((v, k) => spec.compare(v, wanted[k] as Scalar) === 0);
      return negate ? !same : same;
    }
    const has = (w: Scalar) => items.some((v) => spec.compare(v, w) === 0);
    if (nocase) {
      // `elem ILIKE ANY(values)`
      const any = wanted.some((w) =>
        items.some((v) => like(String(v).toLowerCase(), String(w).toLowerCase())),
      );
      return negate ? !any : any;
    }
    // `contains` is `@>` (all values), `not_contains` is `NOT &&` (none of them).
    return negate ? !wanted.some(has) : wanted.every(has);
  }
  const v = cell as Scalar;
  const w = value as Scalar;
  switch (base) {
    case "":
      return negate ? spec.compare(v, w) !== 0 : spec.compare(v, w) === 0;
    case "gt":
      return spec.compare(v, w) > 0;
    case "lt":
      return spec.compare(v, w) < 0;
    case "gte":
      return spec.compare(v, w) >= 0;
    case "lte":
      return spec.compare(v, w) <= 0;
    case "in": {
      // graph-node turns an empty list into `false`, for `in` and `not_in` alike.
      if ((value as Scalar[]).length === 0) return false;
      const found = (value as Scalar[]).some((x) => spec.compare(v, x) === 0);
      return negate ? !found : found;
    }
  }
  let hay = String(v);
  let needle = String(w);
  let result: boolean;
  if (spec.text === "bytes") {
    const h = hexBytes(hay);
    const n = hexBytes(needle.toLowerCase());
    if (base === "contains") result = h.indexOf(n) >= 0;
    else if (base === "starts_with") result = h.subarray(0, n.length).equals(n);
    else result = n.length === 0 || (h.length >= n.length && h.subarray(h.length - n.length).equals(n));
  } else {
    if (nocase) {
      hay = hay.toLowerCase();
      needle = needle.toLowerCase();
    }
    const pattern =
      base === "contains" ? `%${needle}%` : base === "starts_with" ? `${needle}%` : `%${needle}`;
    result = like(hay, pattern);
  }
  return negate ? !result : result;
}

/** Filter values to try: values in the data, one beyond it, and substrings for the text ops. */
function samples(spec: Spec, op: string, things: readonly Thing[], next: () => number): unknown[] {
  const present = things.map((t) => t[spec.field]).filter((c): c is Scalar | Scalar[] => c !== null);
  const pick = () => present[Math.floor(next() * present.length)] as Scalar | Scalar[];
  const out: unknown[] = [pick(), pick(), pick()];
  if (spec.list) {
    const items = present.flat();
    out.push([items[0]], [items[1], items[2]], []);
    if (op === "" || op === "not") out.push(null);
    return out;
  }
  if (op === "in" || op === "not_in") return [[pick(), pick()], [pick()], []];
  if (op === "" || op === "not") out.push(null);
  if (spec.text) {
    const base = String(pick());
    if (spec.text === "bytes") {
      out.push(
        `0x${base.slice(2, 4)}`,
        `0x${base.slice(2).slice(-2)}`,
        "0x",
        base.toUpperCase().replace("0X", "0x"),
      );
    } else {
      out.push(base.slice(0, 1), base.slice(-2), base.slice(1, 3).toUpperCase(), "*", "?", "[", "a*", "");
    }
  }
  return out;
}

function orderKey(spec: Spec, thing: Thing): Scalar | null {
  const cell = thing[spec.field];
  return Array.isArray(cell) ? null : (cell ?? null);
}

describe("GraphQL filters and ordering on every scalar type", () => {
  const schema = parseSchema(SDL);
  const dir = tempDir();
  let store: Store;
  const things = generate(150);
  const ids = (data: unknown) => ((data as { things: { id: string }[] }).things ?? []).map((t) => t.id);

  beforeAll(() => {
    store = openStore({ path: join(dir.path, "filters.sqlite"), schema, deployment: "QmFilters" });
    const batch = store.batch();
    const w = batch.block(ptr(1));
    for (const owner of OWNERS) {
      w.set(
        "Owner",
        owner,
        new Map([
          ["name", { kind: "String", value: `owner ${owner}` }],
          ["rank", { kind: "Int", value: owner.length }],
        ]),
      );
    }
    for (const thing of things) w.set("Thing", thing.id, toEntity(thing));
    batch.endBlock();
    batch.commit();
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it("offers exactly graph-node's filter fields per type", () => {
    const result = executeQuery(store, `{ __type(name: "Thing_filter") { inputFields { name } } }`);
    const names = new Set(
      ((result.data?.__type ?? { inputFields: [] }) as { inputFields: { name: string }[] }).inputFields.map(
        (f) => f.name,
      ),
    );
    const expected = new Set(["_change_block", "and", "or", "ref_"]);
    for (const spec of SPECS)
      for (const op of spec.ops) expected.add(op === "" ? spec.field : `${spec.field}_${op}`);
    expected.add("refs_");
    expect(names).toEqual(expected);
  });

  for (const spec of SPECS) {
    for (const op of spec.ops) {
      const name = op === "" ? spec.field : `${spec.field}_${op}`;
      it(`where: { ${name} }`, () => {
        const next = rng(name.length * 31 + op.length);
        const listValued = spec.list || op === "in" || op === "not_in";
        const varType = listValued ? `[${spec.varType}!]` : spec.varType;
        for (const value of samples(spec, op, things, next)) {
          const variable =
            value === null
              ? null
              : Array.isArray(value)
                ? value.map((v) => spec.toVar(v as Scalar))
                : spec.toVar(value as Scalar);
          const result = executeQuery(
            store,
            `query($v: ${varType}) { things(first: 1000, where: { ${name}: $v }) { id } }`,
            { v: variable },
          );
          expect(result.errors, `${name}: ${JSON.stringify(variable)}`).toBeUndefined();
          const expected = things
            .filter((t) => matches(spec, op, t[spec.field] ?? null, value))
            .map((t) => t.id)
            .sort(utf8);
          expect(ids(result.data), `${name}: ${JSON.stringify(variable)}`).toEqual(expected);
        }
      });
    }
  }

  for (const spec of SPECS.filter((s) => !s.list)) {
    for (const direction of ["asc", "desc"] as const) {
      it(`orderBy: ${spec.field}, orderDirection: ${direction}`, () => {
        const result = executeQuery(
          store,
          `{ things(first: 1000, orderBy: ${spec.field}, orderDirection: ${direction}) { id } }`,
        );
        expect(result.errors).toBeUndefined();
        const sign = direction === "asc" ? 1 : -1;
        const expected = [...things]
          .sort((x, y) => {
            const a = orderKey(spec, x);
            const b = orderKey(spec, y);
            // Postgres: NULLs last ascending, first descending; ties by id in the same direction.
            if (a === null || b === null) {
              if (a !== b) return (a === null ? 1 : -1) * sign;
            } else {
              const c = spec.compare(a, b);
              if (c !== 0) return c * sign;
            }
            return utf8(x.id, y.id) * sign;
          })
          .map((t) => t.id);
        expect(ids(result.data)).toEqual(expected);
      });
    }
  }

  it("pages with first and skip over the default id order", () => {
    const sorted = things.map((t) => t.id).sort(utf8);
    const page = executeQuery(store, `{ things(first: 7, skip: 20) { id } }`);
    expect(ids(page.data)).toEqual(sorted.slice(20, 27));
    const defaults = executeQuery(store, `{ things { id } }`);
    expect(ids(defaults.data)).toEqual(sorted.slice(0, 100));
  });

  it("combines filters with and / or and implicit and", () => {
    const result = executeQuery(
      store,
      `{ things(first: 1000, where: { and: [{ or: [{ i_gt: 3 }, { and: [{ bo: true }, { e: RED }] }] }], rs_not: "a" }) { id } }`,
    );
    const expected = things
      .filter(
        (t) => ((t.i !== null && (t.i as number) > 3) || (t.bo === true && t.e === "RED")) && t.rs !== "a",
      )
      .map((t) => t.id)
      .sort(utf8);
    expect(ids(result.data)).toEqual(expected);
  });

  it("treats an empty `and` as true and an empty `or` as false", () => {
    expect(ids(executeQuery(store, `{ things(first: 1000, where: { and: [] }) { id } }`).data)).toHaveLength(
      things.length,
    );
    expect(ids(executeQuery(store, `{ things(first: 1000, where: {}) { id } }`).data)).toHaveLength(
      things.length,
    );
    expect(ids(executeQuery(store, `{ things(first: 1000, where: { or: [] }) { id } }`).data)).toEqual([]);
  });

  it("refuses column filters next to `or`, as graph-node does", () => {
    const result = executeQuery(store, `{ things(where: { rs: "a", or: [{ i: 1 }, { i: 2 }] }) { id } }`);
    expect(result.errors?.[0]?.message).toBe(
      "Cannot mix column filters with 'or' operator at the same level. Found column filter(s) 'rs' alongside 'or' operator.\n\nInstead of:\nwhere: { 'rs', or: [...] }\n\nUse:\nwhere: { or: [{ 'rs', ... }, { 'rs', ... }] }",
    );
  });

  it("filters through references (ref_) and derived fields (things_)", () => {
    const viaRef = executeQuery(store, `{ things(first: 1000, where: { ref_: { rank_gte: 5 } }) { id } }`);
    const expected = things
      .filter((t) => t.ref !== null && (t.ref as string).length >= 5)
      .map((t) => t.id)
      .sort(utf8);
    expect(ids(viaRef.data)).toEqual(expected);
    const viaList = executeQuery(
      store,
      `{ things(first: 1000, where: { refs_: { name: "owner 0xab" } }) { id } }`,
    );
    expect(ids(viaList.data)).toEqual(
      things
        .filter((t) => Array.isArray(t.refs) && t.refs.includes("0xab"))
        .map((t) => t.id)
        .sort(utf8),
    );
    const owners = executeQuery(store, `{ owners(where: { things_: { i: 5 } }) { id } }`);
    const expectedOwners = OWNERS.filter((o) => things.some((t) => t.ref === o && t.i === 5)).sort((a, b) =>
      Buffer.compare(hexBytes(a), hexBytes(b)),
    );
    expect(((owners.data?.owners ?? []) as { id: string }[]).map((o) => o.id)).toEqual(expectedOwners);
  });

  for (const direction of ["asc", "desc"] as const) {
    it(`orders by a referenced entity's field (ref__rank, ${direction})`, () => {
      const result = executeQuery(
        store,
        `{ things(first: 1000, orderBy: ref__rank, orderDirection: ${direction}) { id } }`,
      );
      expect(result.errors).toBeUndefined();
      const sign = direction === "asc" ? 1 : -1;
      const rank = (t: Thing) => (t.ref === null ? null : (t.ref as string).length);
      const expected = [...things]
        .sort((x, y) => {
          const a = rank(x);
          const b = rank(y);
          if (a === null || b === null) {
            if (a !== b) return (a === null ? 1 : -1) * sign;
          } else if (a !== b) return (a - b) * sign;
          return utf8(x.id, y.id) * sign;
        })
        .map((t) => t.id);
      expect(ids(result.data)).toEqual(expected);
    });
  }
});
