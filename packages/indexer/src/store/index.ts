export { type BatchHost, type EntityOp, type PendingBlock, StoreBatch } from "./batch.js";
export { bytesToHex, hexToBytes } from "./codec.js";
export { canonicalDecimal } from "./decimal.js";
export { compareEntities, matchesFilter } from "./entity-match.js";
export { QueryError, RollupError, SchemaMismatchError, StoreError, StoreValidationError } from "./errors.js";
export {
  checkGraftBase,
  type GraftBase,
  GraftError,
  type GraftRecord,
  readGraftBase,
} from "./graft.js";
export type {
  EntityFilter,
  EntityQuery,
  EntityRow,
  FilterOp,
  OrderDirection,
  ParentLink,
  PerParentQuery,
} from "./query-model.js";
export {
  deleteStore,
  type Health,
  openStore,
  Store,
  type StoreDump,
  type StoreOptions,
  type SubgraphMeta,
} from "./store.js";
