import { describe, expect, it } from "vitest";

import { InvalidPageError } from "../errors.js";
import { collectAll, cursorPages, MAX_PAGE_SIZE, offsetPage, pageWindow } from "./pagination.js";

const rows = Array.from({ length: 2_345 }, (_, i) => ({ id: `0x${i.toString(16).padStart(4, "0")}`, n: i }));

/** The server's side of a `first`/`skip` query over `rows`, with its 1,000 cap. */
function bySkip(first: number, skip: number) {
  if (first > MAX_PAGE_SIZE) throw new Error("first above 1000");
  return Promise.resolve(rows.slice(skip, skip + first));
}

/** The server's side of an `id_gt` query ordered by id. */
function byCursor(first: number, after: string) {
  if (first > MAX_PAGE_SIZE) throw new Error("first above 1000");
  return Promise.resolve(rows.filter((r) => r.id > after).slice(0, first));
}

describe("pageWindow", () => {
  it("defaults to the first 100 rows", () => {
    expect(pageWindow()).toEqual({ first: 100, skip: 0 });
  });

  it.each([0, -1, 1.5, 1001, Number.NaN])("refuses first = %s", (first) => {
    expect(() => pageWindow({ first })).toThrow(InvalidPageError);
  });

  it.each([-1, 0.5])("refuses skip = %s", (skip) => {
    expect(() => pageWindow({ skip })).toThrow(InvalidPageError);
  });
});

describe("offsetPage", () => {
  it("returns the page and the request for the next one, asking one row more to know", async () => {
    const asked: [number, number][] = [];
    const page = await offsetPage(
      { first: 10, skip: 20 },
      (first, skip) => {
        asked.push([first, skip]);
        return bySkip(first, skip);
      },
      (r) => r.n,
    );
    expect(asked).toEqual([[11, 20]]);
    expect(page.items).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    expect(page.next).toEqual({ first: 10, skip: 30 });
  });

  it("says the last page is the last, also when it is exactly full", async () => {
    const last = await offsetPage({ first: 45, skip: 2_300 }, bySkip, (r) => r.n);
    expect(last.items).toHaveLength(45);
    expect(last.next).toBeUndefined();
    const short = await offsetPage({ first: 100, skip: 2_300 }, bySkip, (r) => r.n);
    expect(short.items).toHaveLength(45);
    expect(short.next).toBeUndefined();
  });

  it("walks a whole list by following next", async () => {
    const seen: number[] = [];
    let request: { first: number; skip: number } | undefined = { first: 1_000, skip: 0 };
    while (request) {
      const page = await offsetPage(request, bySkip, (r) => r.n);
      seen.push(...page.items);
      request = page.next as typeof request;
    }
    expect(seen).toEqual(rows.map((r) => r.n));
  });
});

describe("cursor pages", () => {
  it("reads every row once, in id order, with the page size asked", async () => {
    const asked: string[] = [];
    const all = await collectAll(
      (first, after) => {
        asked.push(after);
        return byCursor(first, after);
      },
      (r) => r.n,
      { pageSize: 1_000 },
    );
    expect(all).toEqual(rows.map((r) => r.n));
    expect(asked).toEqual(["0x", "0x03e7", "0x07cf"]);
  });

  it("stops after a page that is exactly full when the next one is empty (2,345 = 5 × 469)", async () => {
    const pages: number[] = [];
    for await (const page of cursorPages(
      (first, after) => byCursor(first, after),
      (r) => r.n,
      { pageSize: 469 },
    )) {
      pages.push(page.length);
    }
    expect(pages).toEqual([469, 469, 469, 469, 469]);
  });

  it("fails instead of looping forever when the server ignores the cursor", async () => {
    await expect(
      collectAll(
        (first) => Promise.resolve(rows.slice(0, first)),
        (r) => r.n,
        { pageSize: 10 },
      ),
    ).rejects.toThrow(InvalidPageError);
  });
});
