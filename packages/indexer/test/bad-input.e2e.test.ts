// Bad input through the public entry points (`startIndexer`, the CLI's `main`): a broken manifest, a missing
// `.wasm`, a mapping importing a host function nobody provides, `store.set` calls that do not fit the schema,
// and bad queries. Each must fail with an error naming what is wrong, and lose nothing already indexed.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { id as keccakText } from "ethers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CliIo, main } from "../src/cli.js";
import { type Indexer, type IndexerOptions, SubgraphFailedError, startIndexer } from "../src/indexer.js";
import { ManifestError } from "../src/manifest/index.js";
import { MissingHostImportError } from "../src/runtime/index.js";
import { type Anvil, startAnvil } from "./helpers/anvil.js";
import { deployEmitter, emit } from "./helpers/emitter.js";
import { expectOk } from "./helpers/expected.js";
import { recordingLogger } from "./helpers/flaky-server.js";
import { buildTestSubgraph } from "./helpers/subgraphs.js";

const PING = keccakText("Ping(uint256)");
const PINGS = "{ pings(orderBy: value, subgraphError: allow) { id value block } }";

let anvil: Anvil;
let work: string;
/** fixtures/e2e/misfit at an emitter that only sends pings whose writes fit the schema. */
let healthyDir: string;
let healthyDb: string;
/** What the healthy subgraph indexed before any bad input: every test checks it is still there. */
let healthyPings: unknown;
let healthyHead: number;
/** fixtures/e2e/unknown-host, same schema as misfit: it may open the healthy database. */
let unknownHostDir: string;
/** The misfit build at emitters that send 13 (unknown field) and 14 (wrong type) after two good pings. */
let unknownFieldDir: string;
let wrongTypeDir: string;
const failingBlock = { unknownField: 0, wrongType: 0 };
const goodBlocks = { unknownField: [0, 0], wrongType: [0, 0] };
let tip: number;
const running = new Set<Indexer>();

function options(
  subgraph: string,
  db: string,
): IndexerOptions & { logger: ReturnType<typeof recordingLogger> } {
  return { subgraph, rpc: anvil.url, db, port: 0, pollIntervalMs: 50, logger: recordingLogger() };
}

async function start(subgraph: string, db: string) {
  const opts = options(subgraph, db);
  const indexer = await startIndexer(opts);
  running.add(indexer);
  return { indexer, logger: opts.logger };
}

/** The CLI's `main`, as `dmex-indexer start` runs it; resolves to its exit code and output. */
async function cli(subgraph: string, db: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    // Should it start after all, it stops at once (and exits 0, which the tests reject).
    stopSignal: Promise.resolve(),
  };
  const code = await main(
    ["start", "--subgraph", subgraph, "--rpc", anvil.url, "--db", db, "--port", "0"],
    io,
  );
  return { code, out, err };
}

/** The healthy database's bytes, and which of its side files exist. */
function fingerprint(): string {
  const sides = ["-wal", "-shm", ".lock"].filter((s) => existsSync(`${healthyDb}${s}`));
  return `${createHash("sha256").update(readFileSync(healthyDb)).digest("hex")} ${sides.join(",")}`;
}
let healthyFingerprint: string;

/**
 * The healthy database after the failure: not a byte changed, no lock left behind, and a restart resumes
 * where it was and serves the same pings.
 */
async function expectHealthyIntact() {
  expect(fingerprint()).toBe(healthyFingerprint);
  const { indexer, logger } = await start(healthyDir, healthyDb);
  expect(logger.lines[0]?.message).toMatch(new RegExp(`^resuming after block ${healthyHead} `));
  expect(expectOk(await indexer.query(PINGS)).pings).toEqual(healthyPings);
  await indexer.stop();
  running.delete(indexer);
  healthyFingerprint = fingerprint();
}

/** A copy of `dir`'s build pointed at another emitter. */
function retarget(dir: string, slug: string, from: string, to: string): string {
  const copy = join(work, slug);
  cpSync(join(dir, "build"), copy, { recursive: true });
  const manifest = join(copy, "subgraph.yaml");
  const text = readFileSync(manifest, "utf8");
  if (!text.includes(from)) throw new Error(`${manifest} does not name ${from}`);
  writeFileSync(manifest, text.replace(from, to));
  return copy;
}

