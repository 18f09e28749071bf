import type { ReactNode } from "react";
import { createContext, useContext } from "react";

import type { ConfigEnv } from "./config";
import { readSubgraphUrl } from "./config";

/**
 * Where the subgraph is: its GraphQL URL, none (not configured), or why the setting is unusable. Apart
 * from DmexEnvironment so that a page without an indexer, or with a mistyped URL, keeps every chain card.
 */
export type SubgraphSetting =
  /** `url` undefined: no subgraph configured. */
  | { readonly url: string | undefined }
  /** The variable is set but unusable (a ConfigError saying why). */
  | { readonly url: undefined; readonly error: unknown };

/** The setting from build-time variables (`VITE_SUBGRAPH_URL`), never throwing. */
export function subgraphSettingFrom(env: ConfigEnv): SubgraphSetting {
  try {
    return { url: readSubgraphUrl(env) };
  } catch (error) {
    return { url: undefined, error };
  }
}

let fromBuild: SubgraphSetting | undefined;
/** What the build was given; read once, on first use. */
function buildSetting(): SubgraphSetting {
  fromBuild ??= subgraphSettingFrom(import.meta.env as ConfigEnv);
  return fromBuild;
}

const SubgraphEnvironmentContext = createContext<SubgraphSetting | null>(null);

/** Overrides the build's setting below it (tests point it at their own server). */
export function SubgraphEnvironmentProvider({
  value,
  children,
}: {
  value: SubgraphSetting;
  children: ReactNode;
}) {
  return <SubgraphEnvironmentContext value={value}>{children}</SubgraphEnvironmentContext>;
}

export function useSubgraphSetting(): SubgraphSetting {
  return useContext(SubgraphEnvironmentContext) ?? buildSetting();
}
