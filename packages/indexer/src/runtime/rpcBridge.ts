import { Worker } from "node:worker_threads";
import { type CallBlock, type CallOutcome, ChainUnavailableError, type SyncChain } from "./syncChain.js";

export interface RpcBridgeOptions {
  readonly url: string;
  /** Per request, including retries. */
  readonly timeoutMs?: number;
  readonly retries?: number;
}

// Runs in the worker: performs the request with `fetch`, writes the UTF-8 answer into the shared buffer
// and wakes the blocked main thread. Plain JS, evaluated from a string, so it works from source and dist.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const control = new Int32Array(workerData.control);
let data = new Uint8Array(workerData.data);
let pending = null;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function publish(status, bytes) {
  pending = bytes;
  Atomics.store(control, 1, bytes.length);
  if (bytes.length > data.length) {
    Atomics.store(control, 0, 3);
  } else {
    data.set(bytes, 0);
    Atomics.store(control, 0, status);
  }
  Atomics.notify(control, 0);
}
parentPort.on("message", async (msg) => {
  if (msg.type === "grow") {
    data = new Uint8Array(msg.data);
    data.set(pending, 0);
    Atomics.store(control, 0, 1);
    Atomics.notify(control, 0);
    return;
  }
  let lastError = "no attempt";
  for (let attempt = 0; attempt <= msg.retries; attempt++) {
    if (attempt > 0) await sleep(Math.min(2000, 100 * 2 ** attempt));
    try {
      const res = await fetch(msg.url, msg.init);
      const body = new Uint8Array(await res.arrayBuffer());
      if (res.status >= 500 || res.status === 429) { lastError = "HTTP " + res.status; continue; }
      const head = new TextEncoder().encode(JSON.stringify({ status: res.status }) + "\\n");
      const out = new Uint8Array(head.length + body.length);
      out.set(head, 0); out.set(body, head.length);
      publish(1, out);
      return;
    } catch (e) {
      lastError = String(e && e.cause ? e.cause : e);
    }
  }
  publish(2, new TextEncoder().encode(lastError));
});
`;

const IDLE = 0;
const DONE = 1;
// 2: the request failed (the body is the error text).
const TOO_BIG = 3;

interface RpcError {
  readonly code?: number;
  readonly message?: string;
  readonly data?: unknown;
}

/** Messages nodes use for a reverted `eth_call` (graph-node classifies the same way). */
const REVERT_PATTERN =
  /revert|invalid opcode|stack limit reached|invalid jump destination|out of gas|stack underflow|bad instruction|static call/i;

/**
 * Synchronous JSON-RPC for WebAssembly host calls: a worker thread does the `fetch` while the main thread
 * blocks in `Atomics.wait` on a shared buffer. Each request blocks the caller for one round trip.
 */
export class RpcBridge implements SyncChain {
  private readonly worker: Worker;
  private readonly control = new Int32Array(new SharedArrayBuffer(8));
  private data = new SharedArrayBuffer(1 << 20);
  private nextId = 1;
  private readonly timeoutMs: number;
  private readonly retries: number;

  constructor(private readonly options: RpcBridgeOptions) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.retries = options.retries ?? 3;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { control: this.control.buffer, data: this.data },
    });
    // The worker must not keep the process alive on its own.
    this.worker.unref();
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  /** One blocking HTTP exchange through the worker: the status and the body. */
  private exchange(
    url: string,
    init: { method: string; headers?: Record<string, string>; body?: string },
  ): {
    status: number;
    body: Uint8Array;
  } {
    Atomics.store(this.control, 0, IDLE);
    this.worker.postMessage({ type: "request", url, init, retries: this.retries });
    let state = this.wait();
    if (state === TOO_BIG) {
      const size = Atomics.load(this.control, 1);
      this.data = new SharedArrayBuffer(Math.max(size, this.data.byteLength * 2));
      Atomics.store(this.control, 0, IDLE);
      this.worker.postMessage({ type: "grow", data: this.data });
      state = this.wait();
    }
    const length = Atomics.load(this.control, 1);
    const bytes = new Uint8Array(this.data).slice(0, length);
    if (state !== DONE) {
      throw new ChainUnavailableError(`request to ${url} failed: ${new TextDecoder().decode(bytes)}`);
    }
    const newline = bytes.indexOf(10);
    const head = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline))) as { status: number };
    return { status: head.status, body: bytes.subarray(newline + 1) };
  }

  private wait(): number {
    const outcome = Atomics.wait(this.control, 0, IDLE, this.timeoutMs);
    if (outcome === "timed-out") throw new ChainUnavailableError(`no answer within ${this.timeoutMs} ms`);
    return Atomics.load(this.control, 0);
  }

  private rpc(method: string, params: readonly unknown[]): { result?: unknown; error?: RpcError } {
    const body = JSON.stringify({ jsonrpc: "2.0", id: this.nextId++, method, params }, (_k, v: unknown) =>
      typeof v === "bigint" ? `0x${v.toString(16)}` : v,
    );
    const res = this.exchange(this.options.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const text = new TextDecoder().decode(res.body);
    try {
      return JSON.parse(text) as { result?: unknown; error?: RpcError };
    } catch {
      throw new ChainUnavailableError(`${method}: HTTP ${res.status}, not JSON-RPC: ${text.slice(0, 200)}`);
    }
  }

  request(method: string, params: readonly unknown[]): unknown {
    const answer = this.rpc(method, params);
    if (answer.error !== undefined) {
      throw new ChainUnavailableError(
        `${method}: ${answer.error.message ?? "error"} (code ${answer.error.code ?? "?"})`,
      );
    }
    return answer.result;
  }

  call(to: string, data: string, block: CallBlock): CallOutcome {
    const answer = this.rpc("eth_call", [{ to, data }, { blockHash: block.hash }]);
    if (answer.error !== undefined) {
      const message = answer.error.message ?? "";
      if (answer.error.code === 3 || REVERT_PATTERN.test(message))
        return { kind: "reverted", reason: message };
      throw new ChainUnavailableError(`eth_call: ${message} (code ${answer.error.code ?? "?"})`);
    }
    return { kind: "ok", data: String(answer.result) };
  }

  getBalance(address: string, block: CallBlock): bigint {
    return BigInt(String(this.request("eth_getBalance", [address, { blockHash: block.hash }])));
  }

  getCode(address: string, block: CallBlock): string {
    return String(this.request("eth_getCode", [address, { blockHash: block.hash }]));
  }

  httpGet(url: string): { status: number; body: Uint8Array } {
    const res = this.exchange(url, { method: "GET" });
    return { status: res.status, body: Uint8Array.from(res.body) };
  }
}
