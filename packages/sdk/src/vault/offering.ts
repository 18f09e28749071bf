import type { ContractTransactionReceipt } from "ethers";

import type { OfferingParamsStruct, RiskControlVault } from "../generated/typechain/RiskControlVault.js";
import {
  callDecoded,
  eventsIn,
  firstEvent,
  requireSender,
  sendAndWait,
  signerAddress,
  withGasMargin,
} from "../transaction.js";
import type { RateCheckpoint } from "./escrowMath.js";
import { vaultRevert, vaultSources } from "./payment.js";
import { type OfferingStatus, offeringStatusName } from "./status.js";

const SOURCES = vaultSources();

/** An offering as the vault stores it, plus its released and withdrawable escrow. Days are UTC day numbers. */
export interface OfferingDetails {
  readonly offeringId: bigint;
  readonly miner: string;
  readonly status: OfferingStatus;
  readonly coinId: bigint;
  /** The ERC-20 buyers paid in (escrow, withdrawals, refunds). */
  readonly paymentToken: string;
  /** The coin's yield token (deposits, claims). */
  readonly yieldToken: string;
  /** First day of the term. */
  readonly startDay: number;
  /** First day after the term. */
  readonly endDay: number;
  /**
   * First day not delivered at the threshold: every day from the first sale to it received the DAO-set share
   * of the oracle's market yield per sold unit, in order. 0 until the first sale.
   */
  readonly nextDay: number;
  /**
   * 0 while escrow is released with the delivery (through `nextDay`); while frozen (or after a termination of
   * a frozen offering) the day escrow stays released up to, when deposits moved `nextDay` past it.
   */
  readonly releasedDay: number;
  /** The latest day yield was attributed to (a deposit is shared among the units sold by its day). */
  readonly yieldDay: number;
  /** The sale day of the first primary sale (delivery is owed from it); 0 until then. */
  readonly firstSaleDay: number;
  /** Day of the last resume after a flag (a new flag looks only at days from it); 0 if never resumed. */
  readonly resumedDay: number;
  /** Sale checkpoints, one per day with a primary sale (see {@link readSaleCheckpoints}). */
  readonly checkpointCount: number;
  /** Index of the checkpoint in force on `nextDay`. */
  readonly cursor: number;
  /** The highest index given to a certificate of the offering (each sale and each split mints the next one). */
  readonly lastIndex: number;
  /** Price of one unit, fees included (payment token units). */
  readonly pricePerUnit: bigint;
  /** The fewest units one purchase, lot or offer takes. */
  readonly minLot: bigint;
  /** First second of the sale window (Unix time). */
  readonly saleStart: number;
  /** First second after the sale window (Unix time). */
  readonly saleEnd: number;
  /** Whether the sale was closed (`closeSale`): the unsold units went back to the miner's capacity. */
  readonly saleClosed: boolean;
  /** Units sold so far: the yield accumulator shares deposits among them. */
  readonly soldUnits: bigint;
  /** Units reserved for primary auctions not yet settled or cancelled. */
  readonly lotUnits: bigint;
  /** Capacity the offering holds in the registry: the units offered, less those returned when the sale closed. */
  readonly reservedUnits: bigint;
  /** The vault's `unitsOnSale`: units a purchase could take now (0 outside the window, once closed, frozen…). */
  readonly unitsOnSale: bigint;
  /** Yield deposited per sold unit so far, scaled by `YIELD_SCALE` (1e18). */
  readonly accYieldPerUnit: bigint;
  /** Escrow released through `nextDay`, scaled by `RATE_SCALE` (1e9). */
  readonly earnedScaled: bigint;
  /** Primary sale proceeds received (payment token units). */
  readonly totalEscrow: bigint;
  readonly escrowWithdrawn: bigint;
  readonly escrowRefunded: bigint;
  /** Yield received (yield token units). */
  readonly yieldDeposited: bigint;
  /** The vault's `escrowReleased`: escrow of every delivered day, withdrawn or not. */
  readonly escrowReleased: bigint;
  /** The vault's `withdrawable`: what `withdrawEscrow` would send now (0 while frozen). */
  readonly withdrawable: bigint;
}

/**
 * Reads an offering with its released and withdrawable escrow, in parallel. Throws `ContractRevertError`
 * (`RiskControlVault_UnknownOffering`) for an id never created.
 *
 * @example
 * ```ts
 * const { status, nextDay, withdrawable } = await readOffering(riskControlVault, 1n);
 * ```
 */
