import type { Deployment } from "./deployment.js";
import { UnsupportedChainError } from "./errors.js";
import { deployments } from "./generated/deployments.js";

/** Chain ids with a known DMEX deployment. */
export function supportedChainIds(): number[] {
  return Object.keys(deployments).map(Number);
}

/** The deployment on `chainId`; throws {@link UnsupportedChainError} when there is none. */
export function getDeployment(chainId: number | bigint): Deployment {
  const id = Number(chainId);
  const deployment = deployments[id];
  if (!deployment) throw new UnsupportedChainError(id, supportedChainIds());
  return deployment;
}

export { deployments };
