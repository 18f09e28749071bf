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
  const receipt = await contract.deploymentTransaction()?.wait();
  if (!receipt) throw new Error("deployment has no receipt");
  return { address: (await contract.getAddress()).toLowerCase(), block: receipt.blockNumber };
}

export async function mined(
  tx: Promise<{ wait(): Promise<TransactionReceipt | null> }>,
): Promise<TransactionReceipt> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("transaction has no receipt");
  if (receipt.status !== 1) throw new Error(`transaction ${receipt.hash} reverted`);
  return receipt;
}
