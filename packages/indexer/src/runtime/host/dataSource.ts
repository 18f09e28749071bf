import type { EntityData } from "../../types.js";
import { readEntity, writeEntity } from "../asc/convert.js";
import { hexToBytes } from "../bigIntBytes.js";
import { HostError } from "../errors.js";
import type { HostEnv, HostFunctions } from "../scope.js";

/** `datasource.dataSource.*`. */
export function dataSourceImports(env: HostEnv): HostFunctions {
  const create = (name: string, params: string[], context: EntityData | null): void => {
    const scope = env.scope();
    const template = env.services.templates.find((t) => t.name === name);
    if (template === undefined) {
      throw new HostError(
        `Failed to create data source from name \`${name}\`: No template with this name in parent data source \`${
          scope.dataSource.name
        }\`. Available names: ${env.services.templates.map((t) => t.name).join(", ")}.`,
      );
    }
    const address = params[0];
    if (address === undefined || !/^0x[0-9a-fA-F]{40}$/.test(address)) {
      throw new HostError(
        `Failed to create data source from template \`${name}\`: the first parameter must be a contract address, got ${JSON.stringify(address ?? null)}`,
      );
    }
    scope.created.push({
      template: name,
      params: [address.toLowerCase(), ...params.slice(1)],
      context,
      creationBlock: scope.block.number,
    });
  };
  return {
    "dataSource.create": (name: number, params: number) => {
      const heap = env.heap();
      create(heap.readString(name), heap.readStringArray(params), null);
    },
    "dataSource.createWithContext": (name: number, params: number, context: number) => {
      const heap = env.heap();
      create(heap.readString(name), heap.readStringArray(params), readEntity(heap, context));
    },
    "dataSource.address": () => {
      const address = env.scope().dataSource.address;
      return env.heap().newBytes(address === null ? new Uint8Array(20) : hexToBytes(address));
    },
    "dataSource.network": () => env.heap().newString(env.scope().dataSource.network),
    "dataSource.context": () => writeEntity(env.heap(), env.scope().dataSource.context ?? new Map()),
  };
}
