import { describe, expect, it } from "vitest";
import { SchemaError } from "./errors.js";
import { queryFieldNames } from "./naming.js";
import { parseSchema } from "./parse.js";

const SDL = `
  enum Kind { A B }
  interface Named { id: ID! name: String! }
  type Token @entity(immutable: false) {
    id: Bytes!
    name: String!
    supply: BigInt!
    price: BigDecimal
    holders: [Account!]! @derivedFrom(field: "token")
    tags: [String]
    kind: Kind
  }
  type Account @entity {
    id: ID!
    token: Token!
    balance: Int8!
    at: Timestamp
    active: Boolean!
    count: Int
  }
  type Event @entity(immutable: true) { id: Int8! account: Account! data: Bytes! }
  type Person implements Named @entity { id: ID! name: String! }
`;

const TS = "type D @entity(timeseries: true) { id: Int8! timestamp: Timestamp! v: BigInt! t: String! }";

describe("parseSchema", () => {
  it("models entities, id types, immutability, fields, lists, enums, references and derived fields", () => {
    const schema = parseSchema(SDL);
    const token = schema.entities.get("Token");
    expect(token?.idType).toBe("Bytes");
    expect(token?.immutable).toBe(false);
    expect(token?.fieldsByName.get("supply")).toMatchObject({
      type: { kind: "scalar", name: "BigInt" },
      nonNull: true,
      list: false,
    });
    expect(token?.fieldsByName.get("price")?.nonNull).toBe(false);
    expect(token?.fieldsByName.get("holders")).toMatchObject({
      type: { kind: "reference", name: "Account", idType: "String" },
      list: true,
      itemNonNull: true,
      derivedFrom: "token",
    });
    expect(token?.fieldsByName.get("tags")).toMatchObject({ list: true, itemNonNull: false, nonNull: false });
    expect(token?.fieldsByName.get("kind")?.type).toEqual({ kind: "enum", name: "Kind" });
    expect(schema.entities.get("Account")?.fieldsByName.get("token")?.type).toEqual({
      kind: "reference",
      name: "Token",
      idType: "Bytes",
    });
    expect(schema.entities.get("Account")?.idType).toBe("String");
    expect(schema.entities.get("Event")).toMatchObject({ idType: "Int8", immutable: true });
    expect(schema.enums.get("Kind")?.values).toEqual(["A", "B"]);
    expect(schema.interfaces.get("Named")?.implementations).toEqual(["Person"]);
    expect(schema.entities.get("Person")?.interfaces).toEqual(["Named"]);
  });

  it("parses timeseries and aggregations into the source entity and one bucket entity per interval", () => {
    const schema = parseSchema(
      `${TS} type A @aggregation(intervals: ["hour", "day"], source: "D") { id: Int8! timestamp: Timestamp! t: String! s: BigInt! @aggregate(fn: "sum", arg: "-(v + 1) * 2", cumulative: true) }`,
    );
    expect(schema.entities.get("D")).toMatchObject({ timeseries: true, immutable: true, idType: "Int8" });
    expect(schema.aggregations.get("A")).toMatchObject({
      source: "D",
      intervals: ["hour", "day"],
      dimensions: ["t"],
      aggregates: [{ field: "s", fn: "sum", cumulative: true }],
    });
    expect(schema.entities.get("A__hour")).toMatchObject({
      bucketOf: { aggregation: "A", interval: "hour" },
    });
    expect(schema.entities.get("A__day")?.immutable).toBe(true);
    expect(schema.entities.has("A")).toBe(false);
  });

  it("gives the same fingerprint regardless of comments and order, another for another shape", () => {
    const a = parseSchema(`type A @entity { id: ID! x: Int } type B @entity { id: ID! }`);
    const b = parseSchema(`"doc" type B @entity { id: ID! } type A @entity { id: ID! # c\n x: Int }`);
    const c = parseSchema(`type A @entity { id: ID! x: BigInt } type B @entity { id: ID! }`);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).not.toBe(c.fingerprint);
  });

  it.each([
    ["type A @entity { id: ID! ", /not valid GraphQL/],
    [
      "type A @entity(timeseries: true) { id: ID! timestamp: Timestamp! }",
      /timeseries `A`: the `id` field must be of type Int8!/,
    ],
    [
      "type A @entity(timeseries: true) { id: Int8! }",
      /timeseries `A`: the `timestamp` field must be of type Timestamp!/,
    ],
    [
      "type A @entity(timeseries: true, immutable: false) { id: Int8! timestamp: Timestamp! }",
      /timeseries are immutable/,
    ],
    [
      `${TS} type A @aggregation(intervals: ["hour"], source: "B") { id: Int8! timestamp: Timestamp! s: BigInt! @aggregate(fn: "sum", arg: "v") }`,
      /the source `B` is not an @entity\(timeseries: true\) type/,
    ],
    [
      `${TS} type A @aggregation(intervals: ["week"], source: "D") { id: Int8! timestamp: Timestamp! s: BigInt! @aggregate(fn: "sum", arg: "v") }`,
      /the intervals must be "hour" or "day"/,
    ],
    [
      `${TS} type A @aggregation(intervals: ["hour"], source: "D") { id: Int8! timestamp: Timestamp! }`,
      /has no @aggregate field/,
    ],
    [
      `${TS} type A @aggregation(intervals: ["hour"], source: "D") { id: Int8! timestamp: Timestamp! s: BigInt! @aggregate(fn: "avg", arg: "v") }`,
      /fn:\) must be one of sum, count, min, max, first, last/,
    ],
    [
      `${TS} type A @aggregation(intervals: ["hour"], source: "D") { id: Int8! timestamp: Timestamp! s: BigInt! @aggregate(fn: "sum") }`,
      /@aggregate\(fn: "sum"\) needs an `arg`/,
    ],
    [
      `${TS} type A @aggregation(intervals: ["hour"], source: "D") { id: Int8! timestamp: Timestamp! s: String! @aggregate(fn: "max", arg: "t") }`,
      /aggregates must be of type Int, Int8, BigInt or BigDecimal/,
    ],
    [
      `${TS} type A @aggregation(intervals: ["hour"], source: "D") { id: Int8! timestamp: Timestamp! s: BigInt! @aggregate(fn: "sum", arg: "nope") }`,
      /`nope` is not a numeric or Boolean field of the source timeseries/,
    ],
    [
      `${TS} type A @aggregation(intervals: ["hour"], source: "D") { id: Int8! timestamp: Timestamp! s: BigInt! @aggregate(fn: "sum", arg: "power(v, 2)") }`,
      /the function `power` is not supported; this indexer evaluates field names, numbers/,
    ],
    [
      `${TS} type A @aggregation(intervals: ["hour"], source: "D") { id: Int8! timestamp: Timestamp! s: BigInt! @aggregate(fn: "sum", arg: "v / 2") }`,
      /the operator `\/` is not supported/,
    ],
    [
      `${TS} type A @aggregation(intervals: ["hour"], source: "D") { id: Int8! timestamp: Timestamp! x: Int! s: BigInt! @aggregate(fn: "sum", arg: "v") }`,
      /a dimension must be a field of the source `D` with the same type/,
    ],
    ["type A { id: ID! }", /`A` must be annotated with @entity/],
    ["type A @entity { name: String }", /`A` has no `id` field/],
    ["type A @entity { id: Int! }", /field `id` must be of type ID, String, Bytes or Int8/],
    ["type A @entity { id: ID }", /field `id` must be non-null/],
    ["type A @entity { id: ID! b: Nope }", /field `A.b`: unknown type `Nope`/],
    ["type A @entity { id: ID! b: [[Int]] }", /field `A.b`: lists of lists/],
    [
      'type A @entity { id: ID! bs: [B!]! @derivedFrom(field: "a") } type B @entity { id: ID! }',
      /names no field of `B`/,
    ],
    [
      'type A @entity { id: ID! n: Int @derivedFrom(field: "a") }',
      /only allowed on fields referencing entities/,
    ],
    ["type A @entity { id: ID! } type A @entity { id: ID! }", /defined more than once/],
    ["scalar Money type A @entity { id: ID! }", /scalar `Money` is not supported/],
    ["interface I { id: ID! x: Int! } type A implements I @entity { id: ID! }", /lacks its field `x`/],
    ["enum E { X } ", /defines no @entity types/],
  ])("rejects %s", (sdl, message) => {
    expect(() => parseSchema(sdl)).toThrow(SchemaError);
    expect(() => parseSchema(sdl)).toThrow(message);
  });
});

describe("queryFieldNames", () => {
  it.each([
    ["Token", "token", "tokens"],
    ["GenesisAllocation", "genesisAllocation", "genesisAllocations"],
    ["VestingTranche", "vestingTranche", "vestingTranches"],
    ["DelegateVotesChange", "delegateVotesChange", "delegateVotesChanges"],
    ["Entity", "entity", "entities"],
    ["Status", "status", "statuses"],
    ["Box", "box", "boxes"],
    ["Person", "person", "people"],
    ["Sheep", "sheep", "sheep_collection"],
    ["ERC20Token", "erc20Token", "erc20Tokens"],
  ])("%s → %s, %s", (type, singular, plural) => {
    expect(queryFieldNames(type)).toEqual({ singular, plural });
  });
});
