// The GEMM inner loops in WebAssembly SIMD, written with the builder: C_block (+)= A_block B_slice
// over packed panels (the "macro-kernel" of the GotoBLAS scheme; gemm.ts does the packing and the
// outer cache-blocking loops). The one thing to understand: an MR x NR tile of C lives in MR*NR/L
// vector registers (L lanes: 2 float64 or 4 float32) for the whole k-loop; each k-step loads NR/L
// vectors of B, splats MR numbers of A, and does MR*NR/L vector multiply-adds. The equivalent loop:
//
//   for jr < nPanels:                                 B panel jr: kc x NR, stays in L1
//     for ir < mPanels:                               A panel ir: MR x kc (column after column)
//       acc[MR][NR] = 0
//       for p < kc: for i < MR: for j < NR: acc[i][j] += A[ir][p*MR + i] * B[jr][p*NR + j]
//       C[ir*MR + i][jr*NR + j] = (add ? C[ir*MR + i][jr*NR + j] : 0) + acc[i][j]
//
// Tiles are chosen by measurement (bench/wasm-tiles.ts); x86-64 has 16 vector registers, so
// MR*NR/L accumulators + NR/L B vectors + 1 A splat should stay at or below 16.
import { FunctionBuilder, type Local } from './builder.ts';
import { ValType } from './opcodes.ts';

export type FloatDType = 'float32' | 'float64';

/** A register tile: MR rows of C by NR columns (NR a multiple of the lane count). */
export interface Tile {
  readonly mr: number;
  readonly nr: number;
}

/** What differs between the float64 and float32 kernels: element size, lanes, and the vector ops. */
export interface Lanes {
  bytes: number;
  lanes: number;
  splat: (f: FunctionBuilder, offset: number) => void;
  mul: (f: FunctionBuilder) => void;
  add: (f: FunctionBuilder) => void;
}
export const LANES: Record<FloatDType, Lanes> = {
  float64: { bytes: 8, lanes: 2, splat: (f, o) => f.v128.load64Splat(o), mul: (f) => f.f64x2.mul(), add: (f) => f.f64x2.add() },
  float32: { bytes: 4, lanes: 4, splat: (f, o) => f.v128.load32Splat(o), mul: (f) => f.f32x4.mul(), add: (f) => f.f32x4.add() },
};

/** The macro-kernel's parameters, in order (all i32; pointers and strides in bytes). */
export const MACRO_KERNEL_PARAMS = ['aPtr', 'bPtr', 'cPtr', 'kc', 'mPanels', 'nPanels', 'ldcBytes', 'bPanelBytes', 'add'] as const;

/** Builds macroKernel(aPtr, bPtr, cPtr, kc, mPanels, nPanels, ldcBytes, bPanelBytes, add):
 *  A panels are MR*kc numbers each, back to back from aPtr; B panel jr starts at bPtr + jr*bPanelBytes
 *  and holds kc rows of NR numbers; C's tile (ir, jr) starts at cPtr + ir*MR*ldcBytes + jr*NR*size. */
