// Types of the Node tooling in ./*.mjs (plain JavaScript so that it runs without a build step).
import type { SpawnOptions } from "node:child_process";

export type FoundryTool = "forge" | "anvil" | "cast";
export function foundryBinary(tool: FoundryTool): string;
export function runFoundry(tool: FoundryTool, args: string[], options?: SpawnOptions): Promise<number>;

export function freePort(): Promise<number>;
export function rpc(url: string, method: string, params?: unknown[]): Promise<unknown>;

export interface AnvilOptions {
  port?: number;
  chainId?: number;
  blockTime?: number;
  silent?: boolean;
  timeoutMs?: number;
}
export interface AnvilProcess {
  url: string;
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
}
export function startAnvil(options?: AnvilOptions): Promise<AnvilProcess>;

export interface DeployedContract {
  address: string;
  blockNumber: number;
  transactionHash: string;
}
export interface CreatedContract {
  contractName: string;
  address: string;
  deployedBy: string;
  blockNumber: number;
}
export interface Deployment {
  chainId: number;
  network: string;
  startBlock: number;
  contracts: Record<string, DeployedContract>;
  created: CreatedContract[];
}
export interface DeployOptions {
  rpcUrl: string;
  privateKey?: string;
  env?: Record<string, string>;
  quiet?: boolean;
  /** Public chains: receives the role table of a dry run; the deployment is sent only if it returns true. */
  review?: (table: string) => boolean | Promise<boolean>;
}

export const CONTRACTS_ROOT: string;
export const DEPLOYMENTS_DIR: string;
export const LOCAL_CHAIN_ID: 31337;
export const NETWORK_NAMES: Record<number, string>;
export function deploy(options: DeployOptions): Promise<Deployment>;
export function roleTable(output: string): string;
export function toDeployment(chainId: number, record: unknown): Deployment;
export function writeDeployment(deployment: Deployment, dir?: string): Promise<string>;
