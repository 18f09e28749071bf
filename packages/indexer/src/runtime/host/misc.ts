import { keccak256 } from "ethers";
import { hexToBytes } from "../bigIntBytes.js";
import { HostError } from "../errors.js";
import type { HostEnv, HostFunctions } from "../scope.js";
import { ChainUnavailableError } from "../syncChain.js";

const LEVELS = ["critical", "error", "warning", "info", "debug"] as const;

/** `env.abort`, and the `index` module's `crypto`, `log`, `ens` and `ipfs` functions. */
export function envImports(env: HostEnv): HostFunctions {
  return {
    abort: (message: number, file: number, line: number, column: number) => {
      const heap = env.heap();
      const text = message === 0 ? "no message" : `message: ${heap.readString(message)}`;
      const where =
        file === 0 ? "an unknown location" : `${heap.readString(file)}, line ${line}, column ${column}`;
      throw new HostError(`Mapping aborted at ${where}, with ${text}`);
    },
  };
}

export function indexMiscImports(env: HostEnv): HostFunctions {
  return {
    "crypto.keccak256": (ptr: number) => {
      const heap = env.heap();
      return heap.newBytes(hexToBytes(keccak256(heap.readBytes(ptr))));
    },
    "log.log": (level: number, message: number) => {
      const text = env.heap().readString(message);
      if (level === 0) throw new HostError(`Critical error logged in mapping with log message: ${text}`);
      const logger = env.services.logger;
      // Debug lines stay out of the indexer's log, as with graph-node's default level.
      if (logger === null || level >= 4) return;
      const line = `[${LEVELS[level] ?? "log"}] ${env.scope().handler}: ${text}`;
      if (level === 1) logger.error(line);
      else if (level === 2) logger.warn(line);
      else logger.info(line);
    },
    // graph-node answers only with a separately loaded ENS rainbow table; there is none here.
    "ens.nameByHash": () => 0,
    // graph-node answers null when the object cannot be fetched; only a missing gateway is an error.
    "ipfs.cat": (hash: number) => {
      const heap = env.heap();
      const text = heap.readString(hash);
      const gateway = env.services.ipfsGateway;
      const get = env.services.chain?.httpGet?.bind(env.services.chain);
      if (gateway === null || get === undefined) {
        throw new HostError(`ipfs.cat(${text}): no IPFS gateway is configured for this indexer`);
      }
      try {
        const res = get(`${gateway.replace(/\/+$/, "")}/ipfs/${text}`);
        if (res.status === 200) return heap.newBytes(res.body);
        env.services.logger?.warn(`ipfs.cat(${text}): gateway answered HTTP ${res.status}`);
      } catch (error) {
        if (!(error instanceof ChainUnavailableError)) throw error;
        env.services.logger?.warn(`ipfs.cat(${text}): ${error.message}`);
      }
      return 0;
    },
    "ipfs.map": (hash: number) => {
      throw new HostError(`ipfs.map(${env.heap().readString(hash)}) is not supported by this indexer`);
    },
  };
}
