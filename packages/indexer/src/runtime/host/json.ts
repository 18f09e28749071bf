import { writeBigInt, writeJson } from "../asc/convert.js";
import { HostError } from "../errors.js";
import { JsonParseError, parseJson } from "../jsonValue.js";
import type { HostEnv, HostFunctions } from "../scope.js";
import { parseBigInt } from "./numbers.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;

function parseBytes(bytes: Uint8Array): ReturnType<typeof parseJson> {
  return parseJson(utf8.decode(bytes));
}

/** `json.json.*`. */
export function jsonImports(env: HostEnv): HostFunctions {
  return {
    "json.fromBytes": (ptr: number) => {
      const heap = env.heap();
      try {
        return writeJson(heap, parseBytes(heap.readBytes(ptr)));
      } catch (error) {
        throw new HostError(`Failed to parse JSON from byte array: ${(error as Error).message}`);
      }
    },
    "json.try_fromBytes": (ptr: number) => {
      const heap = env.heap();
      let value: number;
      try {
        value = writeJson(heap, parseBytes(heap.readBytes(ptr)));
      } catch (error) {
        if (!(error instanceof JsonParseError) && !(error instanceof TypeError)) throw error;
        // Result<JSONValue, bool> with `_error = Wrapped(true)`.
        return heap.newObject([0, heap.newWrappedBool(true)], "ResultJsonValueBool");
      }
      return heap.newObject([heap.newObject([value], "WrappedJsonValue"), 0], "ResultJsonValueBool");
    },
    "json.toI64": (ptr: number) => {
      const text = env.heap().readString(ptr);
      const v = /^[+-]?\d+$/.test(text) ? BigInt(text) : null;
      if (v === null || v < I64_MIN || v > I64_MAX)
        throw new HostError(`JSON \`${text}\` cannot be parsed as i64`);
      return v;
    },
    "json.toU64": (ptr: number) => {
      const text = env.heap().readString(ptr);
      const v = /^\+?\d+$/.test(text) ? BigInt(text) : null;
      if (v === null || v > U64_MAX) throw new HostError(`JSON \`${text}\` cannot be parsed as u64`);
      // The wasm return type is i64: hand back the same 64 bits.
      return BigInt.asIntN(64, v);
    },
    "json.toF64": (ptr: number) => {
      const text = env.heap().readString(ptr);
      const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|NaN)$/i.test(text)
        ? Number(text)
        : Number.NaN;
      if (Number.isNaN(v) && !/nan/i.test(text))
        throw new HostError(`JSON \`${text}\` cannot be parsed as f64`);
      return v;
    },
    "json.toBigInt": (ptr: number) => {
      const heap = env.heap();
      const text = heap.readString(ptr);
      let v: bigint;
      try {
        v = parseBigInt(text);
      } catch {
        throw new HostError(`JSON \`${text}\` is not a decimal string`);
      }
      return writeBigInt(heap, v);
    },
  };
}
