import { ContractFactory, JsonRpcProvider, type JsonRpcSigner, type TransactionReceipt } from "ethers";
import type { Artifact } from "./subgraphs.js";

/** An ethers provider tuned for anvil: no network detection round trips, fast receipt polling. */
export function provider(url: string): JsonRpcProvider {
  return new JsonRpcProvider(url, undefined, { staticNetwork: true, pollingInterval: 20, cacheTimeout: -1 });
}

export interface Deployed {
  readonly address: string;
  readonly block: number;
}

export async function deploy(signer: JsonRpcSigner, artifact: Artifact): Promise<Deployed> {
  const factory = new ContractFactory(artifact.abi as never[], artifact.bytecode, signer);
  const contract = await factory.deploy();
  const deployment = contract.deploymentTransaction();
  if (!deployment) throw new Error("deployment has no transaction");
  const receipt = await mined(Promise.resolve(deployment));
  return { address: (await contract.getAddress()).toLowerCase(), block: receipt.blockNumber };
}

/** A sent transaction, as far as waiting for it goes. */
interface Sent {
  readonly hash: string;
  readonly provider: { getTransactionReceipt(hash: string): Promise<TransactionReceipt | null> };
  wait(): Promise<TransactionReceipt | null>;
}

/**
 * The receipt of a transaction anvil mines on its own (automine), which must not revert. The receipt is polled
 * for first: anvil answers the hash a few milliseconds before the receipt exists, and ethers' wait() misses a
 * transaction mined before its first block poll, then waits for another block that never comes.
 */
export async function mined(tx: Promise<Sent>): Promise<TransactionReceipt> {
  const sent = await tx;
  while ((await sent.provider.getTransactionReceipt(sent.hash)) === null) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const receipt = await sent.wait();
  if (!receipt) throw new Error("transaction has no receipt");
  if (receipt.status !== 1) throw new Error(`transaction ${receipt.hash} reverted`);
  return receipt;
}