export async function readOffering(vault: RiskControlVault, offeringId: bigint): Promise<OfferingDetails> {
  const [o, escrowReleased, withdrawable, unitsOnSale] = await callDecoded(
    () =>
      Promise.all([
        vault.offering(offeringId),
        vault.escrowReleased(offeringId),
        vault.withdrawable(offeringId),
        vault.unitsOnSale(offeringId),
      ]),
    SOURCES,
  );
  return {
    offeringId,
    miner: o.miner,
    status: offeringStatusName(o.status),
    coinId: o.coinId,
    paymentToken: o.paymentToken,
    yieldToken: o.yieldToken,
    startDay: Number(o.startDay),
    endDay: Number(o.endDay),
    nextDay: Number(o.nextDay),
    releasedDay: Number(o.releasedDay),
    yieldDay: Number(o.yieldDay),
    firstSaleDay: Number(o.firstSaleDay),
    resumedDay: Number(o.resumedDay),
    checkpointCount: Number(o.checkpointCount),
    cursor: Number(o.cursor),
    lastIndex: Number(o.lastIndex),
    pricePerUnit: o.pricePerUnit,
    minLot: o.minLot,
    saleStart: Number(o.saleStart),
    saleEnd: Number(o.saleEnd),
    saleClosed: o.saleClosed,
    soldUnits: o.soldUnits,
    lotUnits: o.lotUnits,
    reservedUnits: o.reservedUnits,
    unitsOnSale,
    accYieldPerUnit: o.accYieldPerUnit,
    earnedScaled: o.earnedScaled,
    totalEscrow: o.totalEscrow,
    escrowWithdrawn: o.escrowWithdrawn,
    escrowRefunded: o.escrowRefunded,
    yieldDeposited: o.yieldDeposited,
    escrowReleased,
    withdrawable,
  };
}

/**
 * The offering's sale checkpoints, oldest first: from each one's `day` on, every delivered day releases its
 * cumulative `rate` (scaled by 1e9) and the day's yield is owed to its `soldUnits`. One call per checkpoint
 * (one per day with a primary sale).
 *
 * @example
 * ```ts
 * const checkpoints = await readSaleCheckpoints(riskControlVault, 1n);
 * earnedScaledThrough(checkpoints, offering.nextDay) === offering.earnedScaled; // true
 * ```
 */
export async function readSaleCheckpoints(
  vault: RiskControlVault,
  offeringId: bigint,
): Promise<RateCheckpoint[]> {
  const { checkpointCount } = await callDecoded(() => vault.offering(offeringId), SOURCES);
  const checkpoints = await callDecoded(
    () =>
      Promise.all(
        Array.from({ length: Number(checkpointCount) }, (_, i) =>
          vault.saleCheckpoint(offeringId, BigInt(i)),
        ),
      ),
    SOURCES,
  );
  return checkpoints.map((c) => ({ day: Number(c.day), soldUnits: c.soldUnits, rate: c.rate }));
}

/**
 * What a miner chooses for an offering: the term and the sale terms (the vault's `OfferingParams`, typed by
 * the bindings): `coinId`, `paymentToken`, `units` on sale, `minLot`, `pricePerUnit` (fees included),
 * `saleStart` / `saleEnd` (Unix seconds), `startDay` (UTC day number), `termDays`.
 */
export type OfferingParams = OfferingParamsStruct;

