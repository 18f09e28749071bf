import { parseIpfsSource } from "../../files/ipfs.js";
import type { FileTemplate } from "../../manifest/index.js";
import type { EntityData } from "../../types.js";
import { readEntity, writeEntity } from "../asc/convert.js";
import { hexToBytes } from "../bigIntBytes.js";
import { HostError } from "../errors.js";
import type { HostEnv, HostFunctions } from "../scope.js";

/** `datasource.dataSource.*`. */
export function dataSourceImports(env: HostEnv): HostFunctions {
  const create = (name: string, params: string[], context: EntityData | null): void => {
    const scope = env.scope();
    const fileTemplate = env.services.fileTemplates.find((t) => t.name === name);
    if (fileTemplate !== undefined) {
      createFile(env, fileTemplate, params, context);
      return;
    }
    const template = env.services.templates.find((t) => t.name === name);
    if (template === undefined) {
      const names = [...env.services.templates, ...env.services.fileTemplates].map((t) => t.name);
      throw new HostError(
        `Failed to create data source from name \`${name}\`: No template with this name in parent data source \`${
          scope.dataSource.name
        }\`. Available names: ${names.join(", ")}.`,
      );
    }
    if (scope.dataSource.fileSource !== undefined) {
      // graph-node's words (core/src/subgraph/runner).
      throw new HostError(
        "Attempted to create on-chain data source in offchain data source handler. This is not yet supported.",
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
      const { address, fileSource } = env.scope().dataSource;
      // A file data source's "address" is its source's text (graph-ts' `dataSource.stringParam()` decodes it).
      if (fileSource !== undefined) return env.heap().newBytes(new TextEncoder().encode(fileSource));
      return env.heap().newBytes(address === null ? new Uint8Array(20) : hexToBytes(address));
    },
    "dataSource.network": () => env.heap().newString(env.scope().dataSource.network),
    "dataSource.context": () => writeEntity(env.heap(), env.scope().dataSource.context ?? new Map()),
  };
}

/**
 * A file data source: `params[0]` is the CID (with an optional path) or the Arweave transaction id. As in
 * graph-node, a `file/ipfs` creation with a source that is not a CID is ignored with a warning.
 */
function createFile(
  env: HostEnv,
  template: FileTemplate,
  params: string[],
  context: EntityData | null,
): void {
  const scope = env.scope();
  const source = params[0];
  if (source === undefined || source === "") {
    throw new HostError(
      `Failed to create data source from template \`${template.name}\`: source parameter is missing`,
    );
  }
  if (template.kind === "file/ipfs" && parseIpfsSource(source) === null) {
    env.services.logger?.warn(
      `ignoring data source creation due to invalid parameter: '${source}', error: not a CID (template ${template.name})`,
    );
    return;
  }
  scope.created.push({
    template: template.name,
    params: [source],
    context,
    creationBlock: scope.block.number,
  });
}
