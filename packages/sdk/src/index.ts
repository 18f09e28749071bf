export type { ConnectOptions, DmexClient } from "./client.js";
export { connect, connectChecked } from "./client.js";
export type {
  ContractName,
  CreatedContract,
  DeployedContract,
  Deployment,
  OptionalContractName,
} from "./deployment.js";
export { CONTRACT_NAMES, OPTIONAL_CONTRACT_NAMES, parseDeployment } from "./deployment.js";
export { deployments, getDeployment, supportedChainIds } from "./deployments.js";
export type { DmexErrorCode, GraphQLErrorDetail } from "./errors.js";
export {
  ChainMismatchError,
  ChainUnavailableError,
  ContractNotDeployedError,
  ContractRevertError,
  DmexError,
  InsufficientBalanceError,
  InvalidAmountError,
  InvalidDeploymentError,
  InvalidPageError,
  InvalidProposalError,
  SignerRequiredError,
  SubgraphQueryError,
  SubgraphUnavailableError,
  UnexpectedResponseError,
  UnsupportedChainError,
} from "./errors.js";
export {
  BridgedTokenAbi,
  CertificateRendererAbi,
  DmcTokenAbi,
  DmcVestingWalletAbi,
  DmexGovernorAbi,
  DmexTimelockAbi,
  HashrateCertificateAbi,
  MarketplaceAbi,
  MinerRegistryAbi,
  RiskControlVaultAbi,
  SafeL2Abi,
  YieldOracleAbi,
} from "./generated/abis.js";
export * as subgraphDocuments from "./generated/subgraph/graphql.js";
export type {
  BridgedToken,
  CertificateRenderer,
  DmcToken,
  DmcVestingWallet,
  DmexGovernor,
  DmexTimelock,
  HashrateCertificate,
  Marketplace,
  MinerRegistry,
  RiskControlVault,
  SafeL2,
  YieldOracle,
} from "./generated/typechain/index.js";
export {
  BridgedToken__factory,
  CertificateRenderer__factory,
  DmcToken__factory,
  DmcVestingWallet__factory,
  DmexGovernor__factory,
  DmexTimelock__factory,
  HashrateCertificate__factory,
  Marketplace__factory,
  MinerRegistry__factory,
  RiskControlVault__factory,
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
export {
  setFeeRecipientsAction,
  setMarketFeesAction,
  setMinBidIncrementAction,
  unpauseMarketplaceAction,
} from "./market/admin.js";
export type { AuctionDetails, AuctionParams, CreateAuctionResult } from "./market/auction.js";
export { cancelAuction, createAuction, readAuction, readMinimumBid } from "./market/auction.js";
export type { AuctionBidState, AuctionClock, AuctionPhase } from "./market/auctionMath.js";
export {
  AUCTION_EXTENSION,
  auctionEndAfterBid,
  auctionPhase,
  LAUNCH_MIN_BID_INCREMENT_BPS,
  MAX_AUCTION_DURATION,
  MIN_AUCTION_DURATION,
  minimumNextBid,
} from "./market/auctionMath.js";
export type { BidResult, OutbidRefund } from "./market/bid.js";
export { placeBid } from "./market/bid.js";
export type {
  BuyAvailableResult,
  BuyManyResult,
  BuyOrder,
  BuyResult,
  Purchase,
} from "./market/buy.js";
export { buyAvailableListings, buyListing, buyManyListings } from "./market/buy.js";
export type { WithdrawCreditResult } from "./market/credit.js";
export { readCredit, withdrawCredit } from "./market/credit.js";
export type { FeeShares, MarketFees, SaleSplit } from "./market/feeMath.js";
export {
  BASIS_POINTS,
  feeShares,
  LAUNCH_MARKET_FEES,
  MAX_CHANNEL_FEE_BPS,
  MAX_TRADING_FEE_BPS,
  marketFee,
  saleSplit,
} from "./market/feeMath.js";
export type { AccruedFees, CollectFeesResult, MarketFeeSettings } from "./market/fees.js";
export { collectFees, readAccruedFees, readMarketFees } from "./market/fees.js";
export type {
  CertificateApprovalOptions,
  ListingDetails,
  ListingParams,
  ListResult,
  UpdateListingResult,
} from "./market/listing.js";
export {
  cancelListing,
  isListingValid,
  listCertificate,
  readListing,
  updateListing,
} from "./market/listing.js";
export type {
  AcceptOfferResult,
  CancelOfferResult,
  MakeOfferResult,
  OfferDetails,
  OfferingOfferTerms,
  OfferTerms,
} from "./market/offer.js";
export {
  acceptOffer,
  cancelOffer,
  makeOffer,
  makeOfferingOffer,
  readOffer,
} from "./market/offer.js";
export { MAX_MARKET_PRICE } from "./market/payment.js";
export type {
  AcceptPrimaryOfferResult,
  BuyPrimaryResult,
  CreatePrimaryAuctionResult,
  PrimaryAuctionParams,
} from "./market/primary.js";
export {
  acceptPrimaryOffer,
  buyPrimaryUnits,
  createPrimaryAuction,
  primaryLotId,
  readPrimarySale,
} from "./market/primary.js";
export type { MarketQuote } from "./market/quote.js";
export { readPrimaryQuote, readQuote } from "./market/quote.js";
export type { CreditRecord, SaleChannel, SaleRecord } from "./market/sale.js";
export type { MarketSettings } from "./market/settings.js";
export { readMarketSettings } from "./market/settings.js";
export type { AuctionSettled, AuctionVoided, SettleResult } from "./market/settle.js";
export { settleAuction } from "./market/settle.js";
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
export type { RevertContext } from "./revert-messages.js";
export type { CertificateDetail, IndexedCertificate } from "./subgraph/certificates.js";
export { readCertificateDetail } from "./subgraph/certificates.js";
export type {
  SubgraphClient,
  SubgraphClientOptions,
  TypedQuery,
  VariablesArgument,
} from "./subgraph/client.js";
export { createSubgraphClient, DEFAULT_SUBGRAPH_TIMEOUT_MS } from "./subgraph/client.js";
export type { DelegateFilter, DelegateSummary } from "./subgraph/delegates.js";
export { listDelegates, readAllDelegates, readDelegate } from "./subgraph/delegates.js";
export type { DmcHolder } from "./subgraph/holders.js";
export { listDmcHolders, readAllDmcHolders } from "./subgraph/holders.js";
export type {
  AuctionStatus,
  ListingStatus,
  MarketAuction,
  MarketFilter,
  MarketListing,
  MarketPage,
  MarketSort,
} from "./subgraph/market.js";
export { browseAuctions, browseMarket } from "./subgraph/market.js";
export type {
  IndexedCoin,
  IndexedMiner,
  MinerApplicationRecord,
  MinerFilter,
  MinerPage,
  MinerProfile,
  MinerSort,
  MinerStatusChangeRecord,
  StakeEventKind,
  StakeEventRecord,
} from "./subgraph/miners.js";
export { browseMiners, listCoins, readMarketYield, readMinerProfile } from "./subgraph/miners.js";
export type {
  DeliverySummary,
  IndexedClock,
  IndexedOffering,
  MinerRecord,
  OfferingDayRecord,
  OfferingDetail,
  OfferingFilter,
  OfferingPage,
  OfferingSort,
} from "./subgraph/offerings.js";
export {
  browseOfferings,
  deliveryRecord,
  readMinerRecord,
  readOfferingDetail,
  summarizeDelivery,
} from "./subgraph/offerings.js";
export type { Page, PageRequest } from "./subgraph/pagination.js";
export {
  collectAll,
  cursorPages,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  offsetPage,
  pageWindow,
} from "./subgraph/pagination.js";
export type { Portfolio, TokenAmount } from "./subgraph/portfolio.js";
export { readPortfolio } from "./subgraph/portfolio.js";
export type { BigIntish, ProposalStateInput } from "./subgraph/proposalState.js";
export { PROPOSAL_STATE_FIELDS, proposalState } from "./subgraph/proposalState.js";
export type {
  IndexedProposal,
  IndexedProposalAction,
  IndexedProposalDetail,
  IndexedVote,
  IndexedVoteSupport,
  ProposalFilter,
  ProposalPage,
  ProposalStatus,
  StateClock,
  StateOptions,
} from "./subgraph/proposals.js";
export {
  browseProposals,
  listVotes,
  PROPOSAL_STATUSES,
  proposalTitle,
  readProposalDetail,
} from "./subgraph/proposals.js";
export type {
  DmcHolderCount,
  SubgraphProtocolTotals,
  SubgraphTokenTotals,
} from "./subgraph/protocol.js";
export { PROTOCOL_ENTITY_ID, readDmcHolderCount, readProtocolTotals } from "./subgraph/protocol.js";
export type { AccountVotes, TokenInfo } from "./token.js";
export { readAccountVotes, readTokenInfo } from "./token.js";
export { type GasMarginedSend, gasLimitFor, waitForReceipt, withGasMargin } from "./transaction.js";
export type { FormatAmountOptions } from "./units.js";
export { formatAmount, formatDuration, parseAmount } from "./units.js";
export {
  grantMarketplaceRoleAction,
  resumeOfferingAction,
  revokeMarketplaceRoleAction,
  setFlagParametersAction,
  setPaymentTokenAction,
  terminateOfferingAction,
  unpauseVaultAction,
} from "./vault/admin.js";
export type { CertificateDetails, MergeResult, SplitResult } from "./vault/certificate.js";
export {
  burnCertificate,
  mergeCertificates,
  readCertificate,
  splitCertificate,
} from "./vault/certificate.js";
export type { CalendarDate } from "./vault/day.js";
export {
  dayDate,
  dayOfDate,
  dayStart,
  formatDay,
  readChainDay,
  SECONDS_PER_DAY,
  utcDay,
} from "./vault/day.js";
export { MAX_DAY_RECORDS_RANGE, readDayRecord, readDayRecords } from "./vault/dayRecords.js";
export type { DayDeliveryInput, DayRecordDetails } from "./vault/delivery.js";
export { dayRecordOf, deliveryStatus, requiredDelivery, soldUnitsOn } from "./vault/delivery.js";
export type { DepositYieldResult } from "./vault/deposit.js";
export { depositYield } from "./vault/deposit.js";
export type { WithdrawEscrowResult } from "./vault/escrow.js";
export { withdrawEscrow } from "./vault/escrow.js";
export type {
  CertificateEscrowState,
  EscrowSplit,
  OfferingEscrowState,
  PrimarySale,
  RateCheckpoint,
} from "./vault/escrowMath.js";
export {
  certificateEscrowReleased,
  certificateRefundable,
  daysDelivered,
  earnedScaledThrough,
  escrowDailyRate,
  escrowReleased,
  RATE_SCALE,
  refundableEscrow,
  releasedThrough,
  saleCheckpoints,
  splitEscrow,
  unscaleEscrow,
  withdrawableEscrow,
} from "./vault/escrowMath.js";
export type { Flaggability, FlagResult } from "./vault/flag.js";
export {
  type FlagState,
  flagOffering,
  type NotFlaggableReason,
  notFlaggableReason,
  readFlaggable,
} from "./vault/flag.js";
export type {
  CloseSaleResult,
  CreateOfferingResult,
  OfferingDetails,
  OfferingParams,
  SaleTerms,
} from "./vault/offering.js";
export {
  closeSale,
  createOffering,
  finishOffering,
  readOffering,
  readSaleCheckpoints,
  readSaleTerms,
} from "./vault/offering.js";
export type { CertificatePayout, PayoutResult } from "./vault/payout.js";
export { claimYield, refundEscrow } from "./vault/payout.js";
export type { PrimarySaleRequest, PrimarySaleResult } from "./vault/sale.js";
export { recordPrimarySale } from "./vault/sale.js";
export type { VaultSettings } from "./vault/settings.js";
export { readVaultSettings } from "./vault/settings.js";
export type { DeliveryStatus, OfferingStatus } from "./vault/status.js";
export {
  DELIVERY_STATUSES,
  deliveryStatusName,
  OFFERING_STATUSES,
  offeringStatusName,
} from "./vault/status.js";
export type { CertificateIdParts } from "./vault/tokenId.js";
export {
  batchTokenIds,
  decodeTokenId,
  encodeTokenId,
  formatTokenId,
  INDEX_BITS,
  MAX_INDEX,
} from "./vault/tokenId.js";
export type { TransferResult } from "./vault/transfer.js";
export { transferCertificate } from "./vault/transfer.js";
export type { CertificateYieldState } from "./vault/yieldMath.js";
export { claimableYield, YIELD_SCALE, yieldOwed, yieldPerUnit } from "./vault/yieldMath.js";