export function buildMacroKernel(dtype: FloatDType, tile: Tile): FunctionBuilder {
  const L = LANES[dtype], { mr, nr } = tile, nv = nr / L.lanes;
  if (!Number.isInteger(nv) || nv < 1) throw new Error(`buildMacroKernel: NR = ${nr} must be a multiple of ${L.lanes} for ${dtype}`);
  const f = new FunctionBuilder(MACRO_KERNEL_PARAMS.map(() => ValType.i32));
  const [aPtr, bPtr, cPtr, kc, mPanels, nPanels, ldcBytes, bPanelBytes, add] = f.params;
  const [jr, ir, aP, bP, bEnd, cRow] = [0, 0, 0, 0, 0, 0].map(() => f.local(ValType.i32));
  const acc = Array.from({ length: mr }, () => Array.from({ length: nv }, () => f.local(ValType.v128)));
  const b = Array.from({ length: nv }, () => f.local(ValType.v128));
  const a = f.local(ValType.v128);
  const [rowStep, colStep] = [mr * L.bytes, nr * L.bytes]; // bytes per k-step in an A / B panel
  f.forRange(jr, 0, nPanels, 1, () => {
    f.forRange(ir, 0, mPanels, 1, () => {
      // aP = aPtr + ir * MR*kc*size;  bP = bPtr + jr * bPanelBytes;  bEnd = bP + kc * NR*size
      f.get(aPtr).get(ir).get(kc).i32.mul().i32.const(rowStep).i32.mul().i32.add().set(aP);
      f.get(bPtr).get(jr).get(bPanelBytes).i32.mul().i32.add().tee(bP);
      f.get(kc).i32.const(colStep).i32.mul().i32.add().set(bEnd);
      tileProducts(f, L, { aP, bP, bEnd, a, b, acc }, rowStep, colStep);
      storeTileAt(f, L, { cPtr, ir, jr, cRow, ldcBytes, add, acc }, mr * L.bytes, colStep);
    });
  });
  return f;
}

export interface KStepLocals { aP: Local; bP: Local; a: Local; b: Local[]; acc: Local[][] }

/** One k-step: b[v] = B row (NR numbers); for each i, a = splat(A[i]); acc[i][v] += a * b[v]. */
function kStep(f: FunctionBuilder, L: Lanes, { aP, bP, a, b, acc }: KStepLocals): void {
  b.forEach((bv, v) => f.get(bP).v128.load(v * 16).set(bv));
  acc.forEach((row, i) => {
    f.get(aP);
    L.splat(f, i * L.bytes);
    f.set(a);
    row.forEach((c, v) => {
      f.get(c).get(a).get(b[v]);
      L.mul(f);
      L.add(f);
      f.set(c);
    });
  });
}

/** acc = the tile's products over the panels: from zero, one kStep per row of the panels, A's
 *  pointer advancing aStep bytes and B's colStep bytes, until B's reaches bEnd. */
export function tileProducts(f: FunctionBuilder, L: Lanes, locals: KStepLocals & { bEnd: Local }, aStep: number, colStep: number): void {
  const { aP, bP, bEnd, acc } = locals;
  for (const v of acc.flat()) f.v128.zero().set(v);
  f.loop(() => {
    kStep(f, L, locals);
    f.get(aP).i32.const(aStep).i32.add().set(aP);
    f.get(bP).i32.const(colStep).i32.add().tee(bP).get(bEnd).i32.ltU().brIf(0);
  });
}

/** Stores acc into C's tile (ir, jr) (adds it, when `add` is non-zero), the tile starting at
 *  cRow = cPtr + ir * MR * ldcBytes + jr * colStep. */
export function storeTileAt(f: FunctionBuilder, L: Lanes, locals: StoreLocals & { cPtr: Local; ir: Local; jr: Local }, mrBytes: number, colStep: number): void {
  const { cPtr, ir, jr, cRow, ldcBytes } = locals;
  f.get(cPtr).get(ir).i32.const(mrBytes / L.bytes).i32.mul().get(ldcBytes).i32.mul().i32.add();
  f.get(jr).i32.const(colStep).i32.mul().i32.add().set(cRow);
  storeTile(f, L, locals);
}

export interface StoreLocals { cRow: Local; ldcBytes: Local; add: Local; acc: Local[][] }

/** C tile = acc, or C tile += acc when `add` is non-zero (later k-slices), row after row. */
function storeTile(f: FunctionBuilder, L: Lanes, { cRow, ldcBytes, add, acc }: StoreLocals): void {
  acc.forEach((row, i) => {
    if (i > 0) f.get(cRow).get(ldcBytes).i32.add().set(cRow);
    row.forEach((c, v) => {
      f.get(add).ifElse(() => {
        f.get(c).get(cRow).v128.load(v * 16);
        L.add(f);
        f.set(c);
      });
      f.get(cRow).get(c).v128.store(v * 16);
    });
  });
}
