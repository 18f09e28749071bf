import type { HostEnv, HostFunctions } from "../scope.js";
import { conversionImports } from "./conversion.js";
import { dataSourceImports } from "./dataSource.js";
import { ethereumImports } from "./ethereum.js";
import { jsonImports } from "./json.js";
import { envImports, indexMiscImports } from "./misc.js";
import { numberImports } from "./numbers.js";
import { storeImports } from "./store.js";
import { yamlImports } from "./yaml.js";

/**
 * Every host function by the name a compiled mapping imports it under (`store.get`, `bigInt.plus`,
 * `abort`, ...). Like graph-node, the host links by name whatever the import's module (graph-ts declares
 * them in `index`, `conversion`, `numbers`, `json`, `yaml`, `datasource`, `ethereum` and `env`).
 */
export function hostImports(env: HostEnv): HostFunctions {
  return {
    ...envImports(env),
    ...storeImports(env),
    ...indexMiscImports(env),
    ...conversionImports(env),
    ...numberImports(env),
    ...jsonImports(env),
    ...yamlImports(env),
    ...dataSourceImports(env),
    ...ethereumImports(env),
  };
}
