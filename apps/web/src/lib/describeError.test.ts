import {
  ChainMismatchError,
  ChainUnavailableError,
  ContractNotDeployedError,
  UnsupportedChainError,
} from "@dmex/sdk";
import { makeError } from "ethers";
import { describe, expect, it } from "vitest";

import { ConfigError } from "../config";
import { describeError } from "./describeError";

describe("describeError", () => {
  it("tells how to start the chain, naming its URL", () => {
    const { detail } = describeError(new ChainUnavailableError("http://10.0.0.2:8545", new Error("refused")));
    expect(detail).toContain("Cannot reach the chain at http://10.0.0.2:8545.");
    expect(detail).toContain("`npm start`");
  });

  it("names an unsupported chain and the supported ones", () => {
    expect(describeError(new UnsupportedChainError(10, [31337, 11155111]))).toEqual({
      title: "DMEX is not deployed on chain 10",
      detail: expect.stringContaining("Supported chain ids: 31337, 11155111."),
    });
    expect(describeError(new UnsupportedChainError(10, [])).detail).toContain("Supported chain ids: none.");
  });

  it("names both chains on a mismatch", () => {
    const { title, detail } = describeError(new ChainMismatchError("http://node:8545", 31337, 1));
    expect(title).toBe("Wrong chain: 1");
    expect(detail).toContain(
      "The node at http://node:8545 runs chain 1, but this page is set up for chain 31337",
    );
  });

  it("explains configuration errors and declined requests", () => {
    expect(
      describeError(new ConfigError('VITE_CHAIN_ID must be a positive decimal integer, got "x"')).detail,
    ).toContain('got "x"');
    const declined = makeError("user rejected action", "ACTION_REJECTED", {
      action: "requestAccess",
      reason: "rejected",
    });
    expect(describeError(declined).title).toBe("Request declined");
  });

  it("says the DMC token is missing when the SDK finds no contract at its address", () => {
    const missing = new ContractNotDeployedError("DmcToken", "0x000000000000000000000000000000000000dEaD");
    expect(describeError(missing)).toEqual({
      title: "DMC token not found",
      detail:
        "The chain answers, but there is no contract at the recorded DMC address. The node was probably " +
        "restarted without a deployment: restart the local stack with `npm start`.",
    });
    const other = new ContractNotDeployedError(
      "DmcVestingWallet",
      "0x000000000000000000000000000000000000dEaD",
    );
    expect(describeError(other).title).toBe("DmcVestingWallet not found");
  });

  it("falls back to the error's own short message", () => {
    const timeout = makeError("request timeout", "TIMEOUT", { operation: "call", reason: "timeout" });
    expect(describeError(timeout)).toEqual({ title: "Something went wrong", detail: "request timeout" });
    expect(describeError("plain string").detail).toBe("plain string");
  });
});
