export { ManifestError } from "./errors.js";
export {
  canonicalSignature,
  type DataSourceOverride,
  type LoadSubgraphOptions,
  loadSubgraph,
} from "./load.js";
export type {
  AbiRef,
  BlockHandler,
  BlockHandlerFilter,
  CallHandler,
  EventHandler,
  FileKind,
  FileTemplate,
  Graft,
  Mapping,
  StaticDataSource,
  Subgraph,
  Template,
} from "./model.js";
