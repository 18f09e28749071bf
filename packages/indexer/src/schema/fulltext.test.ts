import { describe, expect, it } from "vitest";
import { SchemaError } from "./errors.js";
import { checkFulltextFeature } from "./fulltext.js";
import { parseSchema } from "./parse.js";

const ENTITIES = `
  type Band @entity { id: ID! name: String! bio: String tags: [String!] members: Int! }
  type Song @entity { id: ID! title: String! }
`;

function withSearch(args: string, extra = ""): string {
  return `type _Schema_ @fulltext(${args}) ${extra}\n${ENTITIES}`;
}

const BAND_SEARCH = `name: "bandSearch", language: en, algorithm: rank,
  include: [{ entity: "Band", fields: [{ name: "name" }, { name: "bio" }] }]`;

describe("@fulltext", () => {
  it("parses graph-node's _Schema_ directives into search fields", () => {
    const schema = parseSchema(
      withSearch(
        BAND_SEARCH,
        `@fulltext(name: "songSearch", language: simple, algorithm: proximityRank,
           include: [{ entity: "Song", fields: [{ name: "title" }] }])`,
      ),
    );
    expect([...schema.fulltext.values()]).toEqual([
      { name: "bandSearch", language: "en", algorithm: "rank", entity: "Band", fields: ["name", "bio"] },
      {
        name: "songSearch",
        language: "simple",
        algorithm: "proximityRank",
        entity: "Song",
        fields: ["title"],
      },
    ]);
    expect(parseSchema(ENTITIES).fulltext.size).toBe(0);
  });

  it("changes the fingerprint only for schemas with search fields", () => {
    const plain = parseSchema(ENTITIES).fingerprint;
    expect(parseSchema(`type _Schema_\n${ENTITIES}`).fingerprint).toBe(plain);
    const searched = parseSchema(withSearch(BAND_SEARCH)).fingerprint;
    expect(searched).not.toBe(plain);
    expect(parseSchema(withSearch(BAND_SEARCH.replace("rank", "proximityRank"))).fingerprint).not.toBe(
      searched,
    );
  });

  it("refuses invalid directives with graph-node's messages", () => {
    const cases: [string, string][] = [
      [withSearch(BAND_SEARCH.replace('name: "bandSearch", ', "")), "Fulltext directive name undefined"],
      [
        withSearch(BAND_SEARCH.replace('"bandSearch"', '"bands"')),
        "Fulltext directive name overlaps with type: bands",
      ],
      [
        withSearch(BAND_SEARCH, `@fulltext(${BAND_SEARCH})`),
        "Fulltext directive name conflicts with another: bandSearch",
      ],
      [withSearch(BAND_SEARCH.replace("language: en, ", "")), "Fulltext language is undefined"],
      [withSearch(BAND_SEARCH.replace("language: en", "language: xx")), "Fulltext language is invalid: xx"],
      [
        withSearch(BAND_SEARCH.replace("algorithm: rank", "algorithm: best")),
        "Fulltext algorithm is invalid",
      ],
      [
        withSearch(BAND_SEARCH.replace(/include: .*/s, "include: []")),
        "Fulltext directive requires an 'include' list",
      ],
      [withSearch(BAND_SEARCH.replace('"Band"', '"Drummer"')), "includes an entity not found"],
      [
        withSearch(BAND_SEARCH.replace('"bio"', '"members"')),
        "Fulltext entity field, members, not found or not a string",
      ],
      [
        withSearch(BAND_SEARCH.replace('"bio"', '"tags"')),
        "Fulltext entity field, tags, not found or not a string",
      ],
      [
        withSearch(BAND_SEARCH.replace('"bio"', '"nope"')),
        "Fulltext entity field, nope, not found or not a string",
      ],
      [`type _Schema_ @other\n${ENTITIES}`, "directive @other is not allowed"],
    ];
    for (const [sdl, message] of cases) {
      expect(() => parseSchema(sdl), message).toThrow(SchemaError);
      expect(() => parseSchema(sdl), message).toThrow(message);
    }
  });

  it("refuses what it cannot search as graph-node does, naming why", () => {
    expect(() => parseSchema(withSearch(BAND_SEARCH.replace("language: en", "language: de")))).toThrow(
      '@fulltext "bandSearch": language de is not supported by this indexer (SQLite FTS5 stems English only): use en or simple',
    );
    const twoEntities = BAND_SEARCH.replace(
      "}] }]",
      '}] }, { entity: "Song", fields: [{ name: "title" }] }]',
    );
    expect(() => parseSchema(withSearch(twoEntities))).toThrow(/include one entity only/);
  });

  it("requires features: [fullTextSearch] in the manifest, as graph-node does", () => {
    const { fulltext } = parseSchema(withSearch(BAND_SEARCH));
    expect(() => checkFulltextFeature(fulltext, ["nonFatalErrors"])).toThrow(
      "The feature `fullTextSearch` is used by the subgraph but it is not declared in the manifest.",
    );
    expect(() => checkFulltextFeature(fulltext, ["fullTextSearch"])).not.toThrow();
    expect(() => checkFulltextFeature(parseSchema(ENTITIES).fulltext, [])).not.toThrow();
  });
});
