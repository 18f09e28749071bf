import { encodeBase58 } from "ethers";
import { readBigInt } from "../asc/convert.js";
import { bytesToHex } from "../bigIntBytes.js";
import { HostError } from "../errors.js";
import type { HostEnv, HostFunctions } from "../scope.js";

const utf8 = new TextDecoder("utf-8");

/** `conversion.typeConversion.*`. */
export function conversionImports(env: HostEnv): HostFunctions {
  return {
    // Lossy UTF-8; fixed-size buffers padded with NULs lose the padding, as in graph-node.
    "typeConversion.bytesToString": (ptr: number) => {
      const heap = env.heap();
      const decoded = utf8.decode(heap.readBytes(ptr));
      let end = decoded.length;
      while (end > 0 && decoded.charCodeAt(end - 1) === 0) end--;
      return heap.newString(decoded.slice(0, end));
    },
    "typeConversion.bytesToHex": (ptr: number) => {
      const heap = env.heap();
      return heap.newString(bytesToHex(heap.readBytes(ptr)));
    },
    "typeConversion.bigIntToString": (ptr: number) => {
      const heap = env.heap();
      return heap.newString(readBigInt(heap, ptr).toString());
    },
    // Minimal hex digits of the magnitude ("0x0" for zero), as graph-node prints it.
    "typeConversion.bigIntToHex": (ptr: number) => {
      const heap = env.heap();
      const n = readBigInt(heap, ptr);
      return heap.newString(`0x${(n < 0n ? -n : n).toString(16)}`);
    },
    "typeConversion.stringToH160": (ptr: number) => {
      const heap = env.heap();
      const text = heap.readString(ptr);
      const body = text.startsWith("0x") ? text.slice(2) : text;
      if (!/^[0-9a-fA-F]{40}$/.test(body)) {
        throw new HostError(`Failed to convert string to Address/H160: '${text}'`);
      }
      return heap.newBytes(Uint8Array.from(Buffer.from(body, "hex")));
    },
    "typeConversion.bytesToBase58": (ptr: number) => {
      const heap = env.heap();
      const bytes = heap.readBytes(ptr);
      return heap.newString(bytes.length === 0 ? "" : encodeBase58(bytes));
    },
  };
}
