import { describe, expect, it } from "vitest";

import { dayDate, dayOfDate, dayStart, formatDay, SECONDS_PER_DAY, utcDay } from "./day.js";

describe("UTC days", () => {
  it("numbers days as timestamp / 86,400, like DayMath.today", () => {
    expect(SECONDS_PER_DAY).toBe(86_400);
    expect(utcDay(0)).toBe(0);
    expect(utcDay(1_767_225_600)).toBe(20_454); // 2026-01-01T00:00:00Z
    expect(utcDay(1_767_225_599)).toBe(20_453); // a second earlier
    expect(utcDay(1_767_311_999n)).toBe(20_454);
    expect(dayStart(20_454)).toBe(1_767_225_600);
    expect(() => utcDay(-1)).toThrow(RangeError);
    expect(() => dayStart(1.5)).toThrow(RangeError);
  });

  it("converts day numbers to dates like DayMath.toDate, leap days included", () => {
    expect(dayDate(0)).toEqual({ year: 1970, month: 1, dayOfMonth: 1 });
    expect(dayDate(20_454)).toEqual({ year: 2026, month: 1, dayOfMonth: 1 });
    expect(formatDay(11_016)).toBe("2000-02-29"); // a leap day of a century divisible by 400
    expect(formatDay(11_017)).toBe("2000-03-01");
    expect(formatDay(47_541)).toBe("2100-03-01"); // 2100 is no leap year: Feb 28 is followed by Mar 1
    expect(formatDay(47_540)).toBe("2100-02-28");
    expect(formatDay(19_782)).toBe("2024-02-29");
    expect(formatDay(20_818)).toBe("2026-12-31");
  });

  it("agrees with the JavaScript calendar on every day of 1970-2200", () => {
    for (let day = 0; day <= 84_000; day += 1) {
      const iso = new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
      if (formatDay(day) !== iso) expect(formatDay(day)).toBe(iso);
    }
  });

  it("parses ISO dates back to day numbers", () => {
    expect(dayOfDate("2026-01-01")).toBe(20_454);
    expect(dayOfDate("1970-01-01")).toBe(0);
    expect(() => dayOfDate("2026-02-30")).toThrow(RangeError);
    expect(() => dayOfDate("26-1-1")).toThrow(RangeError);
  });
});