/** What {@link createOffering} returns, from the `OfferingCreated` and `SaleOpened` events. */
export interface CreateOfferingResult {
  readonly offeringId: bigint;
  /** Units on sale (reserved from the miner's capacity); no certificate exists before a sale. */
  readonly units: bigint;
  readonly pricePerUnit: bigint;
  readonly minLot: bigint;
  readonly saleStart: number;
  readonly saleEnd: number;
  readonly startDay: number;
  readonly endDay: number;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Creates an offering with its sale terms from the vault's signer (an Active miner), reserving `units` of its
 * registry capacity. Mints nothing: buyers buy units (`buyPrimaryUnits`), and each sale mints one certificate.
 * Throws what the vault refuses (found by the gas estimate, before any transaction) as `ContractRevertError`,
 * e.g. `RiskControlVault_MinerNotActive`, `RiskControlVault_StartDayOutOfBounds`,
 * `RiskControlVault_InvalidSaleTerms` (a zero price, a minimum lot outside [1, units], a window that has ended,
 * is empty or ends after the term) or `MinerRegistry_CapacityExceeded`.
 *
 * @example
 * ```ts
 * const today = await readChainDay(provider);
 * const { offeringId } = await createOffering(asMiner.riskControlVault, {
 *   coinId: 1n,
 *   paymentToken: usdcAddress,
 *   units: 120n, // TiB
 *   minLot: 1n,
 *   pricePerUnit: parseUnits("100", 6),
 *   saleStart: now,
 *   saleEnd: now + 7 * 86_400,
 *   startDay: today,
 *   termDays: 30,
 * });
 * ```
 */
export async function createOffering(
  vault: RiskControlVault,
  params: OfferingParams,
): Promise<CreateOfferingResult> {
  requireSender(vault, "createOffering");
  const receipt = await sendAndWait(withGasMargin(vault.createOffering, params), SOURCES);
  const created = firstEvent(receipt, vault, vault.getEvent("OfferingCreated"));
  const opened = firstEvent(receipt, vault, vault.getEvent("SaleOpened"));
  const { offeringId, units, startDay, endDay } = created.args;
  return {
    offeringId,
    units,
    pricePerUnit: opened.args.pricePerUnit,
    minLot: opened.args.minLot,
    saleStart: Number(opened.args.saleStart),
    saleEnd: Number(opened.args.saleEnd),
    startDay: Number(startDay),
    endDay: Number(endDay),
    receipt,
  };
}

/** What {@link closeSale} returns, from the `SaleClosed` event. */
export interface CloseSaleResult {
  /** Units that went back to the miner's free capacity. */
  readonly unsoldUnits: bigint;
  readonly soldUnits: bigint;
  /** Units still reserved for primary auctions (they return when their auctions end unsold). */
  readonly lotUnits: bigint;
  /** True when nothing was sold and no lot is held: the offering finished. */
  readonly finished: boolean;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Ends the sale of an active or frozen offering: its unsold units go back to the miner's free capacity. Anyone
 * may once the sale window has ended; the miner at any time. Checks that first (`RiskControlVault_SaleNotEnded`
 * for anyone else before the end), then throws what the vault refuses, e.g. `RiskControlVault_InvalidStatus`.
 *
 * @example
 * ```ts
 * const { unsoldUnits, finished } = await closeSale(asMiner.riskControlVault, offeringId);
 * ```
 */
export async function closeSale(vault: RiskControlVault, offeringId: bigint): Promise<CloseSaleResult> {
  const caller = await signerAddress(vault, "closeSale");
  const o = await callDecoded(() => vault.offering(offeringId), SOURCES);
  if (o.miner.toLowerCase() !== caller.toLowerCase()) {
    const block = await vault.runner?.provider?.getBlock("latest");
    // The next block is at least one second later than the latest.
    if (block && BigInt(block.timestamp) + 1n < o.saleEnd) {
      throw vaultRevert("RiskControlVault_SaleNotEnded", [offeringId, o.saleEnd]);
    }
  }
  const receipt = await sendAndWait(withGasMargin(vault.closeSale, offeringId), SOURCES);
  const closed = firstEvent(receipt, vault, vault.getEvent("SaleClosed"));
  const finished = eventsIn(receipt, vault, vault.getEvent("OfferingFinished")).length > 0;
  return {
    unsoldUnits: closed.args.unsoldUnits,
    soldUnits: closed.args.soldUnits,
    lotUnits: closed.args.lotUnits,
    finished,
    receipt,
  };
}

/** What a buyer sees of an offering's sale (see {@link readSaleTerms}). */
export interface SaleTerms {
  readonly offeringId: bigint;
  readonly miner: string;
  readonly paymentToken: string;
  /** Price of one unit, fees included (payment token units). */
  readonly pricePerUnit: bigint;
  readonly minLot: bigint;
  readonly saleStart: number;
  readonly saleEnd: number;
  readonly saleClosed: boolean;
  /** Units a purchase could take now (the vault's `unitsOnSale`): 0 when the sale is not open. */
  readonly unitsOnSale: bigint;
  readonly soldUnits: bigint;
  /** Units reserved for primary auctions. */
  readonly lotUnits: bigint;
  readonly status: OfferingStatus;
}

/**
 * An offering's sale terms and the units on sale now, in parallel. Throws `ContractRevertError`
 * (`RiskControlVault_UnknownOffering`) for an id never created.
 *
 * @example
 * ```ts
 * const { pricePerUnit, minLot, unitsOnSale } = await readSaleTerms(riskControlVault, offeringId);
 * ```
 */
export async function readSaleTerms(vault: RiskControlVault, offeringId: bigint): Promise<SaleTerms> {
  const [o, unitsOnSale] = await callDecoded(
    () => Promise.all([vault.offering(offeringId), vault.unitsOnSale(offeringId)]),
    SOURCES,
  );
  return {
    offeringId,
    miner: o.miner,
    paymentToken: o.paymentToken,
    pricePerUnit: o.pricePerUnit,
    minLot: o.minLot,
    saleStart: Number(o.saleStart),
    saleEnd: Number(o.saleEnd),
    saleClosed: o.saleClosed,
    unitsOnSale,
    soldUnits: o.soldUnits,
    lotUnits: o.lotUnits,
    status: offeringStatusName(o.status),
  };
}

/**
 * Finishes an active offering whose term is over and fully delivered (or that sold nothing), giving the
 * miner's reserved capacity back; anyone may. Throws `ContractRevertError` (`RiskControlVault_NotSettled`)
 * before that.
 *
 * @example
 * ```ts
 * await finishOffering(riskControlVault, offeringId);
 * ```
 */
export async function finishOffering(
  vault: RiskControlVault,
  offeringId: bigint,
): Promise<ContractTransactionReceipt> {
  requireSender(vault, "finishOffering");
  return sendAndWait(withGasMargin(vault.finish, offeringId), SOURCES);
}
