import { describe, expect, it } from "vitest";
import { graftIncompatibilities } from "./graft-compatibility.js";
import { parseSchema } from "./parse.js";

const BASE = `
  enum Kind { A B }
  type Token @entity(immutable: false) {
    id: Bytes!
    name: String!
    supply: BigInt!
    price: BigDecimal
    kind: Kind
    tags: [String!]
    owner: Account
  }
  type Account @entity(immutable: false) { id: ID! balance: Int8! tokens: [Token!]! @derivedFrom(field: "owner") }
  type Event @entity(immutable: true) { id: Int8! data: Bytes! }
  type Gone @entity(immutable: true) { id: ID! }
`;

function problems(sdl: string): string[] {
  return graftIncompatibilities(parseSchema(sdl), parseSchema(BASE));
}

describe("graftIncompatibilities (graph-node's Layout::can_copy_from)", () => {
  it("accepts the changes graph-node allows", () => {
    expect(problems(BASE)).toEqual([]);
    // Types added and removed, attributes removed, nullable attributes added, non-null made nullable, enum
    // values added, a reference kept as a reference to another type with the same id type, a mutable type
    // made from an immutable one.
    const compatible = `
      enum Kind { A B C }
      type Token @entity(immutable: false) {
        id: Bytes!
        name: String
        supply: BigInt!
        kind: Kind
        tags: [String!]
        owner: Holder
        added: Int
      }
      type Holder @entity(immutable: false) { id: ID! }
      type Event @entity(immutable: false) { id: Int8! data: Bytes! }
      type New @entity(immutable: true) { id: ID! value: Int! }
    `;
    expect(problems(compatible)).toEqual([]);
  });

  it("names every attribute the base's data does not fit", () => {
    const incompatible = `
      enum Kind { A }
      enum Other { A B }
      type Token @entity(immutable: true) {
        id: String!
        name: Bytes!
        supply: [BigInt!]!
        price: BigDecimal!
        kind: Kind
        tags: Other
        owner: Account
        added: Int!
      }
      type Account @entity(immutable: false) { id: ID! balance: Int8! tokens: String }
      type Event @entity(immutable: true) { id: Int8! data: String! }
    `;
    expect(problems(incompatible)).toEqual([
      "The attribute Token.id has type String, but its type in the source is Bytes",
      "The type Token is immutable, but it is mutable in the source",
      "The attribute Token.name has type Bytes!, but its type in the source is String!",
      "The attribute Token.supply has type [BigInt!]!, but its type in the source is BigInt!",
      "The attribute Token.price is non-nullable, but the corresponding attribute in the source is nullable",
      "the enum type Kind contains values not present in Kind: B",
      "The attribute Token.tags is an enum Other, but its type in the source is [String!]",
      "The attribute Token.added is non-nullable, but there is no such attribute in the source",
      "The attribute Event.data has type String!, but its type in the source is Bytes!",
    ]);
  });
});
