import { describe, expect, it } from "vitest";
import { HostIndex } from "./hostIndex.js";

const host = (name: string, address: string | null, blockHandlers = 0) => ({
  name,
  address,
  mapping: { blockHandlers: new Array(blockHandlers).fill("h") },
});

describe("HostIndex", () => {
  it("gives the data sources a log's address can match, wildcards included, in creation order", () => {
    const a1 = host("a1", "0xa");
    const any1 = host("any1", null, 1);
    const b = host("b", "0xb", 1);
    const a2 = host("a2", "0xa");
    const index = new HostIndex([a1, any1, b]);
    index.add(a2);
    expect(index.forAddress("0xa").map((h) => h.name)).toEqual(["a1", "any1", "a2"]);
    expect(index.forAddress("0xb").map((h) => h.name)).toEqual(["any1", "b"]);
    expect(index.forAddress("0xc").map((h) => h.name)).toEqual(["any1"]);
    expect(index.withBlockHandlers.map((h) => h.name)).toEqual(["any1", "b"]);
    expect(new HostIndex([a1]).forAddress("0xc")).toEqual([]);
  });
});
