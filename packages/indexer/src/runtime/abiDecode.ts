import type { ParamType } from "ethers";
import type { EthToken } from "./ethToken.js";

/**
 * ABI decoding straight into tokens. ethers' decoder would do, but it checksums every address (a keccak
 * each) and builds `Result` proxies, which dominated the cost of event handling.
 */
export class AbiDecodeError extends Error {
  override readonly name = "AbiDecodeError";
}

const utf8 = new TextDecoder("utf-8");

function isDynamic(t: ParamType): boolean {
  if (t.baseType === "string" || t.baseType === "bytes") return true;
  if (t.baseType === "array") {
    const child = t.arrayChildren;
    return t.arrayLength === -1 || (child !== null && isDynamic(child));
  }
  if (t.baseType === "tuple") return (t.components ?? []).some(isDynamic);
  return false;
}

/** Head size of a static type in bytes. */
function staticSize(t: ParamType): number {
  if (t.baseType === "array" && t.arrayChildren !== null)
    return (t.arrayLength ?? 0) * staticSize(t.arrayChildren);
  if (t.baseType === "tuple") return (t.components ?? []).reduce((sum, c) => sum + staticSize(c), 0);
  return 32;
}

class Reader {
  constructor(private readonly data: Uint8Array) {}

  word(at: number): Uint8Array {
    if (at < 0 || at + 32 > this.data.length)
      throw new AbiDecodeError(`read past the end of the data at ${at}`);
    return this.data.subarray(at, at + 32);
  }

  uint(at: number): bigint {
    let v = 0n;
    const w = this.word(at);
    for (let i = 0; i < 32; i += 8) {
      let chunk = 0n;
      for (let j = 0; j < 8; j++) chunk = (chunk << 8n) | BigInt(w[i + j] ?? 0);
      v = (v << 64n) | chunk;
    }
    return v;
  }

  /** An offset or length: must fit comfortably in a JS number. */
  size(at: number): number {
    const v = this.uint(at);
    if (v > BigInt(this.data.length)) throw new AbiDecodeError(`offset or length ${v} beyond the data`);
    return Number(v);
  }

  bytes(at: number, length: number): Uint8Array {
    if (at + length > this.data.length) throw new AbiDecodeError(`bytes past the end of the data at ${at}`);
    return this.data.slice(at, at + length);
  }
}

function decodeSequence(r: Reader, types: readonly ParamType[], base: number): EthToken[] {
  const out: EthToken[] = [];
  let head = base;
  for (const t of types) {
    if (isDynamic(t)) {
      out.push(decodeAt(r, t, base + r.size(head)));
      head += 32;
    } else {
      out.push(decodeAt(r, t, head));
      head += staticSize(t);
    }
  }
  return out;
}

function decodeAt(r: Reader, t: ParamType, at: number): EthToken {
  const base = t.baseType;
  if (base === "tuple") return { kind: "tuple", value: decodeSequence(r, t.components ?? [], at) };
  if (base === "array") {
    const child = t.arrayChildren;
    if (child === null) throw new AbiDecodeError(`array without element type: ${t.format()}`);
    if (t.arrayLength === -1) {
      const length = r.size(at);
      return { kind: "array", value: decodeSequence(r, new Array<ParamType>(length).fill(child), at + 32) };
    }
    return {
      kind: "fixedArray",
      value: decodeSequence(r, new Array<ParamType>(t.arrayLength ?? 0).fill(child), at),
    };
  }
  if (base === "string") return { kind: "string", value: utf8.decode(r.bytes(at + 32, r.size(at))) };
  if (base === "bytes") return { kind: "bytes", value: r.bytes(at + 32, r.size(at)) };
  if (base === "address") return { kind: "address", value: r.word(at).slice(12) };
  if (base === "bool") return { kind: "bool", value: r.uint(at) !== 0n };
  if (base.startsWith("bytes"))
    return { kind: "fixedBytes", value: r.word(at).slice(0, Number(base.slice(5))) };
  if (base.startsWith("uint")) return { kind: "uint", value: r.uint(at) };
  if (base.startsWith("int")) return { kind: "int", value: BigInt.asIntN(256, r.uint(at)) };
  throw new AbiDecodeError(`unsupported ABI type ${t.format()}`);
}

export function decodeAbi(types: readonly ParamType[], data: Uint8Array): EthToken[] {
  return decodeSequence(new Reader(data), types, 0);
}
