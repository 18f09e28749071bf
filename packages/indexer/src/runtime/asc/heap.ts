import { signedBytesToBigInt, signedHex, smallSignedLength, toSignedLittleEndian } from "../bigIntBytes.js";
import type { WasmMemory } from "../wasm.js";
import { TypeId, type TypeIdName } from "./typeId.js";

/** The exports of a graph-cli compiled module (AssemblyScript 0.19, stub runtime) the host relies on. */
export interface MappingExports {
  readonly memory: WasmMemory;
  readonly __new: (size: number, id: number) => number;
  readonly id_of_type: (typeId: number) => number;
}

const utf16 = new TextDecoder("utf-16le");

/**
 * Strings up to this many code units are decoded by hand, longer ones by Buffer's UTF-16 decoder: entity and
 * field names, ids and the like are short, and for them a `TextDecoder` call costs more than the decoding.
 */
const SHORT_STRING = 8;
/** Surrogates: text holding one takes `TextDecoder`'s path, which replaces unpaired ones with U+FFFD. */
const SURROGATE = /[\uD800-\uDFFF]/;

// Small copies share slabs, as Node's Buffer pool does: an ArrayBuffer of its own per entity id or address
// (several per event) costs the garbage collector more than the bytes themselves.
const SLAB_SIZE = 8192;
const SMALL_COPY = 512;
let slab = new ArrayBuffer(SLAB_SIZE);
let slabUsed = 0;

function copyBytes(from: Uint8Array, start: number, length: number): Uint8Array {
  if (length > SMALL_COPY) return from.slice(start, start + length);
  if (slabUsed + length > SLAB_SIZE) {
    slab = new ArrayBuffer(SLAB_SIZE);
    slabUsed = 0;
  }
  const copy = new Uint8Array(slab, slabUsed, length);
  for (let i = 0; i < length; i++) copy[i] = from[start + i] ?? 0;
  // 8-byte aligned, like Node's pool.
  slabUsed += (length + 7) & ~7;
  return copy;
}

/**
 * Reads and writes AssemblyScript 0.19 objects in a module's linear memory. Every object has a 20-byte
 * header; the runtime type id is at `ptr - 8` and the payload size at `ptr - 4`. The stub runtime never
 * frees, so nothing allocated here needs pinning while a handler runs.
 */
export class AscHeap {
  private buffer: ArrayBuffer;
  private u8: Uint8Array;
  private view: DataView;
  /** The same memory as a Buffer, for hex writes straight into it. */
  private asBuffer: Buffer;
  private readonly ids: Partial<Record<TypeIdName, number>> = {};

  constructor(private readonly exports: MappingExports) {
    this.buffer = exports.memory.buffer;
    this.u8 = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
    this.asBuffer = Buffer.from(this.buffer);
  }

  /**
   * Memory grows whenever the module allocates, which detaches the old buffer (its length becomes 0):
   * checking that is much cheaper than asking the memory for its buffer on every access.
   */
  private sync(): void {
    if (this.buffer.byteLength === 0) {
      this.buffer = this.exports.memory.buffer;
      this.u8 = new Uint8Array(this.buffer);
      this.view = new DataView(this.buffer);
      this.asBuffer = Buffer.from(this.buffer);
    }
  }

  typeId(name: TypeIdName): number {
    let id = this.ids[name];
    if (id === undefined) {
      id = this.exports.id_of_type(TypeId[name]);
      this.ids[name] = id;
    }
    return id;
  }

  allocate(size: number, type: TypeIdName): number {
    return this.exports.__new(size, this.typeId(type));
  }

  // ---- primitive access ----

  u32(addr: number): number {
    this.sync();
    return this.view.getUint32(addr, true);
  }

  i32(addr: number): number {
    this.sync();
    return this.view.getInt32(addr, true);
  }

  u64(addr: number): bigint {
    this.sync();
    return this.view.getBigUint64(addr, true);
  }

  i64(addr: number): bigint {
    this.sync();
    return this.view.getBigInt64(addr, true);
  }

  u8At(addr: number): number {
    this.sync();
    return this.u8[addr] ?? 0;
  }

  setU32(addr: number, value: number): void {
    this.sync();
    this.view.setUint32(addr, value, true);
  }

  setI32(addr: number, value: number): void {
    this.sync();
    this.view.setInt32(addr, value, true);
  }

  setU64(addr: number, value: bigint): void {
    this.sync();
    this.view.setBigUint64(addr, BigInt.asUintN(64, value), true);
  }

  setU8(addr: number, value: number): void {
    this.sync();
    this.u8[addr] = value;
  }

  /** The payload size recorded in an object's header. */
  objectSize(ptr: number): number {
    return this.u32(ptr - 4);
  }

  // ---- strings and bytes ----

  readString(ptr: number): string {
    const size = this.objectSize(ptr);
    this.sync();
    if (size % 2 === 0) {
      if (size <= SHORT_STRING * 2) {
        const u8 = this.u8;
        let text = "";
        for (let at = ptr; at < ptr + size; at += 2) {
          const unit = (u8[at] ?? 0) | ((u8[at + 1] ?? 0) << 8);
          if (unit >= 0xd800 && unit <= 0xdfff) return utf16.decode(u8.subarray(ptr, ptr + size));
          text += String.fromCharCode(unit);
        }
        return text;
      }
      const text = this.asBuffer.toString("utf16le", ptr, ptr + size);
      if (!SURROGATE.test(text)) return text;
    }
    return utf16.decode(this.u8.subarray(ptr, ptr + size));
  }

