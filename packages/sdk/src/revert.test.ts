import { AbiCoder, Interface, id, makeError, parseUnits, toBeHex, ZeroHash, zeroPadValue } from "ethers";
import { describe, expect, it } from "vitest";

import { ContractRevertError, DmexError } from "./errors.js";
import {
  BridgedToken__factory,
  DmexGovernor__factory,
  DmexTimelock__factory,
  HashrateCertificate__factory,
  Marketplace__factory,
  MinerRegistry__factory,
  RiskControlVault__factory,
} from "./generated/typechain/index.js";
import { decodeRevert } from "./revert.js";

const governor = DmexGovernor__factory.createInterface();
const timelock = DmexTimelock__factory.createInterface();
const registry = MinerRegistry__factory.createInterface();
const vault = RiskControlVault__factory.createInterface();
const certificate = HashrateCertificate__factory.createInterface();
const erc20 = BridgedToken__factory.createInterface();
const ACCOUNT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const DMC = (amount: string) => parseUnits(amount, 18);
const bitmap = (...bits: number[]) =>
  zeroPadValue(toBeHex(bits.reduce((acc, bit) => acc | (1n << BigInt(bit)), 0n)), 32);

/** A CALL_EXCEPTION as ethers throws it when estimateGas or a call reverts with `data`. */
function callException(data: string | null) {
  return makeError("execution reverted", "CALL_EXCEPTION", {
    action: "estimateGas",
    data,
    reason: null,
    transaction: { to: ACCOUNT, data: "0x" },
    invocation: null,
    revert: null,
  });
}

function decode(data: string): ContractRevertError {
  const decoded = decodeRevert(callException(data));
  if (!decoded) throw new Error("not decoded");
  return decoded;
}

