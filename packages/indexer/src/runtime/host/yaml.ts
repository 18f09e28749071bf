import type { AscHeap } from "../asc/heap.js";
import { HostError } from "../errors.js";
import type { HostEnv, HostFunctions } from "../scope.js";
import { parseYamlValue, type YamlNode } from "../yamlValue.js";

const KIND = { null: 0, bool: 1, number: 2, string: 3, array: 4, object: 5, tagged: 6 } as const;
const MAX_BYTES = 10_000_000;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function writeYaml(heap: AscHeap, node: YamlNode): number {
  let payload: bigint;
  switch (node.kind) {
    case "null":
      payload = 0n;
      break;
    case "bool":
      payload = node.value ? 1n : 0n;
      break;
    case "number":
      payload = BigInt(heap.newString(node.text));
      break;
    case "string":
      payload = BigInt(heap.newString(node.value));
      break;
    case "array":
      payload = BigInt(
        heap.newPointerArray(
          node.items.map((n) => writeYaml(heap, n)),
          "YamlArrayValue",
        ),
      );
      break;
    case "object": {
      const entries = node.entries.map(([k, v]) =>
        heap.newObject([writeYaml(heap, k), writeYaml(heap, v)], "YamlTypedMapEntryValueValue"),
      );
      payload = BigInt(
        heap.newObject(
          [heap.newPointerArray(entries, "YamlArrayTypedMapEntryValueValue")],
          "YamlTypedMapValueValue",
        ),
      );
      break;
    }
    case "tagged":
      payload = BigInt(
        heap.newObject([heap.newString(node.tag), writeYaml(heap, node.value)], "YamlTaggedValue"),
      );
      break;
  }
  return heap.newEnum(KIND[node.kind], payload, "YamlValue");
}

function parse(bytes: Uint8Array): YamlNode {
  if (bytes.length > MAX_BYTES) throw new HostError(`YAML size exceeds max size of ${MAX_BYTES} bytes`);
  try {
    return parseYamlValue(utf8.decode(bytes));
  } catch (error) {
    throw new HostError(`failed to parse YAML from bytes: ${(error as Error).message}`);
  }
}

/** `yaml.yaml.*`. */
export function yamlImports(env: HostEnv): HostFunctions {
  return {
    "yaml.fromBytes": (ptr: number) => {
      const heap = env.heap();
      return writeYaml(heap, parse(heap.readBytes(ptr)));
    },
    "yaml.try_fromBytes": (ptr: number) => {
      const heap = env.heap();
      let node: YamlNode;
      try {
        node = parse(heap.readBytes(ptr));
      } catch (error) {
        if (!(error instanceof HostError) || error.message.startsWith("YAML size")) throw error;
        return heap.newObject([0, heap.newWrappedBool(true)], "YamlResultValueBool");
      }
      const value = writeYaml(heap, node);
      return heap.newObject([heap.newObject([value], "YamlWrappedValue"), 0], "YamlResultValueBool");
    },
  };
}
