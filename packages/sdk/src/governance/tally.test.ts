// Tally indexes an OpenZeppelin Governor by the functions and events below (and reads the token for
// delegation): a change of name, parameter type, return type, mutability or `indexed` flag in the generated
// ABIs breaks the DAO's page on Tally. The expected shapes are OpenZeppelin 5's IGovernor, Governor
// extensions and IVotes.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

interface AbiParam {
  readonly type: string;
  readonly indexed?: boolean;
  readonly components?: readonly AbiParam[];
}
interface AbiEntry {
  readonly type: string;
  readonly name?: string;
  readonly inputs?: readonly AbiParam[];
  readonly outputs?: readonly AbiParam[];
  readonly stateMutability?: string;
  readonly anonymous?: boolean;
}

/** `name(types) -> returns [mutability]`; reads are "read" (view or pure: Tally only calls them). */
interface ExpectedFunction {
  readonly signature: string;
  readonly returns: string;
  readonly mutability: "read" | "nonpayable" | "payable";
}
/** Event signature with `indexed` where OpenZeppelin declares it. */
type ExpectedEvent = string;

const GOVERNOR_FUNCTIONS: readonly ExpectedFunction[] = [
  { signature: "votingDelay()", returns: "uint256", mutability: "read" },
  { signature: "votingPeriod()", returns: "uint256", mutability: "read" },
  { signature: "quorum(uint256)", returns: "uint256", mutability: "read" },
  { signature: "quorumNumerator()", returns: "uint256", mutability: "read" },
  { signature: "quorumDenominator()", returns: "uint256", mutability: "read" },
  { signature: "proposalThreshold()", returns: "uint256", mutability: "read" },
  { signature: "state(uint256)", returns: "uint8", mutability: "read" },
  { signature: "getVotes(address,uint256)", returns: "uint256", mutability: "read" },
  { signature: "propose(address[],uint256[],bytes[],string)", returns: "uint256", mutability: "nonpayable" },
  { signature: "queue(address[],uint256[],bytes[],bytes32)", returns: "uint256", mutability: "nonpayable" },
  { signature: "execute(address[],uint256[],bytes[],bytes32)", returns: "uint256", mutability: "payable" },
  { signature: "cancel(address[],uint256[],bytes[],bytes32)", returns: "uint256", mutability: "nonpayable" },
  { signature: "castVote(uint256,uint8)", returns: "uint256", mutability: "nonpayable" },
  { signature: "castVoteWithReason(uint256,uint8,string)", returns: "uint256", mutability: "nonpayable" },
  { signature: "castVoteBySig(uint256,uint8,address,bytes)", returns: "uint256", mutability: "nonpayable" },
  { signature: "CLOCK_MODE()", returns: "string", mutability: "read" },
  { signature: "clock()", returns: "uint48", mutability: "read" },
  { signature: "COUNTING_MODE()", returns: "string", mutability: "read" },
  { signature: "hasVoted(uint256,address)", returns: "bool", mutability: "read" },
  { signature: "proposalVotes(uint256)", returns: "uint256,uint256,uint256", mutability: "read" },
  { signature: "proposalSnapshot(uint256)", returns: "uint256", mutability: "read" },
  { signature: "proposalDeadline(uint256)", returns: "uint256", mutability: "read" },
  { signature: "proposalEta(uint256)", returns: "uint256", mutability: "read" },
  { signature: "timelock()", returns: "address", mutability: "read" },
];

const GOVERNOR_EVENTS: readonly ExpectedEvent[] = [
  "ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)",
  "ProposalQueued(uint256,uint256)",
  "ProposalExecuted(uint256)",
  "ProposalCanceled(uint256)",
  "VoteCast(address indexed,uint256,uint8,uint256,string)",
  "VoteCastWithParams(address indexed,uint256,uint8,uint256,string,bytes)",
  "VotingDelaySet(uint256,uint256)",
  "VotingPeriodSet(uint256,uint256)",
  "ProposalThresholdSet(uint256,uint256)",
  "QuorumNumeratorUpdated(uint256,uint256)",
  "TimelockChange(address,address)",
  "ProposalExtended(uint256 indexed,uint64)",
];

const TOKEN_FUNCTIONS: readonly ExpectedFunction[] = [
  { signature: "delegate(address)", returns: "", mutability: "nonpayable" },
  {
    signature: "delegateBySig(address,uint256,uint256,uint8,bytes32,bytes32)",
    returns: "",
    mutability: "nonpayable",
  },
  { signature: "getVotes(address)", returns: "uint256", mutability: "read" },
  { signature: "getPastVotes(address,uint256)", returns: "uint256", mutability: "read" },
];

const TOKEN_EVENTS: readonly ExpectedEvent[] = [
  "DelegateChanged(address indexed,address indexed,address indexed)",
  "DelegateVotesChanged(address indexed,uint256,uint256)",
];

