import { DEFAULT_QUERY_LIMITS, type QueryLimits } from "./graphql/limits.js";
import { NUMERIC_BOUNDS, type NumericOption, numericProblem } from "./numeric-options.js";

/** A command line the CLI cannot run; the message says what to change. Exit code 2, like other CLIs. */

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface StartCommand {
  readonly command: "start";
  readonly subgraph: string;
  readonly rpc: string;
  readonly db: string | null;
  readonly port: number | null;
  readonly host: string | null;
  readonly name: string | null;
  readonly confirmations: number | null;
  readonly pollIntervalMs: number | null;
  readonly statusPort: number | null;
  /** Only the limits given on the command line. */
  readonly queryLimits: Partial<QueryLimits>;
  readonly handlerTimeoutMs: number | null;
  readonly blockRetention: number | null;
  /** The graft base's database, for a manifest with `graft:`. */
  readonly graftBase: string | null;
  /** Gateways for `file/ipfs` and `file/arweave` data sources. */
  readonly ipfs: string | null;
  readonly arweave: string | null;
}

export interface ResetCommand {
  readonly command: "reset";
  readonly db: string;
}

export interface HelpCommand {
  readonly command: "help";
}

export type Command = StartCommand | ResetCommand | HelpCommand;

export const USAGE = `Usage:
  dmex-indexer start --subgraph <dir or subgraph.yaml> --rpc <url> [options]
  dmex-indexer reset --db <path>

Runs a \`graph build\` output against an EVM JSON-RPC node and serves The Graph's GraphQL API.

start options:
  --subgraph <path>        the subgraph's directory, its build/ directory or build/subgraph.yaml (required)
  --rpc <url>              http(s) JSON-RPC endpoint (required)
  --db <path>              database file (default: ./.dmex-indexer/<name>.sqlite)
  --port <n>               GraphQL port (default: 8000; 0 picks a free one)
  --host <addr>            address to listen on (default: 127.0.0.1)
  --name <name>            subgraph name in the URL /subgraphs/name/<name> (default: the directory's name)
  --confirmations <n>      blocks to stay behind the head (default: 0)
  --poll-interval <ms>     how often to ask for new blocks once synced (default: 1000)
  --status-port <n>        index-node status API port, served at /graphql (default: 8030; 0 picks a free one)
  --block-retention <n>    blocks below the head whose pointers are kept to revert reorgs (default: 10000);
                           a deeper reorg fails the subgraph
  --graft-base <path>      the database of the deployment the manifest's \`graft:\` grafts onto (required to
                           start a grafted subgraph; its data up to graft.block is copied, then indexing goes on)
  --ipfs <url>             IPFS gateway for file/ipfs data sources (required by them), e.g. http://127.0.0.1:8080;
                           every block is verified against its CID
  --arweave <url>          Arweave gateway for file/arweave data sources (required by them), e.g. https://arweave.net

query limits (graph-node's environment variable in brackets):
  --max-depth <n>          deepest field nesting (default: 255) [GRAPH_GRAPHQL_MAX_DEPTH]
  --max-complexity <n>     most entities a query may potentially return (default: unlimited) [GRAPH_GRAPHQL_MAX_COMPLEXITY]
  --max-first <n>          largest \`first\` (default: 1000) [GRAPH_GRAPHQL_MAX_FIRST]
  --max-skip <n>           largest \`skip\` (default: 5000) [GRAPH_GRAPHQL_MAX_SKIP]
  --max-filter-terms <n>   most conditions in one \`where\` (default: 500) [none: SQLite's limit]
  --max-tokens <n>         most tokens in one query; parsing stops there (default: 5000) [none]
  --query-timeout <ms>     time one query may run (default: 10000) [GRAPH_GRAPHQL_QUERY_TIMEOUT, in s]
  --handler-timeout <ms>   fail the subgraph when a handler runs longer (default: none; costs speed)

reset options:
  --db <path>              database file to delete, with its -wal and -shm files (required)
`;

/** A string option, or a numeric one by the library option it sets (its bounds: numeric-options.ts). */
type OptionKind = "string" | NumericOption;

const START_OPTIONS: Readonly<Record<string, OptionKind>> = {
  subgraph: "string",
  rpc: "string",
  db: "string",
  port: "port",
  host: "string",
  name: "string",
  confirmations: "confirmations",
  "poll-interval": "pollIntervalMs",
  "status-port": "statusPort",
  "max-depth": "maxDepth",
  "max-complexity": "maxComplexity",
  "max-first": "maxFirst",
  "max-skip": "maxSkip",
  "max-filter-terms": "maxFilterTerms",
  "max-tokens": "maxTokens",
  "query-timeout": "timeoutMs",
  "handler-timeout": "handlerTimeoutMs",
  "block-retention": "blockRetention",
  "graft-base": "string",
  ipfs: "string",
  arweave: "string",
};

