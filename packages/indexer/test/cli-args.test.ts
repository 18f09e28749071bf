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
        "--graft-base",
        "base.sqlite",
        "--ipfs",
        "http://127.0.0.1:8080",
        "--arweave",
        "https://arweave.net",
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
      graftBase: "base.sqlite",
      ipfs: "http://127.0.0.1:8080",
      arweave: "https://arweave.net",
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
      graftBase: null,
      ipfs: null,
      arweave: null,
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
    [["start", "--subgraph"], "start: --subgraph needs a value"],
    [["start", "--subgraph", "--rpc", "http://x"], "start: --subgraph needs a value"],
    [["start", "--subgraph=", "--rpc", "http://x"], "start: --subgraph needs a value"],
    [["start", "--subgraph", "a", "--subgraph", "b"], "start: --subgraph given twice"],
    [["start", "sg"], 'start: unexpected argument "sg"'],
    [
      ["start", "--graph", "x"],
      "start: unknown option --graph (known: --subgraph, --rpc, --db, --port, --host, --name, --confirmations, --poll-interval, --status-port, --max-depth, --max-complexity, --max-first, --max-skip, --max-filter-terms, --max-tokens, --query-timeout, --handler-timeout, --block-retention, --graft-base, --ipfs, --arweave)",
    ],
    [["reset"], "reset: --db <path> is required"],
    [["reset", "--db", "a", "--port", "1"], "reset: unknown option --port (known: --db)"],
    [["deploy"], 'unknown command "deploy" (expected start or reset)'],
  ])("rejects %j: %s", (argv, message) => {
    expect(usage(argv)).toBe(message);
  });

  const base = ["start", "--subgraph", "s", "--rpc", "http://x"];
  const numericFlags: [flag: string, min: number][] = [
    ["port", 0],
    ["status-port", 0],
    ["confirmations", 0],
    ["poll-interval", 1],
    ["max-depth", 1],
    ["max-complexity", 1],
    ["max-first", 1],
    ["max-skip", 0],
    ["max-filter-terms", 1],
    ["max-tokens", 1],
    ["query-timeout", 1],
    ["handler-timeout", 1],
    ["block-retention", 1],
  ];

  it("knows every numeric option this test checks", () => {
    const known = usage([...base, "--nope", "1"]);
    const listed = [...known.matchAll(/--([a-z-]+)/g)].map((m) => m[1]);
    const stringOptions = ["nope", "subgraph", "rpc", "db", "host", "name", "graft-base", "ipfs", "arweave"];
    expect(listed.filter((f) => f !== undefined && !stringOptions.includes(f)).sort()).toEqual(
      numericFlags.map(([flag]) => flag).sort(),
    );
  });

  it.each(
    numericFlags.flatMap(([flag, min]) =>
      ["-1", "1.5", "1e3", "0x10", "12abc", "99999999999999999999"].map(
        (value) => [flag, min, value] as const,
      ),
    ),
  )("refuses --%s with a value that is no whole number ≥ %i: %s", (flag, min, value) => {
    expect(usage([...base, `--${flag}`, value])).toBe(
      `start: --${flag} must be a whole number ≥ ${min}, got "${value}"`,
    );
    expect(usage([...base, `--${flag}=${value}`])).toBe(
      `start: --${flag} must be a whole number ≥ ${min}, got "${value}"`,
    );
  });

  it.each([
    ["handler-timeout", "no time limit is the default: leave the option out"],
    ["poll-interval", "0 would ask the node for new blocks without pause"],
    ["query-timeout", "0 would time every query out"],
    ["max-depth", "0 would refuse every query"],
    ["max-complexity", "0 would refuse every query"],
    ["max-tokens", "0 would refuse every query"],
    ["max-first", "0 would refuse every list field"],
    ["max-filter-terms", "0 would refuse every `where`"],
    ["block-retention", "only the head's pointer would be kept: every reorg would fail the subgraph"],
  ])("refuses --%s 0, saying why", (flag, why) => {
    expect(usage([...base, `--${flag}`, "0"])).toBe(`start: --${flag} must be at least 1, got 0 (${why})`);
  });

  it("accepts 0 where it means something (a free port, no confirmations, no skip) and the largest timers", () => {
    expect(
      parseArgs([
        ...base,
        "--port=0",
        "--status-port=0",
        "--confirmations=0",
        "--max-skip=0",
        "--poll-interval=2147483647",
        "--handler-timeout=2147483647",
      ]),
    ).toMatchObject({
      port: 0,
      statusPort: 0,
      confirmations: 0,
      queryLimits: { maxSkip: 0 },
      pollIntervalMs: 2147483647,
      handlerTimeoutMs: 2147483647,
    });
  });

  it.each([
    [
      "poll-interval",
      "2147483648",
      "start: --poll-interval must be at most 2147483647, got 2147483648 (Node's timers stop there)",
    ],
    [
      "handler-timeout",
      "2147483648",
      "start: --handler-timeout must be at most 2147483647, got 2147483648 (Node's timers stop there)",
    ],
    ["port", "65536", "start: --port must be at most 65535, got 65536"],
  ])("refuses --%s above its largest value", (flag, value, message) => {
    expect(usage([...base, `--${flag}`, value])).toBe(message);
  });
});