describe("decodeRevert", () => {
  it("explains a proposer without enough votes, in DMC", () => {
    const error = decode(
      governor.encodeErrorResult("GovernorInsufficientProposerVotes", [ACCOUNT, DMC("1000"), DMC("100000")]),
    );
    expect(error).toBeInstanceOf(ContractRevertError);
    expect(error).toBeInstanceOf(DmexError);
    expect(error.code).toBe("CONTRACT_REVERT");
    expect(error.errorName).toBe("GovernorInsufficientProposerVotes");
    expect(error.contract).toBe("DmexGovernor");
    expect(error.args).toEqual([ACCOUNT, DMC("1000"), DMC("100000")]);
    expect(error.message).toBe("You have 1,000 DMC of votes; proposing needs 100,000 DMC");
  });

  it("names the proposal's state and the states the action needs", () => {
    const id = 101755142061487578312847873165726213106147572559059504259919800151750704740676n;
    const queueing = decode(
      governor.encodeErrorResult("GovernorUnexpectedProposalState", [id, 3, bitmap(4)]),
    );
    expect(queueing.args).toEqual([id, 3n, bitmap(4)]);
    expect(queueing.message).toBe("Proposal 101755…740676 is Defeated; this needs it to be Succeeded");
    const executing = decode(
      governor.encodeErrorResult("GovernorUnexpectedProposalState", [id, 1, bitmap(4, 5)]),
    );
    expect(executing.message).toMatch(/is Active; this needs it to be Succeeded or Queued$/);
  });

  it("dates an expired approval in UTC", () => {
    const expiry = Date.UTC(2026, 0, 31, 12, 30, 5) / 1000;
    const error = decode(registry.encodeErrorResult("MinerRegistry_ApprovalExpired", [ACCOUNT, expiry]));
    expect(error.contract).toBe("MinerRegistry");
    expect(error.args).toEqual([ACCOUNT, BigInt(expiry)]);
    expect(error.message).toBe("The approval expired on 2026-01-31 12:30:05 UTC; apply again");
  });

  it("gives the stake and the requirement in DMC", () => {
    const error = decode(
      registry.encodeErrorResult("MinerRegistry_StakeBelowRequired", [ACCOUNT, DMC("5.5"), DMC("10000")]),
    );
    expect(error.message).toBe("A stake of 5.5 DMC is below the required stake of 10,000 DMC");
  });

  it("says that only the DAO timelock may call an owner function", () => {
    const error = decode(registry.encodeErrorResult("OwnableUnauthorizedAccount", [ACCOUNT]));
    expect(error.errorName).toBe("OwnableUnauthorizedAccount");
    expect(error.message).toMatch(/^Only the DAO timelock can do this/);
    expect(error.message).toContain(ACCOUNT);
  });

  it("names the miner status and the timelock's expected operation state", () => {
    expect(decode(registry.encodeErrorResult("MinerRegistry_InvalidStatus", [ACCOUNT, 5])).message).toBe(
      `Not possible while ${ACCOUNT} is Revoked`,
    );
    const early = decode(
      timelock.encodeErrorResult("TimelockUnexpectedOperationState", [zeroPadValue("0x01", 32), bitmap(2)]),
    );
    expect(early.contract).toBe("DmexTimelock");
    expect(early.message).toBe(
      "The timelock operation is not Ready: wait until the timelock delay has passed",
    );
  });

  it("falls back to Name(args) for other errors", () => {
    const error = decode(registry.encodeErrorResult("MinerRegistry_CapacityBelowUsed", [ACCOUNT, 5, 8]));
    expect(error.errorName).toBe("MinerRegistry_CapacityBelowUsed");
    expect(error.message).toBe(`MinerRegistry_CapacityBelowUsed(${ACCOUNT}, 5, 8)`);
  });

  it("falls back when an error of a known name has another signature", () => {
    const other = new Interface(["error GovernorInsufficientProposerVotes(string why)"]);
    const error = decodeRevert(
      callException(other.encodeErrorResult("GovernorInsufficientProposerVotes", ["no"])),
      { Other: other },
    );
    expect(error?.contract).toBe("Other");
    expect(error?.message).toBe('GovernorInsufficientProposerVotes("no")');
  });

  it("decodes require messages and panics, attributed to no contract", () => {
    const coder = AbiCoder.defaultAbiCoder();
    const message = decode(`0x08c379a0${coder.encode(["string"], ["not allowed"]).slice(2)}`);
    expect(message).toMatchObject({ errorName: "Error", args: ["not allowed"], contract: undefined });
    expect(message.message).toBe("The contract refused: not allowed");
    const panic = decode(`0x4e487b71${coder.encode(["uint256"], [0x11]).slice(2)}`);
    expect(panic).toMatchObject({ errorName: "Panic", args: [17n] });
    expect(panic.message).toBe("The contract failed: panic 0x11 (arithmetic overflow or underflow)");
  });

  it("reports an error no ABI declares by its selector", () => {
    const error = decode("0xdeadbeef0000000000000000000000000000000000000000000000000000000000000001");
    expect(error).toMatchObject({ errorName: "0xdeadbeef", contract: undefined, args: [] });
    expect(error.message).toContain("0xdeadbeef");
  });

  it("attributes an error to the first source that declares it", () => {
    const data = registry.encodeErrorResult("OwnableUnauthorizedAccount", [ACCOUNT]);
    const ownable = new Interface(["error OwnableUnauthorizedAccount(address account)"]);
    expect(decodeRevert(callException(data), { Vault: ownable, MinerRegistry: registry })?.contract).toBe(
      "Vault",
    );
    // A source that does not declare it is skipped.
    expect(decodeRevert(callException(data), { DmexGovernor: governor, Registry: registry })?.contract).toBe(
      "Registry",
    );
  });

  it("finds the revert data inside wrapping errors and the node's JSON-RPC error", () => {
    const data = registry.encodeErrorResult("MinerRegistry_ZeroAmount", []);
    const wrapped = new Error("send failed", { cause: callException(data) });
    expect(decodeRevert(wrapped)?.errorName).toBe("MinerRegistry_ZeroAmount");
    const withoutData = Object.assign(callException(null), {
      info: { error: { code: 3, message: "execution reverted", data } },
    });
    expect(decodeRevert(withoutData)?.message).toBe("The amount must be more than zero");
  });

  it("reports a revert without data as unknown", () => {
    expect(decodeRevert(callException(null))).toMatchObject({
      errorName: "unknown",
      data: null,
      message: "The call reverted without a reason",
    });
  });

  it("leaves errors that are not reverts alone", () => {
    expect(decodeRevert(new Error("socket hang up"))).toBeUndefined();
    expect(
      decodeRevert(
        makeError("user rejected", "ACTION_REJECTED", { action: "sendTransaction", reason: "rejected" }),
      ),
    ).toBeUndefined();
    const decoded = decode(registry.encodeErrorResult("MinerRegistry_ZeroAmount", []));
    expect(decodeRevert(decoded)).toBe(decoded);
  });
});

