import type { EntityData } from "../../types.js";
import { readEntity, writeEntity } from "../asc/convert.js";
import { bytesToHex } from "../bigIntBytes.js";
import { HostError } from "../errors.js";
import type { HostEnv, HostFunctions } from "../scope.js";

function idText(data: EntityData): string | null {
  const id = data.get("id");
  if (id === undefined || id.kind === "Null") return null;
  if (id.kind === "String") return id.value;
  if (id.kind === "Bytes") return bytesToHex(id.value);
  if (id.kind === "Int8") return id.value.toString();
  return null;
}

/** `index.store.*`. */
export function storeImports(env: HostEnv): HostFunctions {
  return {
    "store.get": (entity: number, id: number) => {
      const heap = env.heap();
      const found = env.scope().writer.get(heap.readString(entity), heap.readString(id));
      return found === null ? 0 : writeEntity(heap, found);
    },
    "store.get_in_block": (entity: number, id: number) => {
      const heap = env.heap();
      const found = env.scope().writer.getInBlock(heap.readString(entity), heap.readString(id));
      return found === null ? 0 : writeEntity(heap, found);
    },
    "store.loadRelated": (entity: number, id: number, field: number) => {
      const heap = env.heap();
      const found = env
        .scope()
        .writer.loadRelated(heap.readString(entity), heap.readString(id), heap.readString(field));
      return heap.newPointerArray(
        found.map((e) => writeEntity(heap, e)),
        "ArrayTypedMapEntryStringStoreValue",
      );
    },
    "store.set": (entity: number, id: number, data: number) => {
      const heap = env.heap();
      const type = heap.readString(entity);
      const key = heap.readString(id);
      const fields = readEntity(heap, data);
      const own = idText(fields);
      if (own !== null && own !== key) {
        throw new HostError(
          `Value of ${type} attribute 'id' conflicts with ID passed to \`store.set()\`: ${own} != ${key}`,
        );
      }
      env.scope().writer.set(type, key, fields);
    },
    "store.remove": (entity: number, id: number) => {
      const heap = env.heap();
      env.scope().writer.remove(heap.readString(entity), heap.readString(id));
    },
  };
}
