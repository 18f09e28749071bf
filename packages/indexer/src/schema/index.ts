export { SchemaError } from "./errors.js";
export type {
  BaseType,
  EntityModel,
  EnumModel,
  FieldModel,
  IdType,
  InterfaceModel,
  ScalarName,
  SchemaModel,
} from "./model.js";
export { camelCase, pluralize, queryFieldNames } from "./naming.js";
export { parseSchema } from "./parse.js";
