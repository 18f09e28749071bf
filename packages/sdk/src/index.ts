export type { ConnectOptions, DmexClient } from "./client.js";
export { connect, connectChecked } from "./client.js";
export type { ContractName, CreatedContract, DeployedContract, Deployment } from "./deployment.js";
export { CONTRACT_NAMES, parseDeployment } from "./deployment.js";
export { deployments, getDeployment, supportedChainIds } from "./deployments.js";
export type { DmexErrorCode } from "./errors.js";
export {
  ChainMismatchError,
  ChainUnavailableError,
  ContractNotDeployedError,
  DmexError,
  InvalidAmountError,
  InvalidDeploymentError,
  UnsupportedChainError,
} from "./errors.js";
export { DmcTokenAbi, DmcVestingWalletAbi } from "./generated/abis.js";
export type { DmcToken, DmcVestingWallet } from "./generated/typechain/index.js";
export { DmcToken__factory, DmcVestingWallet__factory } from "./generated/typechain/index.js";
export type { ChainStatus, ReadProviderOptions } from "./provider.js";
export { createReadProvider, readChainStatus } from "./provider.js";
export type { AccountVotes, TokenInfo } from "./token.js";
export { readAccountVotes, readTokenInfo } from "./token.js";
export type { FormatAmountOptions } from "./units.js";
export { formatAmount, parseAmount } from "./units.js";
