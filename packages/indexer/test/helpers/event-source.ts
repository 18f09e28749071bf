import { Interface, type JsonRpcProvider } from "ethers";
import { type Anvil, DEV_ACCOUNTS } from "./anvil.js";
import { type Deployed, deploy } from "./deploy.js";
import { waitReceipt } from "./emitter.js";
import { concatI32, type DumpSpec, type Row, sortRows } from "./expected.js";
import { type Artifact, compileFixture } from "./subgraphs.js";

/** What `graph init --from-contract --index-events` makes of `Ping(uint256 indexed seq, uint256 value, address sender)`. */
export const PING_DUMP: DumpSpec = {
  pings: ["id", "seq", "value", "sender", "blockNumber", "blockTimestamp", "transactionHash"],
};

/** Anvil flags for transactions of thousands of events each. */
export const BIG_BLOCKS = ["--gas-limit", "100000000"] as const;

export interface EventSource {
  readonly artifact: Artifact;
  readonly source: Deployed;
}

/** Compiles and deploys `EventSource` (fixtures/e2e/contracts) from the first dev account. */
export async function deployEventSource(provider: JsonRpcProvider): Promise<EventSource> {
  const artifact = compileFixture("EventSource.sol", "EventSource");
  const source = await deploy(await provider.getSigner(DEV_ACCOUNTS[0]), artifact);
  return { artifact, source };
}

/** The parts of a raw `eth_getTransactionReceipt` answer the tests read. */
export interface PingReceipt {
  readonly transactionHash: string;
  readonly from: string;
  readonly blockNumber: number;
  readonly logs: readonly { readonly logIndex: number; readonly topics: string[]; readonly data: string }[];
}

interface RawReceipt {
  readonly transactionHash: string;
  readonly from: string;
  readonly blockNumber: string;
  readonly status: string;
  readonly logs: { logIndex: string; topics: string[]; data: string }[];
}

/**
 * Sends `transactions` calls of `ping(perTransaction)` from the first dev account, each mined in its own block
 * (raw JSON-RPC: ethers takes seconds to format receipts of thousands of logs); their receipts.
 */
export async function sendPings(
  anvil: Anvil,
  { artifact, source }: EventSource,
  transactions: number,
  perTransaction: number,
): Promise<PingReceipt[]> {
  const data = new Interface(artifact.abi as never[]).encodeFunctionData("ping", [perTransaction]);
  const receipts: PingReceipt[] = [];
  for (let t = 0; t < transactions; t++) {
    const hash = await anvil.rpc("eth_sendTransaction", [
      { from: DEV_ACCOUNTS[0], to: source.address, data, gas: `0x${(90_000_000).toString(16)}` },
    ]);
    const raw = (await waitReceipt(anvil, hash)) as unknown as RawReceipt;
    if (raw.status !== "0x1") throw new Error(`ping(${perTransaction}) reverted`);
    receipts.push({
      transactionHash: raw.transactionHash.toLowerCase(),
      from: raw.from.toLowerCase(),
      blockNumber: Number(raw.blockNumber),
      logs: raw.logs.map((l) => ({ logIndex: Number(l.logIndex), topics: l.topics, data: l.data })),
    });
  }
  return receipts;
}

/**
 * The `pings` the scaffold must hold, read from the receipts without the indexer's (or any) ABI decoder:
 * `seq` is the indexed topic and counts up from 0, `value` and `sender` are the two words of the data, the id
 * is the transaction hash and log index as graph-ts' `concatI32` makes it.
 */
export async function expectedPings(
  anvil: Anvil,
  receipts: readonly PingReceipt[],
): Promise<Record<string, Row[]>> {
  const rows: Row[] = [];
  let seq = 0n;
  for (const receipt of receipts) {
    const block = (await anvil.rpc("eth_getBlockByNumber", [
      `0x${receipt.blockNumber.toString(16)}`,
      false,
    ])) as {
      timestamp: string;
    };
    for (const log of receipt.logs) {
      if (BigInt(log.topics[1] ?? "0x") !== seq) throw new Error(`log ${log.logIndex}: seq is not ${seq}`);
      const words = log.data.slice(2);
      rows.push({
        id: concatI32(receipt.transactionHash, log.logIndex),
        seq: seq.toString(),
        value: BigInt(`0x${words.slice(0, 64)}`).toString(),
        sender: `0x${words.slice(64 + 24, 128)}`,
        blockNumber: String(receipt.blockNumber),
        blockTimestamp: String(Number(block.timestamp)),
        transactionHash: receipt.transactionHash,
      });
      seq++;
    }
    if (receipt.logs.some((l) => `0x${l.data.slice(2 + 64 + 24, 2 + 128)}` !== receipt.from)) {
      throw new Error(`a Ping of ${receipt.transactionHash} does not name its sender`);
    }
  }
  return sortRows({ pings: rows });
}
