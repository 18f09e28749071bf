import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import type { JsonRpcProvider } from "ethers";
import type { ReactElement } from "react";

import type { DmexEnvironment } from "../DmexEnvironment";
import { DmexEnvironmentProvider } from "../DmexEnvironment";
import { createQueryClient } from "../queryClient";

export interface TestEnvironment {
  readonly readProvider: JsonRpcProvider;
  readonly chainId?: number;
  readonly pollIntervalMs?: number;
  readonly walletDiscoveryMs?: number;
}

/**
 * Renders `ui` as main.tsx does (same query client settings), with short intervals so that polling and
 * discovery happen within a test's time.
 */
export function renderWithDmex(ui: ReactElement, options: TestEnvironment) {
  const environment: DmexEnvironment = {
    rpcUrl: options.readProvider._getConnection().url,
    chainId: options.chainId ?? 31337,
    readProvider: options.readProvider,
    pollIntervalMs: options.pollIntervalMs ?? 50,
    walletDiscoveryMs: options.walletDiscoveryMs ?? 20,
  };
  const queryClient = createQueryClient();
  const result = render(
    <QueryClientProvider client={queryClient}>
      <DmexEnvironmentProvider value={environment}>{ui}</DmexEnvironmentProvider>
    </QueryClientProvider>,
  );
  return { ...result, environment, queryClient };
}

/** The value printed next to `label` in a description list. */
export function factValue(label: string, container: HTMLElement = document.body): string {
  const term = [...container.querySelectorAll("dt")].find((dt) => dt.textContent === label);
  if (!term) throw new Error(`no fact labelled "${label}" in:\n${container.textContent ?? ""}`);
  return term.nextElementSibling?.textContent ?? "";
}

/** The card whose heading is `title`. */
export function card(title: string): HTMLElement {
  return screen.getByRole("region", { name: title });
}
