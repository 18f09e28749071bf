import { describe, expect, it } from "vitest";

import { type FlagState, notFlaggableReason } from "./flag.js";

const active: FlagState = {
  status: "Active",
  checkpointCount: 1,
  nextDay: 100,
  resumedDay: 0,
  endDay: 130,
  today: 105,
  oldestDayWaitsForOracle: false,
};

describe("notFlaggableReason", () => {
  it("names the status of an offering that is not active", () => {
    expect(notFlaggableReason({ ...active, status: "Frozen" }).reason).toBe("frozen");
    expect(notFlaggableReason({ ...active, status: "Terminated" }).reason).toBe("terminated");
    expect(notFlaggableReason({ ...active, status: "Finished" }).reason).toBe("finished");
  });

  it("says nothing is sold, with no day behind", () => {
    expect(notFlaggableReason({ ...active, checkpointCount: 0 })).toEqual({
      reason: "nothing-sold",
      daysBehind: 0,
    });
  });

  it("says the oldest day waits for the oracle", () => {
    expect(notFlaggableReason({ ...active, oldestDayWaitsForOracle: true })).toEqual({
      reason: "waiting-for-oracle",
      daysBehind: 5,
    });
  });

  it("counts the ended days behind from the last resume, up to the end of the term", () => {
    expect(notFlaggableReason(active)).toEqual({ reason: "not-behind", daysBehind: 5 });
    expect(notFlaggableReason({ ...active, resumedDay: 103 }).daysBehind).toBe(2);
    expect(notFlaggableReason({ ...active, today: 200 }).daysBehind).toBe(30);
    expect(notFlaggableReason({ ...active, nextDay: 106 }).daysBehind).toBe(0);
  });
});
