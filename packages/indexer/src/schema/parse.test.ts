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
      "type A @entity(timeseries: true) { id: Int8! timestamp: Timestamp! }",
      /timeseries: true\) is not supported by this indexer \(graph-node's timeseries and aggregations/,
    ],
    [
      'type A @aggregation(intervals: ["hour"], source: "B") { id: Int8! timestamp: Timestamp! }',
      /`A`: @aggregation types are not supported by this indexer/,
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
