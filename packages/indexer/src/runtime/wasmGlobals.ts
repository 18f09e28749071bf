/**
 * Rewrites a WebAssembly binary so every mutable global it defines is also exported as `__global_<i>`.
 * The AssemblyScript stub runtime keeps its allocation pointer (and the mapping keeps its module-level
 * variables) in such globals; exporting them lets the host snapshot and restore the whole instance state
 * (memory + globals) instead of instantiating afresh for every handler.
 */
export const GLOBAL_EXPORT_PREFIX = "__global_";

class Cursor {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
  ) {}

  byte(): number {
    const b = this.bytes[this.pos++];
    if (b === undefined) throw new Error("unexpected end of WebAssembly binary");
    return b;
  }

  uleb(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  }

  skipLeb(): void {
    while ((this.byte() & 0x80) !== 0) {
      // continuation bytes
    }
  }

  skip(n: number): void {
    this.pos += n;
  }

  skipLimits(): void {
    const flags = this.byte();
    this.uleb();
    if ((flags & 1) !== 0) this.uleb();
  }

  /** Skips a constant expression up to and including its `end`. */
  skipInitExpr(): void {
    for (;;) {
      const op = this.byte();
      if (op === 0x0b) return;
      if (op === 0x41 || op === 0x42 || op === 0x23 || op === 0xd2) this.skipLeb();
      else if (op === 0x43) this.skip(4);
      else if (op === 0x44) this.skip(8);
      else if (op === 0xd0) this.byte();
      else throw new Error(`unsupported opcode 0x${op.toString(16)} in a global initializer`);
    }
  }
}

function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value;
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

export function exportMutableGlobals(wasm: Uint8Array): Uint8Array {
  const sections: { id: number; start: number; end: number; contentStart: number }[] = [];
  const c = new Cursor(wasm, 8);
  while (c.pos < wasm.length) {
    const start = c.pos;
    const id = c.byte();
    const size = c.uleb();
    sections.push({ id, start, contentStart: c.pos, end: c.pos + size });
    c.pos += size;
  }

  let importedGlobals = 0;
  const importSection = sections.find((s) => s.id === 2);
  if (importSection !== undefined) {
    const r = new Cursor(wasm, importSection.contentStart);
    const count = r.uleb();
    for (let i = 0; i < count; i++) {
      r.skip(r.uleb());
      r.skip(r.uleb());
      const kind = r.byte();
      if (kind === 0) r.uleb();
      else if (kind === 1) {
        r.byte();
        r.skipLimits();
      } else if (kind === 2) r.skipLimits();
      else if (kind === 3) {
        r.byte();
        r.byte();
        importedGlobals++;
      } else throw new Error(`unsupported import kind ${kind}`);
    }
  }

  const mutable: number[] = [];
  const globalSection = sections.find((s) => s.id === 6);
  if (globalSection !== undefined) {
    const r = new Cursor(wasm, globalSection.contentStart);
    const count = r.uleb();
    for (let i = 0; i < count; i++) {
      r.byte();
      const mut = r.byte();
      r.skipInitExpr();
      if (mut === 1) mutable.push(importedGlobals + i);
    }
  }
  if (mutable.length === 0) return wasm;

  const added: number[] = [];
  for (const index of mutable) {
    const name = Buffer.from(`${GLOBAL_EXPORT_PREFIX}${index}`, "utf8");
    added.push(...uleb(name.length), ...name, 0x03, ...uleb(index));
  }

  const exportSection = sections.find((s) => s.id === 7);
  let newExport: number[];
  if (exportSection === undefined) {
    const body = [...uleb(mutable.length), ...added];
    newExport = [7, ...uleb(body.length), ...body];
  } else {
    const r = new Cursor(wasm, exportSection.contentStart);
    const count = r.uleb();
    const rest = wasm.subarray(r.pos, exportSection.end);
    const body = [...uleb(count + mutable.length), ...rest, ...added];
    newExport = [7, ...uleb(body.length), ...body];
  }

  const parts: Uint8Array[] = [wasm.subarray(0, 8)];
  let inserted = false;
  for (const s of sections) {
    if (s.id === 7) {
      parts.push(Uint8Array.from(newExport));
      inserted = true;
    } else {
      // The export section (7) must come after the global section (6) and before start/elem/code.
      if (!inserted && s.id !== 0 && s.id > 7) {
        parts.push(Uint8Array.from(newExport));
        inserted = true;
      }
      parts.push(wasm.subarray(s.start, s.end));
    }
  }
  if (!inserted) parts.push(Uint8Array.from(newExport));
  return Uint8Array.from(Buffer.concat(parts));
}
