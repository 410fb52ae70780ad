// Assembles whole WebAssembly modules from FunctionBuilders (builder.ts). A module binary is the
// magic "\0asm", the version 1, then numbered sections, each its id, byte size and contents:
//   type (one signature per function), import (the memory, from JavaScript), function (each
//   function's signature index), export (names for the functions), code (the bodies).
// tessera's kernels import their memory rather than declaring it, so JavaScript owns it: it packs
// operands into it through typed arrays and grows it when a product needs more room.
import { ExternalKind, Section } from './opcodes.ts';
import { encodeName, encodeVector, unsignedLeb128 } from './encoding.ts';
import type { FunctionBuilder } from './builder.ts';

/** The imported memory's size limits in 64 KiB pages; a shared memory must state a maximum. */
export interface MemoryLimits {
  initial: number;
  maximum?: number;
  shared?: boolean;
}

export class ModuleBuilder {
  private readonly functions: { name: string; fn: FunctionBuilder }[] = [];
  private memory: { module: string; name: string; limits: MemoryLimits } | null = null;

  /** The module reads and writes the memory passed as imports[module][name] at instantiation. */
  importMemory(module: string, name: string, limits: MemoryLimits): this {
    this.memory = { module, name, limits };
    return this;
  }

  /** Adds a function, exported under `name`. */
  export(name: string, fn: FunctionBuilder): this {
    this.functions.push({ name, fn });
    return this;
  }

  /** The module's binary. */
  encode(): Uint8Array<ArrayBuffer> {
    const fns = this.functions;
    const signature = ({ fn }: { fn: FunctionBuilder }) => [0x60, ...encodeVector(fn.params.map((p) => [p.type])), ...encodeVector(fn.results.map((r) => [r]))];
    const sections = [
      section(Section.type, encodeVector(fns.map(signature))),
      this.memory ? section(Section.import, encodeVector([this.importEntry()])) : [],
      section(Section.function, encodeVector(fns.map((_, i) => unsignedLeb128(i)))),
      section(Section.export, encodeVector(fns.map(({ name }, i) => [...encodeName(name), ExternalKind.function, ...unsignedLeb128(i)]))),
      section(Section.code, encodeVector(fns.map(({ fn }) => fn.encode()))),
    ];
    return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...sections.flat()]);
  }

  /** The memory import: names, kind, then limits (flag 0: minimum only, 1: with maximum, 3: shared). */
  private importEntry(): number[] {
    const { module, name, limits } = this.memory!;
    const { initial, maximum, shared = false } = limits;
    if (shared && maximum === undefined) throw new Error('importMemory: a shared memory needs a maximum size');
    const flag = shared ? 3 : maximum === undefined ? 0 : 1;
    const sizes = maximum === undefined ? unsignedLeb128(initial) : [...unsignedLeb128(initial), ...unsignedLeb128(maximum)];
    return [...encodeName(module), ...encodeName(name), ExternalKind.memory, flag, ...sizes];
  }
}

function section(id: number, contents: number[]): number[] {
  return [id, ...unsignedLeb128(contents.length), ...contents];
}
