import { describe, expect, it } from "vitest";

import {
  type DayDeliveryInput,
  dayRecordOf,
  deliveryStatus,
  requiredDelivery,
  soldUnitsOn,
} from "./delivery.js";
import { deliveryStatusName, offeringStatusName } from "./status.js";

const MARKET = 2n * 10n ** 15n; // 0.002 IFIL per TiB and day

describe("deliveryStatus", () => {
  // Day 120 of a term ending on day 130, the first day not delivered at the threshold, 50 units sold, rated
  // against a final market value.
  const day: DayDeliveryInput = {
    day: 120,
    endDay: 130,
    delivered: 50n * MARKET,
    soldUnits: 50n,
    marketPerUnit: MARKET,
    isFinal: true,
    shortThresholdBps: 8000,
    nextDay: 120,
    today: 127,
  };

  it("is Ok at or above the threshold and Short below it", () => {
    expect(deliveryStatus(day)).toBe("Ok");
    // Exactly 80%: 0.08 IFIL × 10,000 == 0.002 × 8,000 × 50 → not below: Ok.
    expect(deliveryStatus({ ...day, delivered: 8n * 10n ** 16n })).toBe("Ok");
    expect(deliveryStatus({ ...day, delivered: 8n * 10n ** 16n - 1n })).toBe("Short");
    expect(deliveryStatus({ ...day, delivered: 25n * MARKET })).toBe("Short"); // half the market: the scenario
    expect(deliveryStatus({ ...day, shortThresholdBps: 10_000, delivered: 50n * MARKET - 1n })).toBe("Short");
  });

  it("is Delivered while the oracle's value is not final", () => {
    expect(deliveryStatus({ ...day, isFinal: false, marketPerUnit: 0n })).toBe("Delivered");
  });

  it("is Ok before the first day not delivered at the threshold, whatever was placed on it", () => {
    expect(deliveryStatus({ ...day, nextDay: 121, delivered: 1n })).toBe("Ok");
    expect(deliveryStatus({ ...day, nextDay: 121, delivered: 0n, isFinal: false })).toBe("Ok");
  });

  it("is Missed with nothing delivered from the first undelivered day on, Open until the day has ended", () => {
    expect(deliveryStatus({ ...day, delivered: 0n })).toBe("Missed");
    expect(deliveryStatus({ ...day, delivered: 0n, isFinal: false })).toBe("Missed");
    expect(deliveryStatus({ ...day, today: 120 })).toBe("Open");
    expect(deliveryStatus({ ...day, today: 119, nextDay: 119 })).toBe("Open"); // Open wins over Missed
  });

  it("is None outside the term or before anything sold", () => {
    expect(deliveryStatus({ ...day, day: 130 })).toBe("None");
    expect(deliveryStatus({ ...day, soldUnits: 0n })).toBe("None");
  });

  it("gives the whole record, with the market value only once rated", () => {
    expect(dayRecordOf({ ...day, delivered: 25n * MARKET + 7n })).toEqual({
      day: 120,
      delivered: 25n * MARKET + 7n,
      soldUnits: 50n,
      deliveredPerUnit: MARKET / 2n, // 0.05 IFIL + 7 wei over 50 units: the 7 wei round away
      marketPerUnit: MARKET,
      status: "Short",
    });
    // An ended day shows the value it is rated against, missed or not.
    expect(dayRecordOf({ ...day, delivered: 0n })).toMatchObject({ marketPerUnit: MARKET, status: "Missed" });
    expect(dayRecordOf({ ...day, today: 120 })).toMatchObject({ marketPerUnit: 0n, status: "Open" });
    expect(dayRecordOf({ ...day, day: 131 })).toEqual({
      day: 131,
      delivered: 0n,
      soldUnits: 0n,
      deliveredPerUnit: 0n,
      marketPerUnit: 0n,
      status: "None",
    });
  });
});

describe("requiredDelivery", () => {
  it("is the least delivery that is not short: ceil(market × threshold × units / 10,000)", () => {
    expect(requiredDelivery(MARKET, 50n, 8000)).toBe(8n * 10n ** 16n);
    expect(requiredDelivery(3n, 1n, 8000)).toBe(3n); // 2.4 rounds up
    expect(requiredDelivery(MARKET, 0n, 8000)).toBe(0n); // nothing sold is never short
  });

  it("agrees with the vault's short test for any input (fuzzed)", () => {
    let seed = 0xd3e5;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return BigInt(seed);
    };
    for (let i = 0; i < 5_000; i++) {
      const market = next() * next();
      const units = next() % 1_000n;
      const threshold = Number(1n + (next() % 10_000n));
      const required = requiredDelivery(market, units, threshold);
      for (const delivered of [required, required === 0n ? 0n : required - 1n, next() * next()]) {
        const short = units !== 0n && delivered * 10_000n < market * BigInt(threshold) * units;
        expect(delivered < required).toBe(short);
      }
    }
  });
});

describe("soldUnitsOn", () => {
  const checkpoints = [
    { day: 100, soldUnits: 30n, rate: 1n },
    { day: 105, soldUnits: 50n, rate: 2n },
  ];
  it("takes the last checkpoint on or before the day", () => {
    expect(soldUnitsOn(checkpoints, 99)).toBe(0n);
    expect(soldUnitsOn(checkpoints, 100)).toBe(30n);
    expect(soldUnitsOn(checkpoints, 104)).toBe(30n);
    expect(soldUnitsOn(checkpoints, 105)).toBe(50n);
    expect(soldUnitsOn(checkpoints, 500)).toBe(50n);
    expect(soldUnitsOn([], 100)).toBe(0n);
  });
});

describe("status names", () => {
  it("names the vault's enums in order and refuses unknown values", () => {
    expect([0, 1, 2, 3, 4].map(offeringStatusName)).toEqual([
      "None",
      "Active",
      "Frozen",
      "Terminated",
      "Finished",
    ]);
    expect([0n, 1n, 2n, 3n, 4n, 5n].map(deliveryStatusName)).toEqual([
      "None",
      "Open",
      "Missed",
      "Delivered",
      "Short",
      "Ok",
    ]);
    expect(() => offeringStatusName(5)).toThrow(expect.objectContaining({ code: "UNEXPECTED_RESPONSE" }));
    expect(() => deliveryStatusName(6n)).toThrow(/Unexpected delivery status from the contract: 6/);
  });
});
