// The bounds of every numeric option of the indexer, shared by the CLI (which exits 2 naming the flag) and the
// library (which throws `OptionRangeError` naming the option), so that both refuse the same values.
import type { QueryLimits } from "./graphql/limits.js";

export interface NumericBound {
  readonly min: number;
  readonly max: number;
  /** Why values below `min` are refused; said after the refusal. */
  readonly belowMin?: string;
  /** Why values above `max` are refused. */
  readonly aboveMax?: string;
}

/** The options with a number, by their library name. */
export type NumericOption =
  | "port"
  | "statusPort"
  | "confirmations"
  | "pollIntervalMs"
  | "handlerTimeoutMs"
  | "blockRetention"
  | keyof QueryLimits;

// Node's timers take at most 2^31 - 1 ms: a longer delay fires after 1 ms instead (TimeoutOverflowWarning).
const TIMER_MAX_MS = 2_147_483_647;
const UNBOUNDED = Number.MAX_SAFE_INTEGER;
const PORT: NumericBound = { min: 0, max: 65_535 };
const REFUSES_EVERY_QUERY = "0 would refuse every query";

export const NUMERIC_BOUNDS: Readonly<Record<NumericOption, NumericBound>> = {
  port: PORT,
  statusPort: PORT,
  confirmations: { min: 0, max: UNBOUNDED },
  pollIntervalMs: {
    min: 1,
    max: TIMER_MAX_MS,
    belowMin: "0 would ask the node for new blocks without pause",
    aboveMax: "Node's timers stop there",
  },
  handlerTimeoutMs: {
    min: 1,
    max: TIMER_MAX_MS,
    belowMin: "no time limit is the default: leave the option out",
    aboveMax: "Node's timers stop there",
  },
  blockRetention: {
    min: 1,
    max: UNBOUNDED,
    belowMin: "only the head's pointer would be kept: every reorg would fail the subgraph",
  },
  maxDepth: { min: 1, max: UNBOUNDED, belowMin: REFUSES_EVERY_QUERY },
  maxComplexity: { min: 1, max: UNBOUNDED, belowMin: REFUSES_EVERY_QUERY },
  maxFirst: { min: 1, max: UNBOUNDED, belowMin: "0 would refuse every list field" },
  maxSkip: { min: 0, max: UNBOUNDED },
  maxFilterTerms: { min: 1, max: UNBOUNDED, belowMin: "0 would refuse every `where`" },
  maxTokens: { min: 1, max: UNBOUNDED, belowMin: REFUSES_EVERY_QUERY },
  timeoutMs: { min: 1, max: UNBOUNDED, belowMin: "0 would time every query out" },
};

/** A library option (`startIndexer`, `queryLimits`) outside its bounds. */
export class OptionRangeError extends RangeError {
  override readonly name = "OptionRangeError";
  constructor(
    readonly option: string,
    problem: string,
  ) {
    super(`${option} ${problem}`);
  }
}

/** What is wrong with `value` for `option` ("must be at least 1, got 0 (…)"), or null when it is fine. */
export function numericProblem(option: NumericOption, value: number): string | null {
  const bound = NUMERIC_BOUNDS[option];
  if (!Number.isSafeInteger(value)) return `must be a whole number ≥ ${bound.min}, got ${value}`;
  if (value < bound.min) {
    return `must be at least ${bound.min}, got ${value}${bound.belowMin ? ` (${bound.belowMin})` : ""}`;
  }
  if (value > bound.max) {
    return `must be at most ${bound.max}, got ${value}${bound.aboveMax ? ` (${bound.aboveMax})` : ""}`;
  }
  return null;
}

/** Throws `OptionRangeError` for the first of `values` outside its bounds; undefined values are left out. */
export function checkNumericOptions(
  values: { readonly [K in NumericOption]?: number | undefined },
  prefix = "",
): void {
  for (const [option, value] of Object.entries(values) as [NumericOption, number | undefined][]) {
    if (value === undefined) continue;
    const problem = numericProblem(option, value);
    if (problem !== null) throw new OptionRangeError(`${prefix}${option}`, problem);
  }
}
