import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../src/cli-args.js";

const usage = (argv: string[]) => {
  try {
    parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`accepted: ${argv.join(" ")}`);
};

describe("parseArgs", () => {
  it("parses start with every option, in both --key value and --key=value forms", () => {
    expect(
      parseArgs([
        "start",
        "--subgraph",
        "./sg",
        "--rpc=http://127.0.0.1:8545",
        "--db",
        "x.sqlite",
        "--port",
        "0",
        "--host",
        "0.0.0.0",
        "--name",
        "me/token",
        "--confirmations=3",
        "--poll-interval",
        "250",
        "--status-port=0",
        "--max-depth",
        "10",
        "--max-complexity",
        "5000",
        "--max-first",
        "50",
        "--max-skip",
        "60",
        "--max-filter-terms",
        "70",
        "--max-tokens",
        "90",
        "--query-timeout",
        "800",
        "--handler-timeout",
        "5000",
        "--block-retention",
        "64",
      ]),
    ).toEqual({
      command: "start",
      subgraph: "./sg",
      rpc: "http://127.0.0.1:8545",
      db: "x.sqlite",
      port: 0,
      host: "0.0.0.0",
      name: "me/token",
      confirmations: 3,
      pollIntervalMs: 250,
      statusPort: 0,
      queryLimits: {
        maxDepth: 10,
        maxComplexity: 5000,
        maxFirst: 50,
        maxSkip: 60,
        maxFilterTerms: 70,
        maxTokens: 90,
        timeoutMs: 800,
      },
      handlerTimeoutMs: 5000,
      blockRetention: 64,
    });
  });

  it("leaves unset options null for the caller's defaults", () => {
    expect(parseArgs(["start", "--subgraph", "s", "--rpc", "https://rpc.example"])).toMatchObject({
      db: null,
      port: null,
      name: null,
      confirmations: null,
      statusPort: null,
      queryLimits: {},
      handlerTimeoutMs: null,
      blockRetention: null,
    });
  });

  it("parses reset and help", () => {
    expect(parseArgs(["reset", "--db", "a.sqlite"])).toEqual({ command: "reset", db: "a.sqlite" });
    expect(parseArgs([])).toEqual({ command: "help" });
    expect(parseArgs(["--help"])).toEqual({ command: "help" });
    expect(parseArgs(["start", "-h"])).toEqual({ command: "help" });
  });

  it.each([
    [["start", "--rpc", "http://x"], "start: --subgraph <dir or subgraph.yaml> is required"],
    [["start", "--subgraph", "s"], "start: --rpc <url> is required"],
    [
      ["start", "--subgraph", "s", "--rpc", "localhost:8545"],
      'start: --rpc must be an http(s) URL, got "localhost:8545"',
    ],
    [
      ["start", "--subgraph", "s", "--rpc", "ws://x"],
      'start: --rpc must be an http(s) URL, got "ws://x" (websockets are not supported)',
    ],
    [
      ["start", "--subgraph", "s", "--rpc", "http://x", "--port", "http"],
      'start: --port must be a whole number ≥ 0, got "http"',
    ],
    [
      ["start", "--subgraph", "s", "--rpc", "http://x", "--port", "70000"],
      "start: --port must be at most 65535, got 70000",
    ],
    [
      ["start", "--subgraph", "s", "--rpc", "http://x", "--status-port", "70000"],
      "start: --status-port must be at most 65535, got 70000",
    ],
    [
      ["start", "--subgraph", "s", "--rpc", "http://x", "--confirmations", "-1"],
      'start: --confirmations must be a whole number ≥ 0, got "-1"',
    ],
    [
      ["start", "--subgraph", "s", "--rpc", "http://x", "--confirmations", "1.5"],
      'start: --confirmations must be a whole number ≥ 0, got "1.5"',
    ],
    [
      ["start", "--subgraph", "s", "--rpc", "http://x", "--name", "a b"],
      'start: --name may hold letters, digits, "-", "_" and "/" between parts, got "a b"',
    ],
    [
      ["start", "--subgraph", "s", "--rpc", "http://x", "--block-retention", "0"],
      "start: --block-retention must be at least 1, got 0 (only the head's pointer would be kept: every reorg would fail the subgraph)",
    ],
    [["start", "--subgraph"], "start: --subgraph needs a value"],
    [["start", "--subgraph", "--rpc", "http://x"], "start: --subgraph needs a value"],
    [["start", "--subgraph=", "--rpc", "http://x"], "start: --subgraph needs a value"],
    [["start", "--subgraph", "a", "--subgraph", "b"], "start: --subgraph given twice"],
    [["start", "sg"], 'start: unexpected argument "sg"'],
    [
      ["start", "--graph", "x"],
      "start: unknown option --graph (known: --subgraph, --rpc, --db, --port, --host, --name, --confirmations, --poll-interval, --status-port, --max-depth, --max-complexity, --max-first, --max-skip, --max-filter-terms, --max-tokens, --query-timeout, --handler-timeout, --block-retention)",
    ],
    [["reset"], "reset: --db <path> is required"],
    [["reset", "--db", "a", "--port", "1"], "reset: unknown option --port (known: --db)"],
    [["deploy"], 'unknown command "deploy" (expected start or reset)'],
  ])("rejects %j: %s", (argv, message) => {
    expect(usage(argv)).toBe(message);
  });
});
