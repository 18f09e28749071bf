import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Interface } from "ethers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Indexer, startIndexer } from "../src/indexer.js";
import { TraceFilterUnsupportedError } from "../src/trace-support.js";
import { type Anvil, DEV_ACCOUNTS, startAnvil } from "./helpers/anvil.js";
import { waitReceipt } from "./helpers/emitter.js";
import { expectOk } from "./helpers/expected.js";
import { recordingLogger } from "./helpers/flaky-server.js";
import { type RpcProxy, startRpcProxy } from "./helpers/rpc-proxy.js";
import { buildTestSubgraph, compileFixture } from "./helpers/subgraphs.js";

// Call handlers end to end: the `caller` test subgraph (fixtures/e2e/caller) watches CallTarget.setValue
// with a call handler, its ValueSet event with an event handler and calls to it with a call-filtered block
// handler; every handler run takes the next number of one shared sequence. The transactions below call
// setValue from an EOA and from another contract, in blocks of one and of several transactions, and in the
// ways that must not run the call handler: a reverted call, and a successful call in a transaction that
// reverts afterwards. The expected entities follow from the transactions alone.

const EOA = DEV_ACCOUNTS[0];
const GAS = "0x200000"; // given, so anvil sends reverting transactions instead of failing their estimate

let anvil: Anvil;
let work: string;
let subgraphDir: string;
let target: string;
let forwarder: string;
/** A second CallTarget, watched from `watchBlock` on through the subgraph's template. */
let target2: string;
let watchBlock = Number.POSITIVE_INFINITY;
const targetAbi = new Interface(compileFixture("CallTarget.sol", "CallTarget").abi as never[]);
const forwarderAbi = new Interface(compileFixture("CallTarget.sol", "CallForwarder").abi as never[]);
const running = new Set<Indexer>();
const proxies: RpcProxy[] = [];

/** One setValue call as the test meant it: which contract called it, with what, inside which transaction. */
interface SentCall {
  /** The CallTarget called. */
  readonly target: string;
  readonly v: bigint;
  readonly note: string;
  readonly from: string;
  /** The call itself reverted (v = 0). */
  readonly reverts: boolean;
}

/** One transaction sent, with the setValue calls it makes in execution order. */
interface SentTx {
  readonly hash: string;
  readonly block: number;
  readonly index: number;
  readonly nonce: bigint;
  readonly succeeded: boolean;
  readonly calls: readonly SentCall[];
}

const sent: SentTx[] = [];

async function send(to: string, data: string): Promise<string> {
  return String(await anvil.rpc("eth_sendTransaction", [{ from: EOA, to, data, gas: GAS }]));
}

async function record(hash: string, calls: readonly SentCall[]): Promise<void> {
  const receipt = await waitReceipt(anvil, hash);
  const tx = (await anvil.rpc("eth_getTransactionByHash", [hash])) as { nonce: string };
  sent.push({
    hash,
    block: Number(receipt.blockNumber),
    index: Number(receipt.transactionIndex),
    nonce: BigInt(tx.nonce),
    succeeded: receipt.status === "0x1",
    calls,
  });
}

/** Sends `txs` with automine off, then mines them in one block, in that order. */
async function sendBlock(txs: readonly { to: string; data: string; calls: readonly SentCall[] }[]) {
  await anvil.rpc("evm_setAutomine", [false]);
  const hashes: string[] = [];
  for (const tx of txs) hashes.push(await send(tx.to, tx.data));
  await anvil.rpc("evm_mine");
  await anvil.rpc("evm_setAutomine", [true]);
  for (const [i, tx] of txs.entries()) await record(hashes[i] ?? "", tx.calls);
}

/** setValue called by the EOA itself. */
const direct = (v: bigint, note: string, to = target): { to: string; data: string; calls: SentCall[] } => ({
  to,
  data: targetAbi.encodeFunctionData("setValue", [v, note]),
  calls: [{ target: to, v, note, from: EOA, reverts: v === 0n }],
});

