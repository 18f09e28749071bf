// Contracts of forge's build output that only tests deploy (the contracts' test mocks: HookToken,
// RevertingReceiver, ...), as ethers contracts.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { CONTRACTS_ROOT } from "@dmex/contracts/node";
import { Contract, ContractFactory, type InterfaceAbi, type Signer } from "ethers";

/** Deploys `packages/contracts/out/<path>` (e.g. "HookToken.sol/HookToken.json") from `deployer`. */
export async function deployArtifact(path: string, deployer: Signer, ...args: unknown[]): Promise<Contract> {
  const artifact = JSON.parse(await readFile(join(CONTRACTS_ROOT, "out", path), "utf8")) as {
    abi: InterfaceAbi;
    bytecode: { object: string };
  };
  const contract = await new ContractFactory(artifact.abi, artifact.bytecode.object, deployer).deploy(
    ...args,
  );
  await contract.waitForDeployment();
  return new Contract(await contract.getAddress(), artifact.abi, deployer);
}

/** Calls `name` on `contract` in a transaction and waits until it is mined. */
export async function send(contract: Contract, name: string, ...args: unknown[]): Promise<void> {
  await (await contract.getFunction(name)(...args)).wait();
}
