/** graph-ts `BigInt`: little-endian two's complement, as num-bigint's `to_signed_bytes_le` writes it. */
export function bigIntToSignedBytes(value: bigint): Uint8Array {
  if (value === 0n) return Uint8Array.of(0);
  if (value >= -0x80000000n && value <= 0x7fffffffn) return smallToSignedBytes(Number(value));
  const hex = signedHex(value);
  const out = new Uint8Array(hex.length / 2);
  Buffer.from(out.buffer).write(hex, "hex");
  toSignedLittleEndian(out, 0, out.length, value < 0n);
  return out;
}

/**
 * Big-endian hex of the bytes `bigIntToSignedBytes` writes, before `toSignedLittleEndian`: through hex text
 * rather than a byte at a time, since bigint shifts allocate and uint256 values have 32 bytes. A negative
 * value is the bitwise complement of the non-negative `-value - 1`.
 */
export function signedHex(value: bigint): string {
  let hex = (value < 0n ? -value - 1n : value).toString(16);
  if (hex.length % 2 !== 0) hex = `0${hex}`;
  // The top bit is the sign: a magnitude that sets it needs one more byte.
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return hex;
}

/** Turns `signedHex`'s bytes, at `start` in `bytes`, into the little-endian two's complement. */
export function toSignedLittleEndian(
  bytes: Uint8Array,
  start: number,
  length: number,
  negative: boolean,
): void {
  for (let i = start, j = start + length - 1; i < j; i++, j--) {
    const low = bytes[i] ?? 0;
    bytes[i] = bytes[j] ?? 0;
    bytes[j] = low;
  }
  if (negative) for (let i = start; i < start + length; i++) bytes[i] = ~(bytes[i] ?? 0) & 0xff;
}

/** The same for values that fit an i32, without bigint arithmetic (block numbers, indexes, counters). */
function smallToSignedBytes(n: number): Uint8Array {
  const length = smallSignedLength(n);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (n >> (8 * i)) & 0xff;
  return out;
}

/** How many bytes `bigIntToSignedBytes` writes for an i32: the fewest whose top bit still carries the sign. */
export function smallSignedLength(n: number): number {
  return n >= -0x80 && n <= 0x7f
    ? 1
    : n >= -0x8000 && n <= 0x7fff
      ? 2
      : n >= -0x800000 && n <= 0x7fffff
        ? 3
        : 4;
}

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/**
 * The inverse of `bigIntToSignedBytes`, for any length (graph-ts may hand over non-minimal encodings), of
 * `bytes` or of its `length` bytes from `start` (read in place, without a view).
 */
export function signedBytesToBigInt(bytes: Uint8Array, start = 0, length = bytes.length - start): bigint {
  if (length <= 0) return 0n;
  const negative = ((bytes[start + length - 1] ?? 0) & 0x80) !== 0;
  // Up to 6 bytes (48 bits) the value is exact as a double: no bigint arithmetic per byte.
  if (length <= 6) {
    let v = 0;
    for (let i = start + length - 1; i >= start; i--) v = v * 256 + (bytes[i] ?? 0);
    return BigInt(negative ? v - 2 ** (length * 8) : v);
  }
  let hex = "0x";
  for (let i = start + length - 1; i >= start; i--) hex += HEX_BYTE[bytes[i] ?? 0];
  const v = BigInt(hex);
  return negative ? v - (1n << BigInt(length * 8)) : v;
}

export function bytesToHex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")}`;
}

export function hexToBytes(hex: string): Uint8Array {
  const body = hex.startsWith("0x") || hex.startsWith("0X") ? hex.slice(2) : hex;
  // Buffer.from stops at the first invalid pair, so a short result means bad input.
  const bytes = Buffer.from(body, "hex");
  if (bytes.length * 2 !== body.length) throw new Error(`invalid hex string: ${hex}`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
