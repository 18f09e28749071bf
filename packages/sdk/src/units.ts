import { formatUnits, parseUnits } from "ethers";

import { InvalidAmountError } from "./errors.js";

export interface FormatAmountOptions {
  /** Digits after the decimal point to show at most (trailing zeros are dropped). Default 4. */
  readonly maxFractionDigits?: number;
  /** Locale for the thousands separator. Default "en-US". */
  readonly locale?: string;
}

/**
 * Formats an integer amount of a token with `decimals` as a grouped decimal followed by its unit,
 * e.g. `formatAmount(10n ** 26n, 18, "DMC")` is "100,000,000 DMC". Rounds toward zero, exactly
 * (bigint arithmetic, no floating point).
 */
export function formatAmount(
  amount: bigint,
  decimals: number,
  unit: string,
  options: FormatAmountOptions = {},
): string {
  const maxFractionDigits = options.maxFractionDigits ?? 4;
  const negative = amount < 0n;
  const [whole = "0", fraction = ""] = formatUnits(negative ? -amount : amount, decimals).split(".");
  const grouped = BigInt(whole).toLocaleString(options.locale ?? "en-US");
  const shown = fraction.slice(0, maxFractionDigits).replace(/0+$/, "");
  return `${negative ? "-" : ""}${grouped}${shown ? `.${shown}` : ""} ${unit}`;
}

/** Parses a decimal string such as "1.5" into the token's smallest unit. */
export function parseAmount(input: string, decimals: number): bigint {
  const trimmed = input.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) throw new InvalidAmountError(input, decimals);
  try {
    return parseUnits(trimmed, decimals);
  } catch {
    // More fraction digits than the token has, or a value ethers cannot represent.
    throw new InvalidAmountError(input, decimals);
  }
}

const DURATION_UNITS: readonly (readonly [bigint, string, string])[] = [
  [86_400n, "day", "days"],
  [3_600n, "h", "h"],
  [60n, "min", "min"],
  [1n, "s", "s"],
];

/**
 * A whole number of seconds as its exact parts, largest first, skipping zero parts: 60 → "1 min",
 * 300 → "5 min", 172,800 → "2 days", 108,000 → "1 day 6 h", 90 → "1 min 30 s", 0 → "0 s".
 * Nothing is rounded.
 */
export function formatDuration(seconds: number | bigint): string {
  let rest = BigInt(seconds);
  if (rest < 0n) return `-${formatDuration(-rest)}`;
  if (rest === 0n) return "0 s";
  const parts: string[] = [];
  for (const [size, one, many] of DURATION_UNITS) {
    const count = rest / size;
    rest %= size;
    if (count > 0n) parts.push(`${count} ${count === 1n ? one : many}`);
  }
  return parts.join(" ");
}