function readAbi(contract: string): readonly AbiEntry[] {
  const path = fileURLToPath(new URL(`../generated/abis/${contract}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as AbiEntry[];
}

function paramType(param: AbiParam): string {
  // Tuples are written out as their components, as in a selector.
  if (param.type.startsWith("tuple")) {
    return `(${(param.components ?? []).map(paramType).join(",")})${param.type.slice("tuple".length)}`;
  }
  return param.type;
}

function functionSignature(entry: AbiEntry): string {
  return `${entry.name}(${(entry.inputs ?? []).map(paramType).join(",")})`;
}

function eventSignature(entry: AbiEntry): string {
  const params = (entry.inputs ?? []).map((input) => `${paramType(input)}${input.indexed ? " indexed" : ""}`);
  return `${entry.name}(${params.join(",")})`;
}

/** What is wrong with the ABI's functions against `expected`; empty when everything matches. */
function functionProblems(abi: readonly AbiEntry[], expected: readonly ExpectedFunction[]): string[] {
  const functions = abi.filter((entry) => entry.type === "function");
  const problems: string[] = [];
  for (const want of expected) {
    const entry = functions.find((candidate) => functionSignature(candidate) === want.signature);
    if (!entry) {
      const name = want.signature.slice(0, want.signature.indexOf("("));
      const found = functions.filter((candidate) => candidate.name === name).map(functionSignature);
      problems.push(`${want.signature} is missing${found.length ? ` (found ${found.join(", ")})` : ""}`);
      continue;
    }
    const returns = (entry.outputs ?? []).map(paramType).join(",");
    if (returns !== want.returns)
      problems.push(`${want.signature} returns (${returns}), not (${want.returns})`);
    const mutability =
      entry.stateMutability === "view" || entry.stateMutability === "pure" ? "read" : entry.stateMutability;
    if (mutability !== want.mutability) {
      problems.push(`${want.signature} is ${entry.stateMutability}, not ${want.mutability}`);
    }
  }
  return problems;
}

/** What is wrong with the ABI's events against `expected` (types and `indexed` flags). */
function eventProblems(abi: readonly AbiEntry[], expected: readonly ExpectedEvent[]): string[] {
  const events = abi.filter((entry) => entry.type === "event");
  const problems: string[] = [];
  for (const want of expected) {
    const name = want.slice(0, want.indexOf("("));
    const matching = events.filter((candidate) => candidate.name === name);
    const entry = matching.find((candidate) => eventSignature(candidate) === want);
    if (!entry) {
      const found = matching.map(eventSignature);
      problems.push(`event ${want} is missing${found.length ? ` (found ${found.join(", ")})` : ""}`);
    } else if (entry.anonymous) {
      problems.push(`event ${want} is anonymous`);
    }
  }
  return problems;
}

describe("Tally compatibility of the generated ABIs", () => {
  const governor = readAbi("DmexGovernor");
  const token = readAbi("DmcToken");

  it("the Governor has every function Tally calls, with OpenZeppelin's signature and return types", () => {
    expect(functionProblems(governor, GOVERNOR_FUNCTIONS)).toEqual([]);
  });

  it("the Governor emits every event Tally indexes, with OpenZeppelin's types and indexed flags", () => {
    expect(eventProblems(governor, GOVERNOR_EVENTS)).toEqual([]);
  });

  it("the token has the delegation functions and events Tally uses", () => {
    expect(functionProblems(token, TOKEN_FUNCTIONS)).toEqual([]);
    expect(eventProblems(token, TOKEN_EVENTS)).toEqual([]);
  });

  it("the checks catch a changed ABI (so that the tests above are not vacuous)", () => {
    const changed = governor
      .filter((entry) => entry.name !== "timelock")
      .map((entry): AbiEntry => {
        if (entry.type === "function" && entry.name === "state")
          return { ...entry, outputs: [{ type: "uint256" }] };
        if (entry.type === "function" && entry.name === "castVoteBySig") {
          return { ...entry, inputs: (entry.inputs ?? []).slice(0, 3) };
        }
        if (entry.type === "event" && entry.name === "VoteCast") {
          return { ...entry, inputs: (entry.inputs ?? []).map((input) => ({ ...input, indexed: false })) };
        }
        if (entry.type === "function" && entry.name === "execute")
          return { ...entry, stateMutability: "nonpayable" };
        return entry;
      });
    expect(functionProblems(changed, GOVERNOR_FUNCTIONS)).toEqual([
      "state(uint256) returns (uint256), not (uint8)",
      "execute(address[],uint256[],bytes[],bytes32) is nonpayable, not payable",
      "castVoteBySig(uint256,uint8,address,bytes) is missing (found castVoteBySig(uint256,uint8,address))",
      "timelock() is missing",
    ]);
    expect(eventProblems(changed, GOVERNOR_EVENTS)).toEqual([
      "event VoteCast(address indexed,uint256,uint8,uint256,string) is missing (found VoteCast(address,uint256,uint8,uint256,string))",
    ]);
  });
});
