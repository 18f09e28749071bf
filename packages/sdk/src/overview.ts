import type { DmexClient } from "./client.js";

/** {@link readProtocolOverview} reads at most this many coins (ids 1..50); `coinCount` says if there are more. */
export const MAX_OVERVIEW_COINS = 50;

/** The DAO's voting rules. Times are seconds: DMC's clock is the block timestamp. */
export interface GovernorOverview {
  readonly votingDelay: bigint;
  readonly votingPeriod: bigint;
  /** Votes (DMC wei) an account needs to propose. */
  readonly proposalThreshold: bigint;
  /** Quorum is `quorumNumerator / quorumDenominator` of the DMC supply at the proposal's snapshot. */
  readonly quorumNumerator: bigint;
  readonly quorumDenominator: bigint;
  /** How far a late quorum pushes the deadline out, seconds. */
  readonly lateQuorumVoteExtension: bigint;
}

/** One coin of the miner registry, with the oracle's latest final day for it. */
export interface CoinOverview {
  readonly id: bigint;
  readonly name: string;
  readonly unitName: string;
  readonly unitSize: bigint;
  readonly yieldToken: string;
  readonly displayDecimals: number;
  readonly active: boolean;
  /** UTC day number (Unix seconds / 86,400) of the oracle's latest final day; 0 when none is final. */
  readonly latestFinalDay: number;
}

/** A read-only snapshot of DMEX governance, treasury, registry and oracle settings. */
export interface ProtocolOverview {
  readonly governor: GovernorOverview;
  /** The timelock's minimum delay, seconds. */
  readonly timelockDelay: bigint;
  readonly council: {
    readonly address: string;
    readonly threshold: bigint;
    readonly ownerCount: number;
  };
  readonly dmc: { readonly symbol: string; readonly decimals: number };
  readonly treasury: {
    /** The treasury is the DAO timelock. */
    readonly address: string;
    /** DMC (wei) held by the timelock. */
    readonly dmcBalance: bigint;
  };
  readonly registry: {
    /** Seconds an approved miner has to stake before the approval lapses. */
    readonly approvalWindow: bigint;
    /** Seconds between an unstake request and the withdrawal. */
    readonly unbondingPeriod: bigint;
    /** Coins registered on chain; `coins` holds at most {@link MAX_OVERVIEW_COINS} of them. */
    readonly coinCount: bigint;
    readonly coins: readonly CoinOverview[];
  };
  readonly oracle: {
    readonly reporterCount: bigint;
    /** Reports that must agree before a day is final. */
    readonly quorum: number;
  };
}

async function readCoin(client: DmexClient, id: bigint): Promise<CoinOverview> {
  const [coin, active, latestFinalDay] = await Promise.all([
    client.minerRegistry.coin(id),
    client.minerRegistry.isCoinActive(id),
    client.yieldOracle.latestFinalDay(id),
  ]);
  return {
    id,
    name: coin.name,
    unitName: coin.unitName,
    unitSize: coin.unitSize,
    yieldToken: coin.yieldToken,
    displayDecimals: Number(coin.displayDecimals),
    active,
    latestFinalDay: Number(latestFinalDay),
  };
}

/**
 * Reads the governance rules, treasury, council, registry coins and oracle settings of a deployment, in
 * parallel. Reads coins 1..coinCount, but at most {@link MAX_OVERVIEW_COINS}.
 *
 * @example
 * ```ts
 * const client = connect(createReadProvider("http://127.0.0.1:8545", 31337), 31337);
 * const overview = await readProtocolOverview(client);
 * formatDuration(overview.governor.votingPeriod); // "5 min"
 * formatAmount(overview.treasury.dmcBalance, overview.dmc.decimals, overview.dmc.symbol); // "15,000,000 DMC"
 * ```
 */
export async function readProtocolOverview(client: DmexClient): Promise<ProtocolOverview> {
  const { governor, timelock, council, minerRegistry, yieldOracle, dmcToken } = client;
  const timelockAddress = await timelock.getAddress();
  const [
    votingDelay,
    votingPeriod,
    proposalThreshold,
    quorumNumerator,
    quorumDenominator,
    lateQuorumVoteExtension,
    timelockDelay,
    councilThreshold,
    councilOwners,
    symbol,
    decimals,
    treasuryBalance,
    approvalWindow,
    unbondingPeriod,
    coinCount,
    reporterCount,
    oracleQuorum,
  ] = await Promise.all([
    governor.votingDelay(),
    governor.votingPeriod(),
    governor.proposalThreshold(),
    governor["quorumNumerator()"](),
    governor.quorumDenominator(),
    governor.lateQuorumVoteExtension(),
    timelock.getMinDelay(),
    council.getThreshold(),
    council.getOwners(),
    dmcToken.symbol(),
    dmcToken.decimals(),
    dmcToken.balanceOf(timelockAddress),
    minerRegistry.approvalWindow(),
    minerRegistry.unbondingPeriod(),
    minerRegistry.coinCount(),
    yieldOracle.reporterCount(),
    yieldOracle.quorum(),
  ]);
  const shown = coinCount < BigInt(MAX_OVERVIEW_COINS) ? Number(coinCount) : MAX_OVERVIEW_COINS;
  const coins = await Promise.all(Array.from({ length: shown }, (_, i) => readCoin(client, BigInt(i + 1))));
  return {
    governor: {
      votingDelay,
      votingPeriod,
      proposalThreshold,
      quorumNumerator,
      quorumDenominator,
      lateQuorumVoteExtension,
    },
    timelockDelay,
    council: {
      address: await council.getAddress(),
      threshold: councilThreshold,
      ownerCount: councilOwners.length,
    },
    dmc: { symbol, decimals: Number(decimals) },
    treasury: { address: timelockAddress, dmcBalance: treasuryBalance },
    registry: { approvalWindow, unbondingPeriod, coinCount, coins },
    oracle: { reporterCount, quorum: Number(oracleQuorum) },
  };
}
