import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { ConfigEnv } from "./config";
import { createQueryClient } from "./queryClient";
import { Root } from "./Root";
import { closedPortUrl } from "./test/closedPortUrl";
import { card } from "./test/renderWithDmex";

function renderRoot(env: ConfigEnv) {
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <Root env={env} />
    </QueryClientProvider>,
  );
}

describe("Root", () => {
  it("reads the RPC URL from VITE_RPC_URL and names it when nothing answers there", async () => {
    const url = await closedPortUrl();
    renderRoot({ VITE_RPC_URL: url, VITE_CHAIN_ID: "31337" });

    expect(within(card("Chain")).getByRole("status")).toHaveTextContent(`Connecting to ${url}`);
    expect(await within(card("Chain")).findByRole("alert")).toHaveTextContent(
      `Cannot reach the chain at ${url}.`,
    );
  });

  it("explains an unusable variable instead of rendering nothing", () => {
    renderRoot({ VITE_CHAIN_ID: "mainnet" });

    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("DMEX");
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Invalid configuration");
    expect(alert).toHaveTextContent('VITE_CHAIN_ID must be a positive decimal integer, got "mainnet"');
  });
});