async function deployContract(bytecode: string): Promise<string> {
  const hash = await anvil.rpc("eth_sendTransaction", [{ from: EOA, data: bytecode }]);
  const address = (await waitReceipt(anvil, hash)).contractAddress;
  if (typeof address !== "string") throw new Error("deployment without a contract address");
  return address.toLowerCase();
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "indexer-calls-"));
  anvil = await startAnvil();
  target = await deployContract(compileFixture("CallTarget.sol", "CallTarget").bytecode);
  forwarder = await deployContract(compileFixture("CallTarget.sol", "CallForwarder").bytecode);
  target2 = await deployContract(compileFixture("CallTarget.sol", "CallTarget").bytecode);
  subgraphDir = await buildTestSubgraph(work, "caller", "caller", target, (manifest) =>
    manifest.replace("0x0000000000000000000000000000000000000001", forwarder),
  );

  /** setValue called by the forwarder contract (internal calls). */
  const fwd = (fn: string, args: unknown[], calls: Omit<SentCall, "target">[], to = target) => ({
    to: forwarder,
    data: forwarderAbi.encodeFunctionData(fn, [to, ...args]),
    calls: calls.map((c) => ({ ...c, target: to })),
  });
  // One transaction a block (anvil's automine).
  const singles = [
    direct(5n, "direct"),
    fwd("forward", [7n], [{ v: 7n, note: "forwarded", from: forwarder, reverts: false }]),
    // The call reverts: its trace carries an error, the transaction fails.
    direct(0n, "zero"),
    // The call succeeds, then the forwarder reverts: the call's trace has no error, its transaction failed.
    fwd("forwardThenRevert", [9n], [{ v: 9n, note: "doomed", from: forwarder, reverts: false }]),
    // The inner call reverts and is caught: the transaction succeeds, the call does not.
    fwd("tryForward", [0n], [{ v: 0n, note: "tried", from: forwarder, reverts: true }]),
    direct(5n, "again"),
    // Not watched yet.
    direct(20n, "unwatched", target2),
  ];
  for (const tx of singles) await record(await send(tx.to, tx.data), tx.calls);

  // Several transactions in one block: trigger order within a block.
  await sendBlock([
    fwd(
      "forwardTwice",
      [11n, 12n],
      [
        { v: 11n, note: "first", from: forwarder, reverts: false },
        { v: 12n, note: "second", from: forwarder, reverts: false },
      ],
    ),
    direct(13n, "same block"),
    direct(0n, "zero in a batch"),
    direct(14n, "last"),
  ]);
  // The template's data source is created in a block with calls to its address before and after.
  const watch = { to: forwarder, data: forwarderAbi.encodeFunctionData("watch", [target2]), calls: [] };
  await sendBlock([direct(21n, "before the watch", target2), watch, direct(22n, "after the watch", target2)]);
  watchBlock = sent[sent.length - 1]?.block ?? watchBlock;
  // An internal call to the created data source, and a reverted one, in later blocks.
  for (const tx of [
    fwd("forward", [23n], [{ v: 23n, note: "forwarded", from: forwarder, reverts: false }], target2),
    direct(0n, "zero", target2),
  ]) {
    await record(await send(tx.to, tx.data), tx.calls);
  }
  // A block without calls after them, so the last block with calls is not the head.
  await anvil.rpc("evm_mine");
}, 240_000);

afterEach(async () => {
  for (const indexer of running) await indexer.stop().catch(() => undefined);
  running.clear();
  for (const p of proxies.splice(0)) await p.close();
});

