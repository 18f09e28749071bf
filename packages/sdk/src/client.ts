import type { ContractRunner, JsonRpcProvider } from "ethers";

import type { Deployment } from "./deployment.js";
import { getDeployment } from "./deployments.js";
import { ChainMismatchError } from "./errors.js";
import type {
  BridgedToken,
  CertificateRenderer,
  DmcToken,
  DmexGovernor,
  DmexTimelock,
  HashrateCertificate,
  Marketplace,
  MinerRegistry,
  RiskControlVault,
  SafeL2,
  YieldOracle,
} from "./generated/typechain/index.js";
import {
  BridgedToken__factory,
  CertificateRenderer__factory,
  DmcToken__factory,
  DmexGovernor__factory,
  DmexTimelock__factory,
  HashrateCertificate__factory,
  Marketplace__factory,
  MinerRegistry__factory,
  RiskControlVault__factory,
  SafeL2__factory,
  YieldOracle__factory,
} from "./generated/typechain/index.js";

/** Typed contracts of one DMEX deployment, bound to a provider or signer. */
export interface DmexClient {
  readonly chainId: number;
  readonly deployment: Deployment;
  readonly dmcToken: DmcToken;
  readonly governor: DmexGovernor;
  readonly timelock: DmexTimelock;
  /** The bootstrap council: a Safe (4 of 7 at launch). */
  readonly council: SafeL2;
  readonly minerRegistry: MinerRegistry;
  /** Market average yield per unit and UTC day, per coin. */
  readonly yieldOracle: YieldOracle;
  /** Offerings, escrow, yield, flags and refunds (DESIGN §3.3–3.4). */
  readonly riskControlVault: RiskControlVault;
  /** The ERC-721 hashrate certificates; only the vault mints and burns. */
  readonly hashrateCertificate: HashrateCertificate;
  /** On-chain metadata (`tokenURI`) of the certificates. */
  readonly certificateRenderer: CertificateRenderer;
  /** Listings, auctions and offers of certificates; primary proceeds go into the vault (DESIGN §3.5). */
  readonly marketplace: Marketplace;
  /**
   * The local chains' 6-decimals demo stablecoin, allowlisted as payment token; `undefined` where the
   * deployment has none (public networks pay in real stablecoins the DAO allowlists).
   */
  readonly demoUsdc: BridgedToken | undefined;
}

export interface ConnectOptions {
  /** Use these addresses instead of the generated record (e.g. a deployment made by a test). */
  readonly deployment?: Deployment;
}

/**
 * Binds the DMEX contracts on `chainId` to `runner` (a provider to read, a signer to write).
 * Throws {@link UnsupportedChainError} when DMEX has no deployment on that chain.
 */
export function connect(
  runner: ContractRunner,
  chainId: number | bigint,
  options: ConnectOptions = {},
): DmexClient {
  const deployment = options.deployment ?? getDeployment(chainId);
  const demoUsdc = deployment.contracts.DemoUSDC;
  return {
    chainId: Number(chainId),
    deployment,
    dmcToken: DmcToken__factory.connect(deployment.contracts.DmcToken.address, runner),
    governor: DmexGovernor__factory.connect(deployment.contracts.DmexGovernor.address, runner),
    timelock: DmexTimelock__factory.connect(deployment.contracts.DmexTimelock.address, runner),
    council: SafeL2__factory.connect(deployment.contracts.Council.address, runner),
    minerRegistry: MinerRegistry__factory.connect(deployment.contracts.MinerRegistry.address, runner),
    yieldOracle: YieldOracle__factory.connect(deployment.contracts.YieldOracle.address, runner),
    riskControlVault: RiskControlVault__factory.connect(
      deployment.contracts.RiskControlVault.address,
      runner,
    ),
    hashrateCertificate: HashrateCertificate__factory.connect(
      deployment.contracts.HashrateCertificate.address,
      runner,
    ),
    certificateRenderer: CertificateRenderer__factory.connect(
      deployment.contracts.CertificateRenderer.address,
      runner,
    ),
    marketplace: Marketplace__factory.connect(deployment.contracts.Marketplace.address, runner),
    demoUsdc: demoUsdc ? BridgedToken__factory.connect(demoUsdc.address, runner) : undefined,
  };
}

/**
 * {@link connect} after checking that the node really is `expectedChainId`. A provider made by
 * `createReadProvider` pins its network, so ethers alone would not notice a node restarted on another
 * chain. Pass `nodeChainId` when it is already known (e.g. from `readChainStatus`) to skip the call.
 * Throws {@link UnsupportedChainError} first if DMEX has no deployment on `expectedChainId`, then
 * {@link ChainMismatchError}.
 */
export async function connectChecked(
  provider: JsonRpcProvider,
  expectedChainId: number,
  nodeChainId?: number,
): Promise<DmexClient> {
  const deployment = getDeployment(expectedChainId);
  const actual = nodeChainId ?? Number(BigInt((await provider.send("eth_chainId", [])) as string));
  if (actual !== expectedChainId) {
    throw new ChainMismatchError(provider._getConnection().url, expectedChainId, actual);
  }
  return connect(provider, expectedChainId, { deployment });
}
