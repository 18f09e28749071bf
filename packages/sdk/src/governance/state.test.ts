import { describe, expect, it } from "vitest";

import { UnexpectedResponseError } from "../errors.js";
import { proposalStateName, proposalStatesInBitmap } from "./state.js";
import { supportValue } from "./support.js";

describe("proposal states and vote support", () => {
  it("names the Governor's states in enum order", () => {
    expect([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n].map(proposalStateName)).toEqual([
      "Pending",
      "Active",
      "Canceled",
      "Defeated",
      "Succeeded",
      "Queued",
      "Expired",
      "Executed",
    ]);
    expect(() => proposalStateName(8n)).toThrow(UnexpectedResponseError);
  });

  it("reads the states in a bitmap", () => {
    expect(proposalStatesInBitmap((1n << 4n) | (1n << 5n))).toEqual(["Succeeded", "Queued"]);
    expect(
      proposalStatesInBitmap("0x0000000000000000000000000000000000000000000000000000000000000001"),
    ).toEqual(["Pending"]);
  });

  it("maps votes to GovernorCountingSimple's support values", () => {
    expect([supportValue("against"), supportValue("for"), supportValue("abstain")]).toEqual([0, 1, 2]);
  });
});