afterAll(async () => {
  await anvil?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Expected {
  targetCalls: Record<string, unknown>[];
  valueSetEvents: Record<string, unknown>[];
  callBlocks: Record<string, unknown>[];
  watchedCalls: Record<string, unknown>[];
}

/**
 * What graph-node's rules make of the transactions: per block, in transaction order, a successful
 * transaction's ValueSet events, then its setValue calls (events of a transaction before its calls); after
 * them the call-filtered block handler once, when the block holds a call to the target that did not itself
 * revert (graph-node does not check the transaction's status for block triggers).
 */
function expected(): Expected {
  const out: Expected = { targetCalls: [], valueSetEvents: [], callBlocks: [], watchedCalls: [] };
  let seq = 0;
  let value = 0n;
  const blocks = [...new Set(sent.map((t) => t.block))].sort((a, b) => a - b);
  for (const block of blocks) {
    const txs = sent.filter((t) => t.block === block).sort((a, b) => a.index - b.index);
    for (const tx of txs.filter((t) => t.succeeded)) {
      const ok = tx.calls.filter((c) => !c.reverts && c.target === target);
      for (const c of ok)
        out.valueSetEvents.push({ seq: seq++, value: String(c.v), txHash: tx.hash, block: String(block) });
      for (const c of ok) {
        out.targetCalls.push({
          seq: seq++,
          v: String(c.v),
          note: c.note,
          previous: String(value),
          changed: value !== c.v,
          from: c.from,
          to: target,
          txFrom: EOA,
          txHash: tx.hash,
          txNonce: String(tx.nonce),
          block: String(block),
        });
        value = c.v;
      }
      // A data source created in a block sees the whole block's calls to its address.
      for (const c of tx.calls.filter((c) => !c.reverts && c.target === target2 && block >= watchBlock)) {
        out.watchedCalls.push({
          seq: seq++,
          v: String(c.v),
          note: c.note,
          from: c.from,
          to: target2,
          txHash: tx.hash,
          block: String(block),
        });
      }
    }
    if (txs.some((t) => t.calls.some((c) => !c.reverts && c.target === target)))
      out.callBlocks.push({ seq: seq++, block: String(block) });
  }
  return out;
}

const STATE = `{
  targetCalls(first: 1000, orderBy: seq) {
    seq v note previous changed from to txFrom txHash txNonce block
  }
  valueSetEvents(first: 1000, orderBy: seq) { seq value txHash block }
  callBlocks(first: 1000, orderBy: seq) { seq block }
  watchedCalls(first: 1000, orderBy: seq) { seq v note from to txHash block }
}`;

describe.sequential("call handlers", () => {
  it("runs call handlers and call-filtered block handlers from trace_filter, in graph-node's order", async () => {
    const logger = recordingLogger();
    const indexer = await startIndexer({
      subgraph: subgraphDir,
      rpc: anvil.url,
      db: join(work, "calls.sqlite"),
      port: 0,
      pollIntervalMs: 50,
      logger,
    });
    running.add(indexer);
    const tip = Number(await anvil.rpc("eth_blockNumber"));
    await indexer.waitForBlock(tip, { timeoutMs: 60_000 });
    const data = expectOk(await indexer.query(STATE));
    const want = expected();
    // The scenario covers what it claims to: internal calls, a skipped failed transaction, a shared block.
    expect(want.targetCalls.some((c) => c.from === forwarder)).toBe(true);
    expect(sent.filter((t) => !t.succeeded).length).toBe(4);
    expect(want.watchedCalls.map((c) => c.v)).toEqual(["21", "22", "23"]);
    expect(new Set(sent.map((t) => t.block)).size).toBeLessThan(sent.length);
    expect(data.targetCalls).toEqual(want.targetCalls);
    expect(data.valueSetEvents).toEqual(want.valueSetEvents);
    expect(data.callBlocks).toEqual(want.callBlocks);
    expect(data.watchedCalls).toEqual(want.watchedCalls);
    expect(indexer.status().state).toBe("synced");
  });

  it("refuses to start on a node without trace_filter, naming the data source and the handlers", async () => {
    const proxy = await startRpcProxy(anvil.url);
    proxies.push(proxy);
    proxy.missingMethods.add("trace_filter");
    const db = join(work, "no-traces.sqlite");
    const error = await startIndexer({
      subgraph: subgraphDir,
      rpc: proxy.url,
      db,
      port: 0,
      logger: recordingLogger(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TraceFilterUnsupportedError);
    const message = (error as Error).message;
    expect(message).toMatch(/trace_filter/);
    expect(message).toMatch(
      /data source CallTarget: handleSetValue \(call handler for setValue\(uint256,string\)\)/,
    );
    expect(message).toMatch(/handleCallBlock \(block handler with filter kind: call\)/);
    expect(message).toMatch(/Method not found/);
    // Refused before the database was touched.
    expect(existsSync(db)).toBe(false);
  });
});
