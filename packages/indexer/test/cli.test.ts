import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type CliIo, main } from "../src/cli.js";
import { defaultSubgraphName, type Indexer, type IndexerOptions } from "../src/indexer.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir() {
  const d = mkdtempSync(join(tmpdir(), "indexer-cli-"));
  dirs.push(d);
  return d;
}

function io(overrides: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    stopSignal: Promise.resolve(),
    ...overrides,
  };
  return { io: value, out, err };
}

describe("dmex-indexer CLI", () => {
  it("exits 2 with the reason and a pointer to --help on bad arguments", async () => {
    const { io: cli, err, out } = io();
    expect(await main(["start", "--rpc", "http://x"], cli)).toBe(2);
    expect(err).toEqual([
      "dmex-indexer: start: --subgraph <dir or subgraph.yaml> is required",
      "Run `dmex-indexer --help` for usage.",
    ]);
    expect(out).toEqual([]);
  });

  it("prints usage for --help and exits 0", async () => {
    const { io: cli, out } = io();
    expect(await main(["--help"], cli)).toBe(0);
    expect(out.join("\n")).toMatch(/dmex-indexer start --subgraph <dir or subgraph.yaml> --rpc <url>/);
  });

  it("start passes the options on, prints the GraphQL URL and stops the indexer on the stop signal", async () => {
    let stopSignal = () => {};
    const signal = new Promise<void>((r) => {
      stopSignal = r;
    });
    const seen: IndexerOptions[] = [];
    let stopped = false;
    const fake: Indexer = {
      url: "http://127.0.0.1:4321/subgraphs/name/token",
      statusUrl: "http://127.0.0.1:4322/graphql",
      waitForBlock: () => Promise.reject(new Error("unused")),
      query: () => Promise.reject(new Error("unused")),
      status: () => {
        throw new Error("unused");
      },
      stop: async () => {
        stopped = true;
      },
    };
    const { io: cli, out } = io({
      stopSignal: signal,
      start: async (options) => {
        seen.push(options);
        return fake;
      },
    });
    const exit = main(
      [
        "start",
        "--subgraph",
        "/x/token/build",
        "--rpc",
        "http://127.0.0.1:8545",
        "--port",
        "4321",
        "--status-port",
        "4322",
        "--max-depth",
        "20",
        "--query-timeout",
        "500",
        "--graft-base",
        "/x/base.sqlite",
        "--ipfs",
        "http://127.0.0.1:8080",
        "--arweave",
        "https://arweave.net",
      ],
      cli,
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(out).toEqual([
      "GraphQL: http://127.0.0.1:4321/subgraphs/name/token",
      "Status: http://127.0.0.1:4322/graphql",
    ]);
    expect(stopped).toBe(false);
    stopSignal();
    expect(await exit).toBe(0);
    expect(stopped).toBe(true);
    expect(seen[0]).toMatchObject({
      subgraph: "/x/token/build",
      rpc: "http://127.0.0.1:8545",
      port: 4321,
      name: "token",
      statusPort: 4322,
      queryLimits: { maxDepth: 20, timeoutMs: 500 },
      graftBase: "/x/base.sqlite",
      ipfs: "http://127.0.0.1:8080",
      arweave: "https://arweave.net",
    });
    expect(seen[0]?.db).toBe(join(process.cwd(), ".dmex-indexer", "token.sqlite"));
  });

  it("start exits 1 with the message when the indexer cannot start", async () => {
    const { io: cli, err } = io({
      start: () =>
        Promise.reject(new Error("database x is in use by another indexer (process 42); stop it first")),
    });
    expect(await main(["start", "--subgraph", "s", "--rpc", "http://x"], cli)).toBe(1);
    expect(err).toEqual([
      "dmex-indexer: database x is in use by another indexer (process 42); stop it first",
    ]);
  });

  it("names the subgraph after its directory, skipping build/ and the manifest file", () => {
    expect(defaultSubgraphName("/a/my-token")).toBe("my-token");
    expect(defaultSubgraphName("/a/my-token/build")).toBe("my-token");
    expect(defaultSubgraphName("/a/my token/build/subgraph.yaml")).toBe("my-token");
  });

  it("reset deletes the database with its WAL files", async () => {
    const dir = tempDir();
    const db = join(dir, "x.sqlite");
    const sqlite = new Database(db);
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1)");
    expect(existsSync(`${db}-wal`)).toBe(true);
    const { io: cli, out } = io();
    expect(await main(["reset", "--db", db], cli)).toBe(0);
    sqlite.close();
    expect([db, `${db}-wal`, `${db}-shm`].filter((p) => existsSync(p))).toEqual([]);
    expect(out).toEqual([`deleted ${db} (and its -wal/-shm files)`]);
  });

  it("reset refuses a file that is not an SQLite database, and a missing one", async () => {
    const dir = tempDir();
    const notDb = join(dir, "notes.txt");
    writeFileSync(notDb, "precious");
    const { io: cli, err } = io();
    expect(await main(["reset", "--db", notDb], cli)).toBe(1);
    expect(existsSync(notDb)).toBe(true);
    expect(await main(["reset", "--db", join(dir, "missing.sqlite")], cli)).toBe(1);
    expect(err).toEqual([
      `reset: ${notDb} is not an SQLite database; not deleting it`,
      `reset: no database at ${join(dir, "missing.sqlite")}`,
    ]);
  });
});
