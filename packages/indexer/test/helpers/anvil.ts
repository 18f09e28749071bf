// The indexer tests' anvil is @dmex/testing's (the pooled anvil of the workspace's tests); this module keeps the
// names and the argument-list signature the indexer's tests and benchmark import.
import { acquireAnvil, anvilOptionsFromArgs, type TestAnvil } from "@dmex/testing/anvil";

export { DEV_ACCOUNTS, freePort } from "@dmex/testing/anvil";
export type Anvil = TestAnvil;

/** anvil with instant mining, started or taken from the pool; `extraArgs` as on anvil's command line. */
export function startAnvil(extraArgs: readonly string[] = []): Promise<Anvil> {
  return acquireAnvil(anvilOptionsFromArgs(extraArgs));
}
