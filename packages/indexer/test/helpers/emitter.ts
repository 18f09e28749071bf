import type { Anvil } from "./anvil.js";
import { DEV_ACCOUNTS } from "./anvil.js";

// A contract without Solidity: it emits LOG1 with the first calldata word as topic0 and the rest as data.
//   runtime: CALLDATACOPY(0, 0, size); LOG1(32, size - 32, mload(0)); STOP
//   init:    CODECOPY(0, 12, 17); RETURN(0, 17)
const RUNTIME = "366000600037600051602036036020a100";
const INIT = `0x6011600c60003960116000f3${RUNTIME}`;

export async function waitReceipt(anvil: Anvil, hash: unknown): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const receipt = await anvil.rpc("eth_getTransactionReceipt", [hash]);
    if (receipt !== null && typeof receipt === "object") return receipt as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no receipt for ${String(hash)}`);
}

/** Deploys the emitter from the first dev account; resolves to its address (lowercase). */
export async function deployEmitter(anvil: Anvil): Promise<string> {
  const hash = await anvil.rpc("eth_sendTransaction", [{ from: DEV_ACCOUNTS[0], data: INIT }]);
  const receipt = await waitReceipt(anvil, hash);
  const address = receipt.contractAddress;
  if (typeof address !== "string") throw new Error("emitter deployment has no contract address");
  return address.toLowerCase();
}

export function word(n: number | bigint): string {
  return BigInt(n).toString(16).padStart(64, "0");
}

/** The transaction object that makes `emitter` log `topic0` with `payload` as data. */
export function emitTx(emitter: string, topic0: string, payload: bigint, from: string = DEV_ACCOUNTS[0]) {
  return { from, to: emitter, data: `0x${topic0.replace(/^0x/, "")}${word(payload)}` };
}

/** Sends one emit transaction (anvil mines it in its own block); resolves to its receipt. */
export async function emit(anvil: Anvil, emitter: string, topic0: string, payload: bigint) {
  const hash = await anvil.rpc("eth_sendTransaction", [emitTx(emitter, topic0, payload)]);
  return waitReceipt(anvil, hash);
}