async function blockOf(emitter: string, value: bigint): Promise<number> {
  return Number((await emit(anvil, emitter, PING, value)).blockNumber);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "indexer-bad-input-"));
  anvil = await startAnvil();
  const healthy = await deployEmitter(anvil);
  const unknownField = await deployEmitter(anvil);
  const wrongType = await deployEmitter(anvil);
  [healthyDir, unknownHostDir] = await Promise.all([
    buildTestSubgraph(work, "misfit", "misfit", healthy),
    buildTestSubgraph(work, "unknown-host", "unknown-host", healthy),
  ]);
  unknownFieldDir = retarget(healthyDir, "misfit-unknown-field", healthy, unknownField);
  wrongTypeDir = retarget(healthyDir, "misfit-wrong-type", healthy, wrongType);

  await blockOf(healthy, 5n);
  goodBlocks.unknownField = [await blockOf(unknownField, 1n), await blockOf(unknownField, 2n)];
  goodBlocks.wrongType = [await blockOf(wrongType, 1n), await blockOf(wrongType, 2n)];
  await blockOf(healthy, 6n);
  failingBlock.unknownField = await blockOf(unknownField, 13n);
  failingBlock.wrongType = await blockOf(wrongType, 14n);
  await blockOf(unknownField, 3n);
  await anvil.rpc("anvil_mine", ["0x3"]);
  tip = Number(await anvil.rpc("eth_blockNumber"));

  healthyDb = join(work, "healthy.sqlite");
  const { indexer } = await start(healthyDir, healthyDb);
  healthyHead = (await indexer.waitForBlock(tip, { timeoutMs: 30_000 })).number;
  healthyPings = expectOk(await indexer.query(PINGS)).pings;
  expect(healthyPings).toMatchObject([{ value: "5" }, { value: "6" }]);
  await indexer.stop();
  running.delete(indexer);
  healthyFingerprint = fingerprint();
});

afterEach(async () => {
  for (const indexer of running) await indexer.stop().catch(() => undefined);
  running.clear();
});

