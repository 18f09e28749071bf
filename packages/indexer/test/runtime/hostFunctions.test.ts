// Runs the hostfns test subgraph (compiled with graph-cli from test/fixtures/runtime/hostfns) and checks
// each host function family against values computed here independently (JS bigint arithmetic, ethers'
// ABI coder and keccak, a local base58, BigDecimal results reasoned out from graph-node's semantics).
import { AbiCoder, type Interface, keccak256 } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSubgraph, type Subgraph } from "../../src/manifest/index.js";
import {
  HandlerError,
  RpcBridge,
  SubgraphRuntime,
  type SubgraphRuntimeOptions,
} from "../../src/runtime/index.js";
import { MemoryEntityWriter } from "../../src/testing/index.js";
import type { BlockInput, EntityData, LogInput, TransactionInput, Value } from "../../src/types.js";
import { buildFixture } from "./buildFixture.js";
import { addr, blockInput, eventLog, header, receiptOf, transaction } from "./chainFixtures.js";
import { type ScriptedServer, startScriptedServer } from "./rpcServer.js";

let subgraph: Subgraph;
let probeAbi: Interface;
let childAbi: Interface;
let probe: string;

beforeAll(() => {
  subgraph = loadSubgraph(buildFixture("hostfns"));
  const ds = subgraph.dataSources[0];
  const child = subgraph.templates[0];
  if (ds?.address == null || child === undefined) throw new Error("fixture manifest changed");
  probe = ds.address;
  probeAbi = ds.mapping.abis[0]?.abi as Interface;
  childAbi = child.mapping.abis[0]?.abi as Interface;
});

const SENDER = addr(0x5e4d);

/** One block of Probe events (event name and args per log, in log order). */
function probeBlock(number: number, events: readonly (readonly [string, readonly unknown[]])[]): BlockInput {
  const tx = transaction(`block ${number}`, 0, SENDER, probe);
  const logs = events.map(([name, args], i) => eventLog(probeAbi, name, args, probe, tx, i));
  return blockInput(header(number), [tx], logs);
}

function run(input: BlockInput, options: SubgraphRuntimeOptions = {}, writer = new MemoryEntityWriter()) {
  const runtime = new SubgraphRuntime(subgraph, options);
  const out = runtime.processBlock(input, writer);
  writer.commitBlock();
  return { runtime, writer, out };
}

function field(writer: MemoryEntityWriter, entity: string, id: string, name: string): Value | undefined {
  return writer.get(entity, id)?.get(name);
}

function text(writer: MemoryEntityWriter, id: string): string | undefined {
  const v = field(writer, "Result", id, "text");
  return v?.kind === "String" ? v.value : undefined;
}

function big(writer: MemoryEntityWriter, id: string): bigint | undefined {
  const v = field(writer, "Result", id, "big");
  return v?.kind === "BigInt" ? v.value : undefined;
}

function failure(fn: () => unknown): HandlerError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HandlerError) return error;
    throw error;
  }
  throw new Error("expected the handler to fail");
}

