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
  ContractRevertError,
  DmexError,
  InvalidAmountError,
  InvalidDeploymentError,
  InvalidProposalError,
  SignerRequiredError,
  UnexpectedResponseError,
  UnsupportedChainError,
} from "./errors.js";
export {
  BridgedTokenAbi,
  DmcTokenAbi,
  DmcVestingWalletAbi,
  DmexGovernorAbi,
  DmexTimelockAbi,
  MinerRegistryAbi,
  SafeL2Abi,
  YieldOracleAbi,
} from "./generated/abis.js";
export type {
  BridgedToken,
  DmcToken,
  DmcVestingWallet,
  DmexGovernor,
  DmexTimelock,
  MinerRegistry,
  SafeL2,
  YieldOracle,
} from "./generated/typechain/index.js";
export {
  BridgedToken__factory,
  DmcToken__factory,
  DmcVestingWallet__factory,
  DmexGovernor__factory,
  DmexTimelock__factory,
  MinerRegistry__factory,
  SafeL2__factory,
  YieldOracle__factory,
} from "./generated/typechain/index.js";
export type { ProposeResult, QueueResult } from "./governance/lifecycle.js";
export { cancel, execute, propose, queue } from "./governance/lifecycle.js";
export type { PopulatedCall, Proposal, ProposalAction } from "./governance/proposal.js";
export { actionFromTx, buildProposal, computeProposalId, hashDescription } from "./governance/proposal.js";
export type {
  ListProposalsOptions,
  ProposalDetails,
  ProposalSummary,
  ProposalVotes,
} from "./governance/read.js";
export { listProposals, readProposal } from "./governance/read.js";
export type { ProposalState } from "./governance/state.js";
export { PROPOSAL_STATES, proposalStateName, proposalStatesInBitmap } from "./governance/state.js";
export type { VoteSupport } from "./governance/support.js";
export { supportValue } from "./governance/support.js";
export type { SignedBallot, VoteResult } from "./governance/vote.js";
export { castVote, castVoteBySig, signBallot } from "./governance/vote.js";
export type { CoinOverview, GovernorOverview, ProtocolOverview } from "./overview.js";
export { MAX_OVERVIEW_COINS, readProtocolOverview } from "./overview.js";
export type { ChainStatus, ReadProviderOptions } from "./provider.js";
export { createReadProvider, readChainStatus } from "./provider.js";
export type {
  ApplicationDetails,
  ApplicationParams,
  SubmitApplicationResult,
} from "./registry/application.js";
export {
  approveApplicationAction,
  readApplication,
  rejectApplicationAction,
  submitApplication,
} from "./registry/application.js";
export type { MinerDetails } from "./registry/miner.js";
export { readMiner } from "./registry/miner.js";
export type { StakeResult } from "./registry/stake.js";
export { stake } from "./registry/stake.js";
export type { ApplicationStatus, MinerStatus } from "./registry/status.js";
export {
  APPLICATION_STATUSES,
  applicationStatusName,
  MINER_STATUSES,
  minerStatusName,
} from "./registry/status.js";
export type { RevertSource, RevertSources } from "./revert.js";
export { DMEX_REVERT_SOURCES, decodeRevert } from "./revert.js";
export type { AccountVotes, TokenInfo } from "./token.js";
export { readAccountVotes, readTokenInfo } from "./token.js";
export type { FormatAmountOptions } from "./units.js";
export { formatAmount, formatDuration, parseAmount } from "./units.js";