afterAll(async () => {
  await anvil?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.sequential("a broken build", () => {
  it("a YAML syntax error in the manifest: the file, line and column, and the database untouched", async () => {
    const manifest = join(healthyDir, "build", "subgraph.yaml");
    const good = readFileSync(manifest, "utf8");
    writeFileSync(manifest, good.replace("abi: Pinger\n      startBlock", "abi: [Pinger\n      startBlock"));
    try {
      const error = await startIndexer(options(healthyDir, healthyDb)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ManifestError);
      const message = (error as Error).message;
      expect(message).toMatch(
        new RegExp(
          `^${escapeRegExp(manifest)}: \\(document\\): invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a \\] at line 11, column 7:`,
        ),
      );
      const { code, err, out } = await cli(healthyDir, healthyDb);
      expect(code).toBe(1);
      expect(err).toEqual([`dmex-indexer: ${message}`]);
      expect(out).toEqual([]);
    } finally {
      writeFileSync(manifest, good);
    }
    await expectHealthyIntact();
  });

  it("a missing .wasm: the manifest, its key and the missing file", async () => {
    const manifest = join(healthyDir, "build", "subgraph.yaml");
    const wasm = join(healthyDir, "build", "Pinger", "Pinger.wasm");
    renameSync(wasm, `${wasm}.away`);
    try {
      const expected = `${manifest}: dataSources[0].mapping.file: file not found: ${wasm}`;
      await expect(startIndexer(options(healthyDir, healthyDb))).rejects.toThrow(
        expect.objectContaining({ name: "ManifestError", message: expected }),
      );
      const { code, err } = await cli(healthyDir, healthyDb);
      expect(code).toBe(1);
      expect(err).toEqual([`dmex-indexer: ${expected}`]);
    } finally {
      renameSync(`${wasm}.away`, wasm);
    }
    await expectHealthyIntact();
  });

  it("a mapping importing a host function nobody provides: refused at load time, naming the import", async () => {
    const wasm = join(unknownHostDir, "build", "Pinger", "Pinger.wasm");
    const expected = `${wasm} imports env.dmex.notAHostFunction, which this host does not provide`;
    // On the healthy database (same schema): refused before anything is indexed into it.
    const error = await startIndexer(options(unknownHostDir, healthyDb)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingHostImportError);
    expect(error).toMatchObject({ module: "env", importName: "dmex.notAHostFunction", message: expected });
    const { code, err } = await cli(unknownHostDir, healthyDb);
    expect(code).toBe(1);
    expect(err).toEqual([`dmex-indexer: ${expected}`]);
    // On a new database path: nothing is created.
    const fresh = join(work, "never-created.sqlite");
    await expect(startIndexer(options(unknownHostDir, fresh))).rejects.toThrow(expected);
    expect(["", "-wal", "-shm", ".lock"].filter((s) => existsSync(`${fresh}${s}`))).toEqual([]);
    // The failed starts released the database (lock, store) and the port.
    await expectHealthyIntact();
  });
});

describe.sequential("store.set that does not fit the schema", () => {
  const cases = [
    {
      what: "a field the schema lacks",
      dir: () => unknownFieldDir,
      key: "unknownField" as const,
      reason: "Entity Ping[13]: unknown field `note`. It probably is not part of the schema",
    },
    {
      what: "a field of the wrong type",
      dir: () => wrongTypeDir,
      key: "wrongType" as const,
      reason:
        "Entity Ping[14]: the value `fourteen` for field `block` must have type BigInt! but has type String",
    },
  ];
  for (const c of cases) {
    it(`${c.what}: the subgraph fails naming the entity and field, the blocks before it stay`, async () => {
      const db = join(work, `${c.key}.sqlite`);
      const { indexer, logger } = await start(c.dir(), db);
      const failedAt = failingBlock[c.key];
      const error = await indexer.waitForBlock(tip, { timeoutMs: 30_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SubgraphFailedError);
      expect((error as Error).message).toBe(
        `subgraph failed at block ${failedAt} in handlePing: ${c.reason}`,
      );

      const status = indexer.status();
      expect(status.state).toBe("failed");
      expect(status.hasIndexingErrors).toBe(true);
      expect(status.error).toMatchObject({
        handler: "handlePing",
        blockNumber: failedAt,
        message: c.reason,
        deterministic: true,
      });
      expect(logger.lines.filter((l) => l.level === "error").map((l) => l.message)).toEqual([
        expect.stringMatching(
          new RegExp(`^subgraph failed: handler handlePing at block ${failedAt} \\(0x[0-9a-f]{64}\\): `),
        ),
      ]);
      expect(logger.lines.find((l) => l.level === "error")?.message).toContain(c.reason);

      const data = expectOk(
        await indexer.query(
          `{ pings(orderBy: value, subgraphError: allow) { value block } _meta { block { number } hasIndexingErrors } }`,
        ),
      );
      // The two good pings before the failure, in the blocks that were committed before it.
      const [first, second] = goodBlocks[c.key];
      expect(data.pings).toEqual([
        { value: "1", block: String(first) },
        { value: "2", block: String(second) },
      ]);
      const meta = data._meta as { block: { number: number }; hasIndexingErrors: boolean };
      expect(meta.hasIndexingErrors).toBe(true);
      expect(meta.block.number).toBeGreaterThanOrEqual(second ?? Number.POSITIVE_INFINITY);
      expect(meta.block.number).toBeLessThan(failedAt);
    });
  }
});

describe.sequential("bad queries", () => {
  it("get graph-node's errors, and the server keeps answering", async () => {
    const { indexer } = await start(healthyDir, healthyDb);
    const post = async (query: string) => {
      const response = await fetch(indexer.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as {
        data?: unknown;
        errors?: { message: string; locations?: { line: number; column: number }[] }[];
      };
    };
    const answersAgain = async () => expect(expectOk(await indexer.query(PINGS)).pings).toEqual(healthyPings);

    const unknownField = await post("{ pings { id nope } }");
    expect(unknownField.data ?? null).toBeNull();
    expect(unknownField.errors?.map((e) => e.message)).toEqual(["Type `Ping` has no field `nope`"]);
    await answersAgain();

    const unknownEntity = await post("{ pongs { id } }");
    expect(unknownEntity.errors?.map((e) => e.message)).toEqual(["Type `Query` has no field `pongs`"]);
    await answersAgain();

    const tooMany = await post("{ pings(first: 5000) { id } }");
    expect(tooMany.errors?.map((e) => e.message)).toEqual([
      "The `first` argument must be between 0 and 1000, but is 5000",
    ]);
    await answersAgain();

    const syntax = await post("{ pings { id ");
    expect(syntax.data ?? null).toBeNull();
    expect(syntax.errors).toEqual([
      expect.objectContaining({
        message: "Syntax Error: Expected Name, found <EOF>.",
        locations: [{ line: 1, column: 14 }],
      }),
    ]);
    await answersAgain();

    const notJson = await fetch(indexer.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{ pings",
    });
    expect(notJson.status).toBeGreaterThanOrEqual(400);
    await answersAgain();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
