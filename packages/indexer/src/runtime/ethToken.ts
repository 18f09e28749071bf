import { AbiCoder, type ParamType } from "ethers";
import { decodeAbi } from "./abiDecode.js";
import { bytesToHex, hexToBytes } from "./bigIntBytes.js";

/** An ABI value as graph-ts `ethereum.Value` carries it (one case per `ethereum.ValueKind`). */
export type EthToken =
  | { readonly kind: "address"; readonly value: Uint8Array }
  | { readonly kind: "fixedBytes"; readonly value: Uint8Array }
  | { readonly kind: "bytes"; readonly value: Uint8Array }
  | { readonly kind: "int"; readonly value: bigint }
  | { readonly kind: "uint"; readonly value: bigint }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "fixedArray"; readonly value: readonly EthToken[] }
  | { readonly kind: "array"; readonly value: readonly EthToken[] }
  | { readonly kind: "tuple"; readonly value: readonly EthToken[] };

export const ETH_VALUE_KIND = {
  address: 0,
  fixedBytes: 1,
  bytes: 2,
  int: 3,
  uint: 4,
  bool: 5,
  string: 6,
  fixedArray: 7,
  array: 8,
  tuple: 9,
} as const;

const coder = AbiCoder.defaultAbiCoder();

/** Converts what ethers decoded for `type` into a token. */
export function tokenFromDecoded(type: ParamType, value: unknown): EthToken {
  if (type.baseType === "tuple") {
    const items = value as readonly unknown[];
    return { kind: "tuple", value: (type.components ?? []).map((c, i) => tokenFromDecoded(c, items[i])) };
  }
  if (type.baseType === "array") {
    const child = type.arrayChildren;
    if (child === null) throw new Error(`array type without element type: ${type.format()}`);
    const items = (value as readonly unknown[]).map((v) => tokenFromDecoded(child, v));
    return { kind: type.arrayLength === -1 ? "array" : "fixedArray", value: items };
  }
  const t = type.baseType;
  if (t === "address") return { kind: "address", value: hexToBytes(String(value)) };
  if (t === "bool") return { kind: "bool", value: value === true };
  if (t === "string") return { kind: "string", value: String(value) };
  if (t === "bytes") return { kind: "bytes", value: hexToBytes(String(value)) };
  if (t.startsWith("bytes")) return { kind: "fixedBytes", value: hexToBytes(String(value)) };
  if (t.startsWith("uint")) return { kind: "uint", value: BigInt(value as bigint) };
  if (t.startsWith("int")) return { kind: "int", value: BigInt(value as bigint) };
  throw new Error(`unsupported ABI type ${type.format()}`);
}

/** The ABI type a token encodes as when no declared type is at hand (`ethereum.encode`). */
export function tokenType(token: EthToken): string {
  switch (token.kind) {
    case "address":
      return "address";
    case "fixedBytes":
      return `bytes${token.value.length}`;
    case "bytes":
      return "bytes";
    case "int":
      return "int256";
    case "uint":
      return "uint256";
    case "bool":
      return "bool";
    case "string":
      return "string";
    case "fixedArray":
    case "array": {
      const first = token.value[0];
      // An empty array encodes the same whatever its element type.
      const child = first === undefined ? "uint256" : tokenType(first);
      return token.kind === "array" ? `${child}[]` : `${child}[${token.value.length}]`;
    }
    case "tuple":
      return `(${token.value.map(tokenType).join(",")})`;
  }
}

/** The value ethers expects for a token. */
export function tokenToEthers(token: EthToken): unknown {
  switch (token.kind) {
    case "address":
    case "fixedBytes":
    case "bytes":
      return bytesToHex(token.value);
    case "int":
    case "uint":
    case "bool":
    case "string":
      return token.value;
    case "fixedArray":
    case "array":
    case "tuple":
      return token.value.map(tokenToEthers);
  }
}

/** `ethereum.encode`: the ABI encoding of one token, as ethabi's `encode(&[token])`. */
export function encodeToken(token: EthToken): Uint8Array {
  return hexToBytes(coder.encode([tokenType(token)], [tokenToEthers(token)]));
}

/** Encodes tokens for declared types (function arguments), so `uint8` etc. are range-checked. */
export function encodeTokens(types: readonly ParamType[], tokens: readonly EthToken[]): string {
  return coder.encode(types, tokens.map(tokenToEthers));
}

export function decodeTokens(types: readonly ParamType[], data: string): EthToken[] {
  return decodeAbi(types, hexToBytes(data));
}
