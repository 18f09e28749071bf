import { describe, expect, it } from "vitest";

import { type ProposalStateInput, proposalState } from "./proposalState.js";

// Voting opens after 1,000 and closes at 2,000; quorum 100.
const base: ProposalStateInput = {
  voteStart: "1000",
  voteEnd: "2000",
  extendedDeadline: null,
  forVotes: "0",
  againstVotes: "0",
  abstainVotes: "0",
  quorum: "100",
  eta: null,
  canceled: false,
  executed: false,
  timelockOperation: null,
};
const passed = { ...base, forVotes: "80", abstainVotes: "20", againstVotes: "79" };

describe("proposalState (DmexGovernor.state from a subgraph Proposal)", () => {
  it("is Pending up to and including the snapshot, Active through the deadline", () => {
    expect(proposalState(base, 999)).toBe("Pending");
    expect(proposalState(base, 1000)).toBe("Pending");
    expect(proposalState(base, 1001)).toBe("Active");
    expect(proposalState(base, 2000n)).toBe("Active");
  });

  it("keeps voting open until a late-quorum extension ends, and ignores an extension that is earlier", () => {
    expect(proposalState({ ...passed, extendedDeadline: "2500" }, "2400")).toBe("Active");
    expect(proposalState({ ...passed, extendedDeadline: "2500" }, "2501")).toBe("Succeeded");
    expect(proposalState({ ...passed, extendedDeadline: "1500" }, "2000")).toBe("Active");
  });

  it("counts abstentions towards the quorum only, and needs more for than against", () => {
    expect(proposalState(passed, 2001)).toBe("Succeeded");
    // 80 + 19 < 100: no quorum.
    expect(proposalState({ ...passed, abstainVotes: "19" }, 2001)).toBe("Defeated");
    // A tie is a defeat.
    expect(proposalState({ ...passed, againstVotes: "80" }, 2001)).toBe("Defeated");
    expect(proposalState(base, 2001)).toBe("Defeated");
  });

  it("follows the timelock operation once queued", () => {
    const queued = { ...passed, eta: "3000" };
    expect(proposalState({ ...queued, timelockOperation: { status: "SCHEDULED" } }, 9999)).toBe("Queued");
    expect(proposalState({ ...queued, timelockOperation: { status: "EXECUTED" } }, 3001)).toBe("Executed");
    expect(proposalState({ ...queued, timelockOperation: { status: "CANCELLED" } }, 3001)).toBe("Canceled");
  });

  it("expires a queued proposal only with a grace period (TimelockController has none)", () => {
    const queued = { ...passed, eta: "3000", timelockOperation: { status: "SCHEDULED" as const } };
    expect(proposalState(queued, 10_000)).toBe("Queued");
    expect(proposalState(queued, 3999, 1000)).toBe("Queued");
    expect(proposalState(queued, 4000, 1000)).toBe("Expired");
  });

  it("puts executed and canceled before anything time says", () => {
    expect(proposalState({ ...base, executed: true }, 0)).toBe("Executed");
    expect(proposalState({ ...base, canceled: true }, 0)).toBe("Canceled");
  });
});