/** Bitcoin-alphabet base58 by repeated division: an independent reference for `bytesToBase58`. */
function base58(bytes: Uint8Array): string {
  const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  let n = BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);
  let out = "";
  while (n > 0n) {
    out = alphabet.charAt(Number(n % 58n)) + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

describe("numbers: bigInt.* and bigDecimal.*", () => {
  const cases = [
    [1234567890123456789012345678901234567890n, -987654321n, "1", "3"],
    [-17n, 5n, "2", "3"],
    [10n, 4n, "-2", "3"],
    [7n, -3n, "123.4500", "0.000001"],
    [-1n, 3n, "1.5e3", "1500"],
  ] as const;

  let writer: MemoryEntityWriter;
  beforeAll(() => {
    writer = run(
      probeBlock(
        11,
        cases.map(([a, b, x, y]) => ["Numbers", [a, b, x, y]] as const),
      ),
    ).writer;
  });

  it("does BigInt arithmetic like num-bigint (truncating division, remainder with the dividend's sign)", () => {
    cases.forEach(([a, b], i) => {
      expect(big(writer, `plus-${i}`)).toBe(a + b);
      expect(big(writer, `minus-${i}`)).toBe(a - b);
      expect(big(writer, `times-${i}`)).toBe(a * b);
      expect(big(writer, `div-${i}`)).toBe(a / b);
      expect(big(writer, `mod-${i}`)).toBe(a % b);
      expect(big(writer, `pow-${i}`)).toBe(a ** 3n);
      expect(big(writer, `or-${i}`)).toBe(a | b);
      expect(big(writer, `and-${i}`)).toBe(a & b);
      expect(big(writer, `shl-${i}`)).toBe(a << 5n);
      expect(big(writer, `shr-${i}`)).toBe(a >> 3n);
      expect(text(writer, `str-${i}`)).toBe(a.toString());
      expect(big(writer, `parsed-${i}`)).toBe(a);
    });
    // A module-level BigInt.fromString runs in `_start` (host call before any handler) and keeps its value.
    for (const i of cases.keys()) expect(big(writer, `global-${i}`)).toBe(123456789012345678901234567890n);
    // Spot checks of the signed cases, written out.
    expect(big(writer, "div-1")).toBe(-3n);
    expect(big(writer, "mod-1")).toBe(-2n);
    expect(big(writer, "shr-1")).toBe(-3n);
    // bigIntToHex prints the magnitude with minimal digits.
    expect(text(writer, "hex-1")).toBe("0x11");
    expect(text(writer, "hex-2")).toBe("0xa");
    expect(text(writer, "hex-0")).toBe("0x3a0c92075c0dbf3b8acbc5f96ce3f0ad2");
  });

  it("does BigDecimal arithmetic with 34 significant digits and graph-node's rounding", () => {
    const dec = (id: string): string | undefined => text(writer, id);
    expect(dec("dx-0")).toBe("1");
    expect(dec("dplus-0")).toBe("4");
    expect(dec("dminus-0")).toBe("-2");
    expect(dec("dtimes-0")).toBe("3");
    expect(dec("ddiv-0")).toBe(`0.${"3".repeat(34)}`);
    // Positive results round half up on the first dropped digit ...
    expect(dec("ddiv-1")).toBe(`0.${"6".repeat(33)}7`);
    // ... negative ones are truncated toward zero (bigdecimal 0.1.2's with_prec).
    expect(dec("ddiv-2")).toBe(`-0.${"6".repeat(34)}`);
    expect(dec("dx-3")).toBe("123.45");
    expect(dec("dplus-3")).toBe("123.450001");
    expect(dec("dminus-3")).toBe("123.449999");
    expect(dec("dtimes-3")).toBe("0.00012345");
    expect(dec("ddiv-3")).toBe("123450000");
    expect(dec("dx-4")).toBe("1500");
    expect(dec("dequals-4")).toBe("true");
    expect(dec("dequals-3")).toBe("false");
    // BigInt / BigDecimal: the BigInt becomes a BigDecimal first (graph-node's BigDecimal::new), so
    // 1234567890123456789012345678901234567890 is already rounded to 1234567890123456789012345678901235e6;
    // divided by 3 that is 411522630041152263004115226300411.666...e6, rounded up at the 34th digit.
    expect(dec("divDecimal-0")).toBe("411522630041152263004115226300411700000");
    expect(dec("divDecimal-1")).toBe(`-5.${"6".repeat(33)}`);
    // new BigDecimal(a) with exp -2, normalized by the host.
    expect(dec("built-0")).toBe("12345678901234567890123456789012350000");
    expect(dec("built-2")).toBe("0.1");
    expect(dec("built-1")).toBe("-0.17");
    // The stored value is the same canonical text.
    expect(field(writer, "Result", "ddiv-1", "dec")).toEqual({
      kind: "BigDecimal",
      value: `0.${"6".repeat(33)}7`,
    });
  });
});

describe("typeConversion.*, crypto.keccak256, ethereum.encode|decode", () => {
  it("converts bytes, strings and addresses and encodes ABI values like ethers", () => {
    const data = Uint8Array.from([...Buffer.from("héllo", "utf8"), 0, 0]);
    const who = addr(0xabcdef);
    const mixedCase = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01";
    const { writer } = run(probeBlock(11, [["Convert", [data, mixedCase, who]]]));
    expect(text(writer, "bytesToString")).toBe("héllo");
    expect(text(writer, "bytesToHex")).toBe(`0x${Buffer.from(data).toString("hex")}`);
    expect(text(writer, "base58")).toBe(base58(data));
    expect(text(writer, "h160")).toBe(mixedCase.toLowerCase());
    expect(field(writer, "Result", "keccak", "bytes")).toEqual({
      kind: "Bytes",
      value: Uint8Array.from(Buffer.from(keccak256(data).slice(2), "hex")),
    });
    const coder = AbiCoder.defaultAbiCoder();
    const encoded = coder.encode(["(uint256,address,string)"], [[42n, who, "graph"]]);
    expect(field(writer, "Result", "encoded", "bytes")).toEqual({
      kind: "Bytes",
      value: Uint8Array.from(Buffer.from(encoded.slice(2), "hex")),
    });
    expect(text(writer, "decoded")).toBe(`42:${who}:graph`);
    const list = coder.encode(["int256[]"], [[-1n, 7n]]);
    expect(field(writer, "Result", "encodedList", "bytes")).toEqual({
      kind: "Bytes",
      value: Uint8Array.from(Buffer.from(list.slice(2), "hex")),
    });
    expect(text(writer, "decodeBad")).toBe("null");
  });
});

describe("json.*", () => {
  it("parses documents keeping number text, and reports bad input through try_fromBytes", () => {
    const doc =
      '{"a": 12345678901234567890, "b": [null, "two", true, 3.5, [], {}], "c": {"d": -5}, "f": 1.5e2}';
    const { writer } = run(probeBlock(11, [["JsonDoc", [doc]]]));
    expect(text(writer, "jsonBig")).toBe("12345678901234567890");
    expect(text(writer, "jsonU64")).toBe("12345678901234567890");
    // JSONValueKind: NULL 0, BOOL 1, NUMBER 2, STRING 3, ARRAY 4, OBJECT 5.
    expect(text(writer, "jsonKinds")).toBe("031245");
    expect(text(writer, "jsonString")).toBe("two");
    expect(text(writer, "jsonI64")).toBe("-5");
    expect(text(writer, "jsonF64")).toBe("150.0");
    expect(text(writer, "jsonBad")).toBe("error");
    expect(text(writer, "jsonGood")).toBe("1");
  });
});

describe("yaml.*", () => {
  it("parses YAML into values, tags included, and reports bad input through try_fromBytes", () => {
    const doc =
      "name: probe\ncount: 1234567890123\nitems: [a, b, c]\nflag: true\nmoney: !usd 12.5\nnone: null\n";
    const { writer } = run(probeBlock(11, [["YamlDoc", [doc]]]));
    expect(text(writer, "yamlName")).toBe("probe");
    expect(text(writer, "yamlCount")).toBe("1234567890123");
    expect(text(writer, "yamlItem")).toBe("b");
    expect(text(writer, "yamlFlag")).toBe("true");
    expect(text(writer, "yamlTagged")).toBe("!usd=12.5");
    expect(text(writer, "yamlNull")).toBe("null");
    expect(text(writer, "yamlBad")).toBe("error");
  });
});

describe("store.*", () => {
  it("sets, gets, removes, reads this block's writes and loads derived entities", () => {
    const writer = new MemoryEntityWriter({
      derived: { Parent: { children: { entity: "Child", field: "parent" } } },
    });
    const runtime = new SubgraphRuntime(subgraph);
    runtime.processBlock(probeBlock(11, [["StoreOps", [1]]]), writer);
    expect(text(writer, "inBlockSame")).toBe("found");
    expect(text(writer, "related")).toBe("c1,c2,c3,");
    writer.commitBlock();
    runtime.processBlock(probeBlock(12, [["StoreOps", [2]]]), writer);
    writer.commitBlock();
    expect(text(writer, "inBlockNext")).toBe("missing");
    expect(text(writer, "loadNext")).toBe("first");
    expect(text(writer, "removed")).toBe("gone");
    expect(writer.keys("Child")).toEqual(["c1", "c3"]);
    expect(writer.get("Child", "c1")?.get("parent")).toEqual({ kind: "String", value: "p1" });
  });
});

describe("dataSource.* and templates", () => {
  it("creates data sources that also get their triggers of the creating block, with context", () => {
    const child = addr(0xc41d);
    const child2 = addr(0xc41e);
    const tx = transaction("spawn", 0, SENDER, probe);
    const logs: LogInput[] = [
      eventLog(childAbi, "Ping", [1n], child, tx, 0),
      eventLog(probeAbi, "Spawn", [child, "red"], probe, tx, 1),
      eventLog(childAbi, "Ping", [2n], child, tx, 2),
      eventLog(probeAbi, "Spawn", [child2, ""], probe, tx, 3),
    ];
    const writer = new MemoryEntityWriter();
    const runtime = new SubgraphRuntime(subgraph);
    const out = runtime.processBlock(blockInput(header(20), [tx], logs), writer);
    writer.commitBlock();
    expect(out.created).toEqual([
      {
        template: "ChildSource",
        params: [child],
        context: new Map([["tag", { kind: "String", value: "red" }]]),
        creationBlock: 20,
      },
      { template: "ChildSource", params: [child2], context: null, creationBlock: 20 },
    ]);
    // Both pings of the creating block reached the new data source, the one before its creation too.
    expect(field(writer, "Spawned", child, "pings")).toEqual({ kind: "BigInt", value: 3n });
    expect(field(writer, "Spawned", child, "tag")).toEqual({ kind: "String", value: "red" });
    expect(field(writer, "Spawned", child, "network")).toEqual({ kind: "String", value: "testnet" });
    expect(writer.get("Spawned", child2)).toBeNull();
    expect(text(writer, "dsAddress")).toBe(probe);
    expect(text(writer, "dsNetwork")).toBe("testnet");
    expect(text(writer, "dsContextSize")).toBe("0");

    expect(runtime.dynamicDataSources).toEqual(out.created);
    const filters = runtime.logFilters();
    const pingTopic = childAbi.getEvent("Ping")?.topicHash;
    expect(filters.find((f) => f.topic0s.includes(pingTopic ?? ""))?.addresses).toEqual(
      [child, child2].sort(),
    );

    const tx2 = transaction("later", 0, SENDER, child);
    runtime.processBlock(
      blockInput(
        header(21),
        [tx2],
        [eventLog(childAbi, "Ping", [4n], child, tx2, 0), eventLog(childAbi, "Ping", [5n], child2, tx2, 1)],
      ),
      writer,
    );
    writer.commitBlock();
    expect(field(writer, "Spawned", child, "pings")).toEqual({ kind: "BigInt", value: 7n });
    expect(field(writer, "Spawned", child2, "pings")).toEqual({ kind: "BigInt", value: 5n });
    expect(field(writer, "Spawned", child2, "tag")).toBeUndefined();

    // A runtime restarted with the stored dynamic data sources handles their events too.
    const restarted = new SubgraphRuntime(subgraph);
    restarted.setDynamicDataSources(out.created);
    const tx3 = transaction("restart", 0, SENDER, child);
    restarted.processBlock(
      blockInput(header(22), [tx3], [eventLog(childAbi, "Ping", [10n], child, tx3, 0)]),
      writer,
    );
    expect(field(writer, "Spawned", child, "pings")).toEqual({ kind: "BigInt", value: 17n });
  });
});

describe("data sources created mid-block, with a node to ask", () => {
  it("fetches the creating block's logs of the new data source when the input lacks them", async () => {
    const child = addr(0xc51d);
    const tx = transaction("spawn-rpc", 2, SENDER, probe);
    const other = transaction("ping-rpc", 5, SENDER, child);
    const h = header(60);
    const ping = eventLog(childAbi, "Ping", [9n], child, other, 7);
    const rpcLog = {
      address: ping.address,
      topics: ping.topics,
      data: ping.data,
      logIndex: "0x7",
      transactionIndex: "0x5",
      transactionHash: other.hash,
      blockHash: h.hash,
      blockNumber: "0x3c",
      removed: false,
    };
    const rpcTx = {
      hash: other.hash,
      transactionIndex: "0x5",
      from: other.from,
      to: other.to,
      value: "0x6f05b59d3b20000",
      gas: "0x186a0",
      gasPrice: "0xb2d05e00",
      input: other.input,
      nonce: "0x2d",
    };
    const server = await startScriptedServer({
      results: { eth_getLogs: [rpcLog], eth_getTransactionByHash: rpcTx },
    });
    const bridge = new RpcBridge({ url: server.url, retries: 0 });
    try {
      // The follower only knew the Probe address, so the child's log is not in the input.
      const input = blockInput(h, [tx], [eventLog(probeAbi, "Spawn", [child, ""], probe, tx, 3)]);
      const { writer, out } = run(input, { chain: bridge });
      expect(out.created.map((d) => d.params)).toEqual([[child]]);
      expect(field(writer, "Spawned", child, "pings")).toEqual({ kind: "BigInt", value: 9n });
      const requests = await server.requests();
      expect(requests.find((r) => r.method === "eth_getLogs")?.params).toEqual([
        { blockHash: h.hash, address: [child], topics: [[childAbi.getEvent("Ping")?.topicHash]] },
      ]);
      expect(requests.find((r) => r.method === "eth_getTransactionByHash")?.params).toEqual([other.hash]);
    } finally {
      await bridge.close();
      await server.close();
    }
  });
});

describe("ethereum.call|getBalance|hasCode through the JSON-RPC bridge", () => {
  let server: ScriptedServer;
  let bridge: RpcBridge;
  const target = addr(0x7a7);

  beforeAll(async () => {
    const coder = AbiCoder.defaultAbiCoder();
    const answer = probeAbi.encodeFunctionData("answer", [21n]).toLowerCase();
    const boom = probeAbi.encodeFunctionData("boom", []).toLowerCase();
    server = await startScriptedServer({
      calls: {
        [answer]: { result: coder.encode(["uint256", "string"], [42n, "hello"]) },
        [boom]: { error: { code: 3, message: "execution reverted: boom" } },
      },
      balances: { [target]: "0x3039" },
      codes: { [target]: "0x6080" },
    });
    bridge = new RpcBridge({ url: server.url, timeoutMs: 10_000, retries: 0 });
  });

  afterAll(async () => {
    await bridge.close();
    await server.close();
  });

  it("answers try_ calls, reverts as reverted, balances and code at the block being processed", async () => {
    const input = probeBlock(30, [["CallProbe", [target]]]);
    const { writer } = run(input, { chain: bridge });
    expect(text(writer, "answer")).toBe("42:hello");
    expect(text(writer, "boom")).toBe("reverted");
    expect(big(writer, "balance")).toBe(12345n);
    expect(text(writer, "hasCode")).toBe("yes");
    const requests = await server.requests();
    const calls = requests.filter((r) => r.method === "eth_call");
    expect(calls).toHaveLength(2);
    for (const r of requests) expect(r.params.at(-1)).toEqual({ blockHash: input.header.hash });
  });

  it("fails the handler deterministically when a non-try call reverts", () => {
    const error = failure(() => run(probeBlock(31, [["Fail", [6]]]), { chain: bridge }));
    expect(error.deterministic).toBe(true);
    expect(error.handler).toBe("handleFail");
    expect(error.reason).toContain("Call reverted");
  });

  it("fails the handler non-deterministically when the node cannot be reached", async () => {
    const dead = new RpcBridge({ url: "http://127.0.0.1:9/", timeoutMs: 10_000, retries: 0 });
    try {
      const error = failure(() => run(probeBlock(32, [["CallProbe", [target]]]), { chain: dead }));
      expect(error.deterministic).toBe(false);
      expect(error.blockNumber).toBe(32);
    } finally {
      await dead.close();
    }
  });
});

describe("failures, log, ens, ipfs", () => {
  it("turns abort, log.critical and a BigInt division by zero into deterministic handler errors", () => {
    const abort = failure(() => run(probeBlock(40, [["Fail", [1]]])));
    expect(abort).toMatchObject({
      handler: "handleFail",
      dataSource: "Probe",
      blockNumber: 40,
      deterministic: true,
    });
    expect(abort.reason).toMatch(
      /^Mapping aborted at src\/probe\.ts, line \d+, column \d+, with message: the mapping gave up$/,
    );
    const critical = failure(() => run(probeBlock(40, [["Fail", [2]]])));
    expect(critical.reason).toBe("Critical error logged in mapping with log message: critical stop now");
    const divZero = failure(() => run(probeBlock(40, [["Fail", [5]]])));
    expect(divZero.reason).toBe("attempted to divide BigInt `1` by zero");
  });

  it("with nonFatalErrors skips only the failing handler and reports it, keeping the block's other handlers", () => {
    const block = probeBlock(40, [
      ["Leak", []],
      ["Fail", [1]],
      ["Leak", []],
    ]);
    expect(failure(() => run(block)).handler).toBe("handleFail");
    const { writer, out } = run(block, { nonFatalErrors: true });
    expect(writer.keys("Result")).toEqual(["leak-0", "leak-2"]);
    expect(out.errors).toEqual([
      {
        message: expect.stringMatching(/with message: the mapping gave up$/),
        handler: "handleFail",
        blockNumber: 40,
        blockHash: block.header.hash,
        deterministic: true,
      },
    ]);
  });

  it("answers ens.nameByHash with null and logs through the logger", () => {
    const lines: string[] = [];
    const logger = {
      info: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      error: (m: string) => lines.push(m),
    };
    const { writer } = run(probeBlock(40, [["Fail", [4]]]), { logger });
    expect(text(writer, "ens")).toBe("null");
    expect(lines).toEqual(["[info] handleFail: fail handler 4 done"]);
  });

  it("fails ipfs.cat deterministically without a gateway, reads through one, and answers null when absent", async () => {
    const error = failure(() => run(probeBlock(40, [["Fail", [3]]])));
    expect(error.deterministic).toBe(true);
    expect(error.reason).toContain("no IPFS gateway");
    const server = await startScriptedServer({
      ipfs: { QmTzQ1JRkWErjk39mryYw2WVaphAZNAREyMchXzYQ7c15n: "from ipfs" },
    });
    const bridge = new RpcBridge({ url: server.url, retries: 0 });
    try {
      const { writer } = run(probeBlock(40, [["Fail", [3]]]), {
        chain: bridge,
        ipfsGateway: `${server.url}/`,
      });
      expect(text(writer, "ipfs")).toBe("from ipfs");
      const elsewhere = run(probeBlock(40, [["Fail", [3]]]), {
        chain: bridge,
        ipfsGateway: `${server.url}/other`,
      });
      expect(text(elsewhere.writer, "ipfs")).toBe("null");
    } finally {
      await bridge.close();
      await server.close();
    }
  });
});

describe("handler isolation", () => {
  for (const isolation of ["snapshot", "fresh-instance"] as const) {
    it(`starts every handler from the module's initial state (${isolation})`, () => {
      const writer = new MemoryEntityWriter();
      const runtime = new SubgraphRuntime(subgraph, { isolation });
      runtime.processBlock(
        probeBlock(11, [
          ["Leak", []],
          ["Leak", []],
          ["Leak", []],
        ]),
        writer,
      );
      writer.commitBlock();
      // A failing handler in between must not leave state behind either.
      expect(() =>
        runtime.processBlock(
          probeBlock(12, [
            ["Leak", []],
            ["Fail", [1]],
          ]),
          writer,
        ),
      ).toThrow(HandlerError);
      writer.discardBlock();
      runtime.processBlock(probeBlock(13, [["Leak", []]]), writer);
      writer.commitBlock();
      const leaks = writer.all("Result");
      expect([...leaks.keys()]).toEqual(["leak-0", "leak-1", "leak-2"]);
      for (const e of leaks.values()) expect(e.get("int")).toEqual({ kind: "Int", value: 101 });
      expect(leaks.get("leak-0")?.get("int8")).toEqual({ kind: "Int8", value: 13_000_000_000n });
    });
  }
});

describe("event triggers: topic filters, receipts, transactions", () => {
  it("runs a receipt handler only for logs matching its topic1 filter", () => {
    const wanted = addr(0x7a9);
    const tx: TransactionInput = { ...transaction("tagged", 3, SENDER, probe), nonce: 77n, input: "0x1234" };
    const logs = [
      eventLog(probeAbi, "Tagged", [wanted, 5n], probe, tx, 4),
      eventLog(probeAbi, "Tagged", [addr(0x7aa), 6n], probe, tx, 5),
    ];
    const h = header(50);
    const { writer } = run(blockInput(h, [tx], logs, [receiptOf(tx, h, logs)]));
    expect(writer.keys("Result")).toEqual(["tagged-4"]);
    expect(text(writer, "tagged-4")).toBe(`5|45000/2/1|77|${SENDER}|7|4|0x1234`);
  });
});

describe("block handlers and trigger order", () => {
  it("runs `once` at the start block before events and polling handlers after them", () => {
    const order: string[] = [];
    const inner = new MemoryEntityWriter();
    const recording = {
      get: (e: string, id: string) => inner.get(e, id),
      getInBlock: (e: string, id: string) => inner.getInBlock(e, id),
      loadRelated: (e: string, id: string, f: string) => inner.loadRelated(e, id, f),
      set: (e: string, id: string, d: EntityData) => {
        order.push(`${e}:${id}`);
        inner.set(e, id, d);
      },
      remove: (e: string, id: string) => inner.remove(e, id),
      savepoint: () => inner.savepoint(),
    };
    const runtime = new SubgraphRuntime(subgraph);
    runtime.processBlock(probeBlock(10, [["Leak", []]]), recording);
    expect(order).toEqual(["BlockSeen:once-10", "Result:leak-0", "BlockSeen:poll-10"]);
    expect(inner.get("BlockSeen", "once-10")?.get("baseFee")).toEqual({ kind: "BigInt", value: 7n });
    order.length = 0;
    runtime.processBlock(blockInput(header(11), [], []), recording);
    runtime.processBlock(blockInput(header(12), [], []), recording);
    runtime.processBlock(blockInput(header(9), [], []), recording);
    expect(order).toEqual(["BlockSeen:poll-12"]);
    expect([9, 10, 11, 12, 13, 14].map((n) => runtime.wantsBlock(n))).toEqual([
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
  });
});
