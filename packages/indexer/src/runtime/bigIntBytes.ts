/** graph-ts `BigInt`: little-endian two's complement, as num-bigint's `to_signed_bytes_le` writes it. */
export function bigIntToSignedBytes(value: bigint): Uint8Array {
  if (value === 0n) return Uint8Array.of(0);
  if (value >= -0x80000000n && value <= 0x7fffffffn) return smallToSignedBytes(Number(value));
  const out: number[] = [];
  let v = value;
  // Emit bytes until the remaining value is pure sign extension of the last byte written.
  for (;;) {
    const byte = Number(BigInt.asUintN(8, v));
    out.push(byte);
    v >>= 8n;
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out);
}

/** The same for values that fit an i32, without bigint arithmetic (block numbers, indexes, counters). */
function smallToSignedBytes(n: number): Uint8Array {
  const bytes = [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >> 24) & 0xff];
  let length = 4;
  // Drop bytes that only repeat the sign of the byte below them.
  while (length > 1) {
    const top = bytes[length - 1] ?? 0;
    const below = bytes[length - 2] ?? 0;
    if ((top === 0 && (below & 0x80) === 0) || (top === 0xff && (below & 0x80) !== 0)) length--;
    else break;
  }
  return Uint8Array.from(bytes.slice(0, length));
}

export function signedBytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i] ?? 0);
  const top = bytes[bytes.length - 1] ?? 0;
  return (top & 0x80) !== 0 ? v - (1n << BigInt(bytes.length * 8)) : v;
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