describe("decodeRevert for the vault", () => {
  const TOKEN = (4n << 32n) | 2n; // certificate #2 of offering #4
  const DAY = 20_454; // 2026-01-01

  it("names offerings, certificates, days and statuses", () => {
    const frozen = decode(vault.encodeErrorResult("RiskControlVault_InvalidStatus", [4, 2]));
    expect(frozen).toMatchObject({
      errorName: "RiskControlVault_InvalidStatus",
      contract: "RiskControlVault",
    });
    expect(frozen.message).toBe(
      "Not possible while offering #4 is Frozen (flagged: until the DAO resumes or terminates it)",
    );
    expect(decode(vault.encodeErrorResult("RiskControlVault_InvalidStatus", [4, 3])).message).toBe(
      "Not possible while offering #4 is Terminated",
    );
    expect(decode(vault.encodeErrorResult("RiskControlVault_NotOwner", [TOKEN, ACCOUNT])).message).toBe(
      `${ACCOUNT} does not own certificate #2 of offering #4`,
    );
    expect(decode(vault.encodeErrorResult("RiskControlVault_NotFlaggable", [4])).message).toBe(
      "Offering #4 cannot be flagged: its miner is not a whole flag window of days behind (days not delivered at the threshold)",
    );
    expect(decode(vault.encodeErrorResult("RiskControlVault_DayNotEnded", [DAY, DAY])).message).toBe(
      "Day 2026-01-01 has not ended (today is day 2026-01-01): yield is deposited for ended days",
    );
    expect(
      decode(vault.encodeErrorResult("RiskControlVault_SalesClosed", [4, DAY + 30, DAY + 30])).message,
    ).toBe("The term of offering #4 is over (its last day was 2026-01-30): nothing more can be sold");
    expect(decode(vault.encodeErrorResult("RiskControlVault_MinerNotActive", [ACCOUNT, 4])).message).toBe(
      `${ACCOUNT} is Suspended in the registry: only Active (approved and staked) miners create offerings and sell units`,
    );
    expect(decode(vault.encodeErrorResult("RiskControlVault_InvalidSplit", [TOKEN, 10, 10])).message).toBe(
      "Certificate #2 of offering #4 has 10 units: split off 1 to 9, not 10",
    );
    expect(decode(vault.encodeErrorResult("RiskControlVault_NoTokens", [])).message).toBe(
      "Name at least one certificate",
    );
  });

  it("explains the vault's roles and pause", () => {
    const role = (name: string) => id(name);
    expect(
      decode(vault.encodeErrorResult("AccessControlUnauthorizedAccount", [ACCOUNT, role("MARKETPLACE_ROLE")]))
        .message,
    ).toBe(`Only the marketplace (MARKETPLACE_ROLE) records primary sales (${ACCOUNT} lacks the role)`);
    const admin = decode(vault.encodeErrorResult("AccessControlUnauthorizedAccount", [ACCOUNT, ZeroHash]));
    // AccessControl errors are shared: by default the first ABI (the timelock's) names them; the vault's
    // helpers put the vault first.
    expect(admin.contract).toBe("DmexTimelock");
    expect(admin.message).toBe(
      `Only the DAO timelock can do this: propose it to the DAO (${ACCOUNT} lacks the role)`,
    );
    const other = role("SOMETHING_ELSE").toLowerCase();
    expect(
      decode(vault.encodeErrorResult("AccessControlUnauthorizedAccount", [ACCOUNT, other])).message,
    ).toBe(`${ACCOUNT} lacks the role ${other}`);
    expect(decode(vault.encodeErrorResult("EnforcedPause", [])).message).toMatch(/^The vault is paused/);
    expect(decode(certificate.encodeErrorResult("TokenDoesNotExist", [])).message).toBe(
      "There is no such certificate (never minted, or burned)",
    );
  });

  it("formats ERC-20 amounts in the token named by the context, DMC otherwise", () => {
    const data = erc20.encodeErrorResult("ERC20InsufficientBalance", [ACCOUNT, 1_500_000n, 3_000_000_000n]);
    const usdc = decodeRevert(callException(data), undefined, { token: { symbol: "USDC", decimals: 6 } });
    expect(usdc?.message).toBe(`${ACCOUNT} has 1.5 USDC; this needs 3,000 USDC`);
    expect(decode(data).message).toBe(`${ACCOUNT} has 0 DMC; this needs 0 DMC`);
  });
});

