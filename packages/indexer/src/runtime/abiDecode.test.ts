// The token decoder against ethers' ABI coder (encode with ethers, decode with both, compare).
import { AbiCoder, getAddress, ParamType } from "ethers";
import { describe, expect, it } from "vitest";
import { decodeAbi } from "./abiDecode.js";
import { bytesToHex, hexToBytes } from "./bigIntBytes.js";
import { type EthToken, tokenFromDecoded } from "./ethToken.js";

const coder = AbiCoder.defaultAbiCoder();

const CASES: [string, unknown][] = [
  ["uint8", 255n],
  ["uint256", 2n ** 256n - 1n],
  ["int256", -(2n ** 255n)],
  ["int32", -7n],
  ["address", getAddress("0x00000000000000000000000000000000000000b1")],
  ["bool", true],
  ["bytes4", "0xdeadbeef"],
  ["bytes", "0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021"],
  ["string", "héllo wörld, a string longer than thirty-two bytes"],
  ["uint256[]", [1n, 2n, 3n]],
  ["string[]", ["a", "", "ccc"]],
  ["uint16[3]", [1n, 2n, 3n]],
  ["string[2]", ["x", "y"]],
  ["(uint256,address,string)", [5n, getAddress("0x00000000000000000000000000000000000000c2"), "z"]],
  [
    "(uint256,(bool,bytes)[])[]",
    [
      [
        1n,
        [
          [true, "0x01"],
          [false, "0x"],
        ],
      ],
      [2n, []],
    ],
  ],
  ["int8[][]", [[-1n, 2n], [], [3n]]],
];

function plain(token: EthToken): unknown {
  if (token.value instanceof Uint8Array) return bytesToHex(token.value);
  if (Array.isArray(token.value)) return [token.kind, (token.value as EthToken[]).map(plain)];
  return [token.kind, token.value];
}

describe("decodeAbi", () => {
  it("decodes every ABI type family like ethers, alone and all in one sequence", () => {
    for (const [type, value] of CASES) {
      const encoded = coder.encode([type], [value]);
      const param = ParamType.from(type);
      const ours = decodeAbi([param], hexToBytes(encoded));
      const theirs = [tokenFromDecoded(param, coder.decode([type], encoded)[0])];
      expect(ours.map(plain), type).toEqual(theirs.map(plain));
    }
    const types = CASES.map(([t]) => t);
    const encoded = coder.encode(
      types,
      CASES.map(([, v]) => v),
    );
    const params = types.map((t) => ParamType.from(t));
    const decoded = coder.decode(types, encoded);
    expect(decodeAbi(params, hexToBytes(encoded)).map(plain)).toEqual(
      params.map((p, i) => plain(tokenFromDecoded(p, decoded[i]))),
    );
  });

  it("rejects data too short for the types", () => {
    expect(() => decodeAbi([ParamType.from("uint256")], hexToBytes("0x01"))).toThrow();
    const encoded = coder.encode(["string"], ["abc"]);
    expect(() => decodeAbi([ParamType.from("string")], hexToBytes(encoded.slice(0, 100)))).toThrow();
  });
});
