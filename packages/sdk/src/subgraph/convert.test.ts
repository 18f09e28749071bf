import { describe, expect, it } from "vitest";

import { UnexpectedResponseError } from "../errors.js";
import {
  addressVariable,
  logIndexOfEventId,
  newestFirst,
  toAddress,
  toBigInt,
  toEnumMember,
  toHex,
  toSafeNumber,
} from "./convert.js";

describe("subgraph value conversion", () => {
  it("turns BigInt strings into bigints exactly, beyond 2^53", () => {
    expect(toBigInt("100000000000000000000000000", "Token.totalSupply")).toBe(10n ** 26n);
    expect(toBigInt("-5", "DelegateVotesChange.delta")).toBe(-5n);
    expect(toBigInt("0", "x")).toBe(0n);
  });

  it.each(["", "1.5", "1e18", "0x10", " 1", "abc"])("refuses %j as a BigInt, naming the field", (value) => {
    expect(() => toBigInt(value, "Account.balance")).toThrow(UnexpectedResponseError);
    expect(() => toBigInt(value, "Account.balance")).toThrow(
      `Unexpected Account.balance from the subgraph: ${value}`,
    );
  });

  it("reads small BigInts as numbers and refuses ones a number cannot hold", () => {
    expect(toSafeNumber("1767225600", "Offering.startTime")).toBe(1_767_225_600);
    expect(() => toSafeNumber("9007199254740993", "x")).toThrow(UnexpectedResponseError);
  });

  it("checksums addresses and refuses other byte strings", () => {
    expect(toAddress("0x5fbdb2315678afecb367f032d93f642f64180aa3", "Token.id")).toBe(
      "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    );
    expect(() => toAddress("0x1234", "Token.id")).toThrow(UnexpectedResponseError);
  });

  it("keeps Bytes as lowercase hex", () => {
    expect(toHex("0xABCD", "Vote.transactionHash")).toBe("0xabcd");
    expect(() => toHex("0xabc", "x")).toThrow(UnexpectedResponseError);
  });

  it("accepts the enum members it knows and refuses others", () => {
    const states = ["ACTIVE", "FLAGGED"] as const;
    expect(toEnumMember("FLAGGED", states, "Offering.status")).toBe("FLAGGED");
    expect(() => toEnumMember("PAUSED", states, "Offering.status")).toThrow(UnexpectedResponseError);
  });

  it("lowercases addresses for variables and refuses non-addresses", () => {
    expect(addressVariable("0x5FbDB2315678afecb367f032d93F642f64180aa3")).toBe(
      "0x5fbdb2315678afecb367f032d93f642f64180aa3",
    );
    expect(() => addressVariable("0x1234")).toThrow();
  });

  it("reads the log index from an event id (tx hash ++ little-endian i32) and orders events by it", () => {
    const tx = `0x${"ab".repeat(32)}`;
    expect(logIndexOfEventId(`${tx}05000000`, "Vote.id")).toBe(5);
    expect(logIndexOfEventId(`${tx}00010000`, "Vote.id")).toBe(256);
    expect(() => logIndexOfEventId(tx, "Vote.id")).toThrow(UnexpectedResponseError);
    const events = [
      { name: "a", blockNumber: 7, logIndex: 1 },
      { name: "b", blockNumber: 7, logIndex: 3 },
      { name: "c", blockNumber: 9, logIndex: 0 },
    ];
    expect(newestFirst(events).map((e) => e.name)).toEqual(["c", "b", "a"]);
  });
});