describe("decodeRevert for the marketplace", () => {
  const market = Marketplace__factory.createInterface();
  const TOKEN = (4n << 32n) | 2n; // certificate #2 of offering #4
  const USDC = { token: { symbol: "USDC", decimals: 6 } };
  const when = Date.UTC(2026, 0, 31, 12, 0, 0) / 1000;
  const data = (name: string, args: readonly unknown[]) => market.encodeErrorResult(name, args);
  const decodeMarket = (name: string, args: readonly unknown[], context = {}) => {
    const decoded = decodeRevert(callException(data(name, args)), { Marketplace: market }, context);
    if (!decoded) throw new Error("not decoded");
    return decoded;
  };

  it("has a sentence for every Marketplace_ error of the ABI", () => {
    const names: string[] = [];
    market.forEachError((fragment) => {
      if (!fragment.name.startsWith("Marketplace_")) return;
      names.push(fragment.name);
      const args = fragment.inputs.map((input) =>
        input.type === "address" ? ACCOUNT : input.type === "bool" ? false : 1n,
      );
      const error = decodeMarket(fragment.name, args);
      expect(error.contract).toBe("Marketplace");
      expect(error.message, fragment.name).not.toMatch(new RegExp(`^${fragment.name}\\(`));
    });
    expect(names.length).toBeGreaterThanOrEqual(31);
  });

  it("words prices in the payment token and names listings, auctions, offers and certificates", () => {
    expect(
      decodeMarket("Marketplace_PriceAboveMax", [9n, 1_100_000_000n, 1_000_000_000n], USDC).message,
    ).toBe(
      "Listing #9 now costs 1,100 USDC, more than your limit of 1,000 USDC (its seller changed the price)",
    );
    expect(decodeMarket("Marketplace_PriceAboveMax", [9n, 11n, 10n]).message).toBe(
      "Listing #9 now costs 11 (smallest token units), more than your limit of 10 (smallest token units) (its seller changed the price)",
    );
    expect(decodeMarket("Marketplace_BidTooLow", [1n, 800_000_002n, 840_000_002n], USDC).message).toBe(
      "A bid of 800.000002 USDC is too low for auction #1: bid at least 840.000002 USDC",
    );
    expect(decodeMarket("Marketplace_ListingExpired", [3n, when]).message).toBe(
      "Listing #3 expired on 2026-01-31 12:00:00 UTC",
    );
    expect(decodeMarket("Marketplace_AuctionNotEnded", [2n, when]).message).toBe(
      "Auction #2 runs until 2026-01-31 12:00:00 UTC: settle it after that",
    );
    expect(decodeMarket("Marketplace_NotApproved", [TOKEN, ACCOUNT]).message).toBe(
      `${ACCOUNT} has not approved the marketplace to move certificate #2 of offering #4: approve it (or all its certificates) first`,
    );
    expect(decodeMarket("Marketplace_OfferMismatch", [5n, TOKEN]).message).toBe(
      "Offer #5 is not for certificate #2 of offering #4",
    );
    expect(decodeMarket("Marketplace_DurationOutOfBounds", [600n, 3_600n, 2_592_000n]).message).toBe(
      "An auction runs 1 h to 30 days from its first bid, not 10 min",
    );
    expect(decodeMarket("Marketplace_FeeAboveCap", [1_250n, 1_000n]).message).toBe(
      "A fee of 12.5% is above its cap of 10%",
    );
    expect(decodeMarket("Marketplace_IncrementOutOfBounds", [0n, 5_000n]).message).toBe(
      "The minimum bid increment must be 0.01% to 50%, not 0%",
    );
  });

  it("says why a primary purchase is refused", () => {
    expect(
      decodeMarket("Marketplace_PrimaryPriceAboveMax", [4n, 1_100_000_000n, 1_000_000_000n], USDC).message,
    ).toBe("Those units of offering #4 cost 1,100 USDC, more than your limit of 1,000 USDC");
    const other = "0x0000000000000000000000000000000000000001";
    expect(decodeMarket("Marketplace_WrongPaymentToken", [4n, other, ACCOUNT]).message).toBe(
      `Offering #4 sells in its payment token ${ACCOUNT}, not ${other}: a primary sale must be paid in it`,
    );
    const sale = (name: string, args: readonly unknown[]) =>
      decode(vault.encodeErrorResult(name, args)).message;
    expect(sale("RiskControlVault_SaleNotOpen", [4n, when, when + 86_400, false])).toBe(
      "Offering #4 sells units from 2026-01-31 12:00:00 UTC until 2026-02-01 12:00:00 UTC, not now",
    );
    expect(sale("RiskControlVault_SaleNotOpen", [4n, when, when + 86_400, true])).toBe(
      "The sale of offering #4 is closed: its unsold units went back to the miner",
    );
    expect(sale("RiskControlVault_SaleNotEnded", [4n, when])).toBe(
      "The sale of offering #4 runs until 2026-01-31 12:00:00 UTC: only its miner can close it before then",
    );
    expect(sale("RiskControlVault_BelowMinLot", [4n, 2n, 5n])).toBe(
      "Offering #4 sells at least 5 units at a time, not 2",
    );
    expect(sale("RiskControlVault_UnitsUnavailable", [4n, 30n, 12n])).toBe(
      "Offering #4 has 12 units available, not 30",
    );
    expect(sale("RiskControlVault_InvalidSaleTerms", [])).toMatch(/^Invalid sale terms: the price per unit/);
  });

  it("tells the marketplace's pause from the vault's by the contract that declares it", () => {
    const paused = market.encodeErrorResult("EnforcedPause", []);
    const marketFirst = decodeRevert(callException(paused), { Marketplace: market, RiskControlVault: vault });
    expect(marketFirst?.message).toMatch(/^The marketplace is paused for an emergency/);
    // By default the vault comes first among the DMEX ABIs.
    expect(decode(paused).message).toMatch(/^The vault is paused/);
  });
});
