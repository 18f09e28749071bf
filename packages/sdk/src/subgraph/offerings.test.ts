import { describe, expect, it } from "vitest";

import { deliveryRecord, summarizeDelivery } from "./offerings.js";
import { proposalTitle } from "./proposals.js";

const row = (day: number, delivered: bigint, final: boolean, marketPerUnit = 0n) => ({
  day,
  status: "DELIVERED" as const,
  delivered: delivered.toString(),
  soldUnits: "0",
  deliveredPerUnit: "0",
  depositCount: 1,
  benchmark: { final, marketPerUnit: marketPerUnit.toString() },
});

describe("deliveryRecord (the vault's dayRecord over a term, from subgraph rows)", () => {
  // Term days 100-109; 20 units sold on day 100, 10 more on day 103. Delivered at the threshold through day
  // 100; day 101 is short and holds every later day (a deposit for a later day fills it first). Rows for days
  // after it are rated on their own, as the vault's dayRecord does.
  const offering = { startDay: 100, endDay: 110, deliveredUntil: 101, shortThresholdBps: 8_000 };
  const checkpoints = [
    { day: 100, soldUnits: 20n, rate: 1n },
    { day: 103, soldUnits: 30n, rate: 2n },
  ];
  const rows = [
    row(100, 40n, true, 2n), // before deliveredUntil: Ok
    row(101, 31n, true, 2n), // 31 < 0.8 × 2 × 20 = 32: Short
    row(102, 32n, true, 2n), // exactly 80%: reached (the next deposit, flag or finish moves over it)
    row(103, 60n, false), // not rated yet
    row(104, 1n, true, 2n), // Short against 30 units
  ];

  it("rates each day with the units sold by then, infers missed days without rows, and opens today on", () => {
    const record = deliveryRecord(offering, checkpoints, rows, 107);
    expect(record.map((d) => [d.day, d.status, d.soldUnits])).toEqual([
      [100, "Ok", 20n],
      [101, "Short", 20n],
      [102, "Ok", 20n],
      [103, "Delivered", 30n],
      [104, "Short", 30n],
      [105, "Missed", 30n],
      [106, "Missed", 30n],
      [107, "Open", 30n],
      [108, "Open", 30n],
      [109, "Open", 30n],
    ]);
    expect(record[0]).toMatchObject({
      delivered: 40n,
      deliveredPerUnit: 2n,
      marketPerUnit: 2n,
      marketFinal: true,
    });
    expect(record[3]).toMatchObject({
      delivered: 60n,
      deliveredPerUnit: 2n,
      marketPerUnit: 0n,
      marketFinal: false,
    });
    expect(summarizeDelivery(record)).toEqual({ owedDays: 7, ok: 2, short: 2, delivered: 1, missed: 2 });
    // Before deliveredUntil a day is Ok whatever its row says: delivery is in order.
    const later = deliveryRecord({ ...offering, deliveredUntil: 103 }, checkpoints, rows, 107);
    expect(later.slice(0, 3).map((d) => d.status)).toEqual(["Ok", "Ok", "Ok"]);
  });

  it("owes nothing before the first sale and nothing at all when nothing sold", () => {
    const late = [{ day: 104, soldUnits: 10n, rate: 1n }];
    const record = deliveryRecord({ ...offering, deliveredUntil: 104 }, late, [], 106);
    expect(record.slice(3, 6).map((d) => d.status)).toEqual(["None", "Missed", "Missed"]);
    const unsold = deliveryRecord({ ...offering, deliveredUntil: undefined }, [], [], 120);
    expect(new Set(unsold.map((d) => d.status))).toEqual(new Set(["None"]));
    expect(summarizeDelivery(unsold).owedDays).toBe(0);
  });
});

describe("proposalTitle", () => {
  it("takes the first non-empty line without heading marks", () => {
    expect(proposalTitle("# Approve miner #3\n\nCapacity verified.")).toBe("Approve miner #3");
    expect(proposalTitle("\n\n  ## Terminate offering 7  \nbody")).toBe("Terminate offering 7");
    expect(proposalTitle("Plain title")).toBe("Plain title");
    expect(proposalTitle("")).toBe("");
  });
});