  newString(text: string): number {
    const ptr = this.allocate(text.length * 2, "String");
    this.sync();
    // Buffer's UTF-16 encoder copies code units as they are (unpaired surrogates too), like the loop.
    if (text.length > SHORT_STRING) this.asBuffer.write(text, ptr, text.length * 2, "utf16le");
    else for (let i = 0; i < text.length; i++) this.view.setUint16(ptr + i * 2, text.charCodeAt(i), true);
    return ptr;
  }

  /** A copy of a typed array's (`Uint8Array`, `Bytes`, `BigInt`, `Address`) bytes. */
  readBytes(ptr: number): Uint8Array {
    const dataStart = this.u32(ptr + 4);
    const length = this.u32(ptr + 8);
    this.sync();
    return copyBytes(this.u8, dataStart, length);
  }

  /** A graph-ts `BigInt`, decoded where it lies (no copy of its bytes). */
  readBigInt(ptr: number): bigint {
    const dataStart = this.u32(ptr + 4);
    const length = this.u32(ptr + 8);
    this.sync();
    return signedBytesToBigInt(this.u8, dataStart, length);
  }

  /** A graph-ts `BigInt` of `value` (`bigIntToSignedBytes`), written straight into memory. */
  newBigInt(value: bigint): number {
    if (value < -0x80000000n || value > 0x7fffffffn) {
      const hex = signedHex(value);
      const length = hex.length / 2;
      const buffer = this.allocate(length, "ArrayBuffer");
      this.sync();
      this.asBuffer.write(hex, buffer, length, "hex");
      toSignedLittleEndian(this.u8, buffer, length, value < 0n);
      return this.wrapBytes(buffer, length);
    }
    const n = Number(value);
    const length = smallSignedLength(n);
    const buffer = this.allocate(length, "ArrayBuffer");
    this.sync();
    for (let i = 0; i < length; i++) this.u8[buffer + i] = (n >> (8 * i)) & 0xff;
    return this.wrapBytes(buffer, length);
  }

  newArrayBuffer(bytes: Uint8Array): number {
    const ptr = this.allocate(bytes.length, "ArrayBuffer");
    this.sync();
    this.u8.set(bytes, ptr);
    return ptr;
  }

  newBytes(bytes: Uint8Array): number {
    return this.wrapBytes(this.newArrayBuffer(bytes), bytes.length);
  }

  /** A `Uint8Array` object over the `length` bytes of the ArrayBuffer at `buffer`. */
  private wrapBytes(buffer: number, length: number): number {
    const ptr = this.allocate(12, "Uint8Array");
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, length);
    return ptr;
  }

  /** `newBytes` of hex text (`0x` optional), written straight into memory; throws for text that is not hex. */
  newBytesFromHex(hex: string): number {
    const body = hex.startsWith("0x") || hex.startsWith("0X") ? hex.slice(2) : hex;
    const length = body.length >>> 1;
    const buffer = this.allocate(length, "ArrayBuffer");
    this.sync();
    // Buffer#write stops at the first pair that is not hex, so a short count means bad input.
    if (body.length % 2 !== 0 || this.asBuffer.write(body, buffer, length, "hex") !== length) {
      throw new Error(`invalid hex string: ${hex}`);
    }
    return this.wrapBytes(buffer, length);
  }

  // ---- Array<T> of pointers ----

  readPointerArray(ptr: number): number[] {
    const dataStart = this.u32(ptr + 4);
    const length = this.i32(ptr + 12);
    const out = new Array<number>(length);
    for (let i = 0; i < length; i++) out[i] = this.u32(dataStart + i * 4);
    return out;
  }

  newPointerArray(pointers: readonly number[], type: TypeIdName): number {
    const buffer = this.allocate(pointers.length * 4, "ArrayBuffer");
    for (let i = 0; i < pointers.length; i++) this.setU32(buffer + i * 4, pointers[i] ?? 0);
    const ptr = this.allocate(16, type);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, pointers.length * 4);
    this.setI32(ptr + 12, pointers.length);
    return ptr;
  }

  readStringArray(ptr: number): string[] {
    return this.readPointerArray(ptr).map((p) => this.readString(p));
  }

  /** An object whose fields are all pointers (most graph-ts classes crossing the boundary). */
  newObject(fields: readonly number[], type: TypeIdName): number {
    const ptr = this.allocate(fields.length * 4, type);
    for (let i = 0; i < fields.length; i++) this.setU32(ptr + i * 4, fields[i] ?? 0);
    return ptr;
  }

  /** `{ kind: i32, data: u64 }`: graph-ts `Value`, `ethereum.Value` and `JSONValue`. */
  newEnum(kind: number, payload: bigint, type: TypeIdName): number {
    const ptr = this.allocate(16, type);
    this.setI32(ptr, kind);
    this.setU64(ptr + 8, payload);
    return ptr;
  }

  newWrappedBool(value: boolean): number {
    const ptr = this.allocate(4, "WrappedBool");
    this.setU8(ptr, value ? 1 : 0);
    return ptr;
  }
}
