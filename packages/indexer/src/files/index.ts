export { isArweaveTxId, readArweaveFile } from "./arweave.js";
export { FileSourceError, FileUnavailableError, MissingGatewayError } from "./errors.js";
export { FileFetcher, type FileFetcherOptions, type FileGateways } from "./fetcher.js";
export { fileGateways } from "./gateways.js";
export {
  type BlockGetter,
  gatewayBlocks,
  type IpfsSource,
  MAX_FILE_BYTES,
  parseIpfsSource,
  readIpfsFile,
  verifyBlock,
} from "./ipfs.js";
