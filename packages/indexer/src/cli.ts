#!/usr/bin/env node
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, parseArgs, USAGE, UsageError } from "./cli-args.js";
import { defaultSubgraphName, type Indexer, type IndexerOptions, startIndexer } from "./indexer.js";
import { deleteStore } from "./store/index.js";
import type { Logger } from "./types.js";

export interface CliIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); the CLI then stops the indexer cleanly. */
  readonly stopSignal: Promise<void>;
  readonly start?: (options: IndexerOptions) => Promise<Indexer>;
}

const SQLITE_MAGIC = "SQLite format 3\0";

function timestamped(io: CliIo): Logger {
  const line = (level: string, message: string) => `${new Date().toISOString()} ${level} ${message}`;
  return {
    info: (m) => io.stdout(line("INFO ", m)),
    warn: (m) => io.stderr(line("WARN ", m)),
    error: (m) => io.stderr(line("ERROR", m)),
  };
}

function reset(db: string, io: CliIo): number {
  const path = resolve(db);
  if (!existsSync(path)) {
    io.stderr(`reset: no database at ${path}`);
    return 1;
  }
  const head = readFileSync(path).subarray(0, SQLITE_MAGIC.length).toString("latin1");
  if (head !== SQLITE_MAGIC) {
    io.stderr(`reset: ${path} is not an SQLite database; not deleting it`);
    return 1;
  }
  deleteStore(path);
  io.stdout(`deleted ${path} (and its -wal/-shm files)`);
  return 0;
}

async function start(command: Extract<Command, { command: "start" }>, io: CliIo): Promise<number> {
  const name = command.name ?? defaultSubgraphName(command.subgraph);
  const db = command.db ?? join(process.cwd(), ".dmex-indexer", `${name.replaceAll("/", "-")}.sqlite`);
  const options: IndexerOptions = {
    subgraph: command.subgraph,
    rpc: command.rpc,
    db,
    name,
    logger: timestamped(io),
    ...(command.port === null ? {} : { port: command.port }),
    ...(command.host === null ? {} : { host: command.host }),
    ...(command.confirmations === null ? {} : { confirmations: command.confirmations }),
    ...(command.pollIntervalMs === null ? {} : { pollIntervalMs: command.pollIntervalMs }),
    ...(command.statusPort === null ? {} : { statusPort: command.statusPort }),
    ...(Object.keys(command.queryLimits).length === 0 ? {} : { queryLimits: command.queryLimits }),
    ...(command.handlerTimeoutMs === null ? {} : { handlerTimeoutMs: command.handlerTimeoutMs }),
    ...(command.blockRetention === null ? {} : { blockRetention: command.blockRetention }),
    ...(command.graftBase === null ? {} : { graftBase: command.graftBase }),
    ...(command.ipfs === null ? {} : { ipfs: command.ipfs }),
    ...(command.arweave === null ? {} : { arweave: command.arweave }),
  };
  const indexer = await (io.start ?? startIndexer)(options);
  io.stdout(`GraphQL: ${indexer.url}`);
  io.stdout(`Status: ${indexer.statusUrl}`);
  await io.stopSignal;
  await indexer.stop();
  return 0;
}

/** Runs one command line; resolves to the process exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`dmex-indexer: ${error.message}`);
    io.stderr("Run `dmex-indexer --help` for usage.");
    return 2;
  }
  if (command.command === "help") {
    io.stdout(USAGE);
    return 0;
  }
  if (command.command === "reset") return reset(command.db, io);
  try {
    return await start(command, io);
  } catch (error) {
    io.stderr(`dmex-indexer: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const stopSignal = new Promise<void>((resolveStop) => {
    process.once("SIGINT", () => resolveStop());
    process.once("SIGTERM", () => resolveStop());
  });
  const io: CliIo = {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    stopSignal,
  };
  main(process.argv.slice(2), io).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `dmex-indexer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
