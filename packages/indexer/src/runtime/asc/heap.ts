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
 * Reads and writes AssemblyScript 0.19 objects in a module's linear memory. Every object has a 20-byte
 * header; the runtime type id is at `ptr - 8` and the payload size at `ptr - 4`. The stub runtime never
 * frees, so nothing allocated here needs pinning while a handler runs.
 */
export class AscHeap {
  private buffer: ArrayBuffer;
  private u8: Uint8Array;
  private view: DataView;
  private readonly ids: Partial<Record<TypeIdName, number>> = {};

  constructor(private readonly exports: MappingExports) {
    this.buffer = exports.memory.buffer;
    this.u8 = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
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
    return utf16.decode(this.u8.subarray(ptr, ptr + size));
  }

  newString(text: string): number {
    const ptr = this.allocate(text.length * 2, "String");
    this.sync();
    for (let i = 0; i < text.length; i++) this.view.setUint16(ptr + i * 2, text.charCodeAt(i), true);
    return ptr;
  }

  /** A copy of a typed array's (`Uint8Array`, `Bytes`, `BigInt`, `Address`) bytes. */
  readBytes(ptr: number): Uint8Array {
    const dataStart = this.u32(ptr + 4);
    const length = this.u32(ptr + 8);
    this.sync();
    return this.u8.slice(dataStart, dataStart + length);
  }

  newArrayBuffer(bytes: Uint8Array): number {
    const ptr = this.allocate(bytes.length, "ArrayBuffer");
    this.sync();
    this.u8.set(bytes, ptr);
    return ptr;
  }

  newBytes(bytes: Uint8Array): number {
    const buffer = this.newArrayBuffer(bytes);
    const ptr = this.allocate(12, "Uint8Array");
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, bytes.length);
    return ptr;
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
