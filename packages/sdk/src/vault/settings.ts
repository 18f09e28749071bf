import type { RiskControlVault } from "../generated/typechain/index.js";

/** The vault's parameters and limits. */
export interface VaultSettings {
  /** Consecutive missed or short days that allow a flag. */
  readonly flagWindowDays: number;
  /** A day delivered below this share of the market average (basis points) is short. */
  readonly shortThresholdBps: number;
  /** Offerings created so far (ids 1..offeringCount). */
  readonly offeringCount: bigint;
  readonly paused: boolean;
  /** How many days ahead a term may start. */
  readonly maxStartDelayDays: number;
  /** Longest flag window the DAO may set. */
  readonly maxFlagWindowDays: number;
}

/**
 * Reads the vault's flag parameters, offering count, pause state and limits, in parallel.
 *
 * @example
 * ```ts
 * const { flagWindowDays, shortThresholdBps } = await readVaultSettings(riskControlVault); // 7, 8000 at launch
 * ```
 */
export async function readVaultSettings(vault: RiskControlVault): Promise<VaultSettings> {
  const [flagWindowDays, shortThresholdBps, offeringCount, paused, maxStartDelayDays, maxFlag] =
    await Promise.all([
      vault.flagWindowDays(),
      vault.shortThresholdBps(),
      vault.offeringCount(),
      vault.paused(),
      vault.MAX_START_DELAY_DAYS(),
      vault.MAX_FLAG_WINDOW_DAYS(),
    ]);
  return {
    flagWindowDays: Number(flagWindowDays),
    shortThresholdBps: Number(shortThresholdBps),
    offeringCount,
    paused,
    maxStartDelayDays: Number(maxStartDelayDays),
    maxFlagWindowDays: Number(maxFlag),
  };
}
