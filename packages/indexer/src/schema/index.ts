export { SchemaError } from "./errors.js";
export { checkFulltextFeature } from "./fulltext.js";
export { graftIncompatibilities } from "./graft-compatibility.js";
export type {
  BaseType,
  EntityModel,
  EnumModel,
  FieldModel,
  FulltextAlgorithm,
  FulltextLanguage,
  FulltextModel,
  IdType,
  InterfaceModel,
  ScalarName,
  SchemaModel,
} from "./model.js";
export { camelCase, pluralize, queryFieldNames } from "./naming.js";
export { parseSchema } from "./parse.js";
