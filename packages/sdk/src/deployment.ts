import { InvalidDeploymentError } from "./errors.js";

/** Names of the contracts every deployment records. */
export const CONTRACT_NAMES = [
  "DmcToken",
  "DmexTimelock",
  "DmexGovernor",
  "Council",
  "MinerRegistry",
  "YieldOracle",
  "RiskControlVault",
  "HashrateCertificate",
  "CertificateRenderer",
  "Marketplace",
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

/**
 * Names a deployment records only when it has them: `DemoUSDC`, the 6-decimals demo stablecoin of local
 * chains (deployed with the demo coins; on public networks the DAO allowlists real stablecoins instead).
 */
export const OPTIONAL_CONTRACT_NAMES = ["DemoUSDC"] as const;
export type OptionalContractName = (typeof OPTIONAL_CONTRACT_NAMES)[number];

/** One contract of a deployment. */
export interface DeployedContract {
  /** EIP-55 checksummed address. */
  readonly address: string;
  /** Block of the deployment transaction. */
  readonly blockNumber: number;
  readonly transactionHash: string;
}

/** A contract created by another during deployment (e.g. the DMC vesting wallets). */
export interface CreatedContract {
  readonly contractName: string;
  readonly address: string;
  readonly deployedBy: string;
  readonly blockNumber: number;
}

/** The addresses of DMEX on one chain, as written by the deploy step. */
export interface Deployment {
  readonly chainId: number;
  /** Network name used by the subgraph manifest. */
  readonly network: string;
  /** First block with a DMEX contract: where indexers start. */
  readonly startBlock: number;
  readonly contracts: Readonly<Record<ContractName, DeployedContract>> &
    Readonly<Partial<Record<OptionalContractName, DeployedContract>>>;
  readonly created: readonly CreatedContract[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function checkContract(contracts: Record<string, unknown>, name: string): void {
  const entry = contracts[name];
  if (!isRecord(entry) || typeof entry.address !== "string" || !ADDRESS.test(entry.address)) {
    throw new InvalidDeploymentError(`contracts.${name}.address`);
  }
  if (typeof entry.blockNumber !== "number")
    throw new InvalidDeploymentError(`contracts.${name}.blockNumber`);
}

/**
 * Checks that `value` (e.g. a parsed deployments/<chainId>.json, or what the deploy tooling returned)
 * is a complete deployment, and returns it typed. Throws {@link InvalidDeploymentError} naming the
 * first missing or malformed field. Optional contracts ({@link OPTIONAL_CONTRACT_NAMES}) may be absent,
 * but are checked like the others when present.
 */
export function parseDeployment(value: unknown): Deployment {
  if (!isRecord(value)) throw new InvalidDeploymentError("the record is not an object");
  const { chainId, network, startBlock, contracts, created } = value;
  if (typeof chainId !== "number" || !Number.isInteger(chainId)) throw new InvalidDeploymentError("chainId");
  if (typeof network !== "string") throw new InvalidDeploymentError("network");
  if (typeof startBlock !== "number") throw new InvalidDeploymentError("startBlock");
  if (!isRecord(contracts)) throw new InvalidDeploymentError("contracts");
  for (const name of CONTRACT_NAMES) checkContract(contracts, name);
  for (const name of OPTIONAL_CONTRACT_NAMES) {
    if (contracts[name] !== undefined) checkContract(contracts, name);
  }
  if (!Array.isArray(created)) throw new InvalidDeploymentError("created");
  return value as unknown as Deployment;
}
