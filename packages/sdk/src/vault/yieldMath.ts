// Mirrors of the vault's yield accumulator (YieldMath.sol and `_pendingYield`), in bigint and rounding down
// exactly as Solidity's `Math.mulDiv` does. Amounts are yield-token units (IFIL: 18 decimals).

/** Fixed-point scale of the accumulator (`YieldMath.YIELD_SCALE`). */
export const YIELD_SCALE = 10n ** 18n;

/**
 * How much a deposit of `amount` raises the offering's accumulator (`accYieldPerUnit`) when shared among
 * the `soldUnits` sold at the time of the deposit: `amount × 1e18 / soldUnits`, rounded down
 * (`YieldMath.perUnit`).
 *
 * @example
 * ```ts
 * yieldPerUnit(60_000_000_000_000_000n, 30n); // 2e33: 0.002 IFIL a unit, scaled by 1e18
 * ```
 */
export function yieldPerUnit(amount: bigint, soldUnits: bigint): bigint {
  if (soldUnits <= 0n) throw new RangeError("yieldPerUnit: nothing is sold to share the deposit");
  return (amount * YIELD_SCALE) / soldUnits;
}

/**
 * Yield owed to `units` for the accumulator's rise from `checkpoint` to `acc`: `units × (acc - checkpoint)
 * / 1e18`, rounded down (`YieldMath.owed`).
 *
 * @example
 * ```ts
 * yieldOwed(10n, 2n * 10n ** 33n, 0n); // 20_000_000_000_000_000n: 0.02 IFIL
 * ```
 */
export function yieldOwed(units: bigint, acc: bigint, checkpoint: bigint): bigint {
  if (checkpoint > acc) throw new RangeError("yieldOwed: the checkpoint is above the accumulator");
  return (units * (acc - checkpoint)) / YIELD_SCALE;
}

/** What the vault keeps about a certificate's yield. */
export interface CertificateYieldState {
  readonly sold: boolean;
  readonly units: bigint;
  /** The accumulator when its yield was last settled (sale, claim, split or merge); 0 before any deposit. */
  readonly checkpoint: bigint;
  /** Yield settled by a split or merge and not claimed yet; 0 otherwise. */
  readonly owed?: bigint;
}

/**
 * Yield a certificate's owner can claim now (the vault's `claimable`): settled yield plus its units' share
 * of the accumulator's rise since its checkpoint; 0 for an unsold certificate.
 *
 * @example
 * ```ts
 * claimableYield({ sold: true, units: 10n, checkpoint: 0n }, 47n * 10n ** 33n); // 470_000_000_000_000_000n
 * ```
 */
export function claimableYield(certificate: CertificateYieldState, acc: bigint): bigint {
  if (!certificate.sold) return 0n;
  return (certificate.owed ?? 0n) + yieldOwed(certificate.units, acc, certificate.checkpoint);
}