function isQueryLimit(kind: OptionKind): kind is keyof QueryLimits {
  return kind in DEFAULT_QUERY_LIMITS;
}

const RESET_OPTIONS: Readonly<Record<string, OptionKind>> = { db: "string" };

function parseOptions(command: string, args: readonly string[], spec: Readonly<Record<string, OptionKind>>) {
  const values = new Map<string, string | number>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (!arg.startsWith("--")) throw new UsageError(`${command}: unexpected argument "${arg}"`);
    const eq = arg.indexOf("=");
    const key = arg.slice(2, eq === -1 ? undefined : eq);
    const kind = spec[key];
    if (kind === undefined) {
      const known = Object.keys(spec)
        .map((k) => `--${k}`)
        .join(", ");
      throw new UsageError(`${command}: unknown option --${key} (known: ${known})`);
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      if (value === undefined || value.startsWith("--"))
        throw new UsageError(`${command}: --${key} needs a value`);
      i++;
    }
    if (values.has(key)) throw new UsageError(`${command}: --${key} given twice`);
    if (value === "") throw new UsageError(`${command}: --${key} needs a value`);
    if (kind === "string") {
      values.set(key, value);
      continue;
    }
    const min = NUMERIC_BOUNDS[kind].min;
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
      throw new UsageError(`${command}: --${key} must be a whole number ≥ ${min}, got "${value}"`);
    }
    const problem = numericProblem(kind, Number(value));
    if (problem !== null) throw new UsageError(`${command}: --${key} ${problem}`);
    values.set(key, Number(value));
  }
  return values;
}

function str(values: Map<string, string | number>, key: string): string | null {
  const v = values.get(key);
  return typeof v === "string" ? v : null;
}

function int(values: Map<string, string | number>, key: string): number | null {
  const v = values.get(key);
  return typeof v === "number" ? v : null;
}

/** Parses `argv` without the node and script entries. */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    return { command: "help" };
  }
  if (rest.includes("--help") || rest.includes("-h")) return { command: "help" };
  if (command === "start") {
    const values = parseOptions("start", rest, START_OPTIONS);
    const subgraph = str(values, "subgraph");
    const rpc = str(values, "rpc");
    if (subgraph === null) throw new UsageError("start: --subgraph <dir or subgraph.yaml> is required");
    if (rpc === null) throw new UsageError("start: --rpc <url> is required");
    let url: URL;
    try {
      url = new URL(rpc);
    } catch {
      throw new UsageError(`start: --rpc must be an http(s) URL, got "${rpc}"`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      const why = url.protocol === "ws:" || url.protocol === "wss:" ? " (websockets are not supported)" : "";
      throw new UsageError(`start: --rpc must be an http(s) URL, got "${rpc}"${why}`);
    }
    const queryLimits: Partial<Record<keyof QueryLimits, number>> = {};
    for (const [option, kind] of Object.entries(START_OPTIONS)) {
      const value = int(values, option);
      if (value !== null && isQueryLimit(kind)) queryLimits[kind] = value;
    }
    const name = str(values, "name");
    if (name !== null && !/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(name)) {
      throw new UsageError(
        `start: --name may hold letters, digits, "-", "_" and "/" between parts, got "${name}"`,
      );
    }
    return {
      command: "start",
      subgraph,
      rpc,
      db: str(values, "db"),
      port: int(values, "port"),
      host: str(values, "host"),
      name,
      confirmations: int(values, "confirmations"),
      pollIntervalMs: int(values, "poll-interval"),
      statusPort: int(values, "status-port"),
      queryLimits,
      handlerTimeoutMs: int(values, "handler-timeout"),
      blockRetention: int(values, "block-retention"),
      graftBase: str(values, "graft-base"),
      ipfs: str(values, "ipfs"),
      arweave: str(values, "arweave"),
    };
  }
  if (command === "reset") {
    const values = parseOptions("reset", rest, RESET_OPTIONS);
    const db = str(values, "db");
    if (db === null) throw new UsageError("reset: --db <path> is required");
    return { command: "reset", db };
  }
  throw new UsageError(`unknown command "${command}" (expected start or reset)`);
}
