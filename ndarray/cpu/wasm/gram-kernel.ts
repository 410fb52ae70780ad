// The Gram matrix's inner loops in WebAssembly SIMD: C += XᵀX for one block of rows of X, the tiles
// on and above the diagonal only (np.linalg.gram, linalg/gram-kernel.ts). It is the GEMM macro-kernel
// (gemm-kernel.ts, same tiles, same k-step, same store) with one difference: A is Xᵀ and B is X, the
// same numbers, so the block is packed once, as B panels (NR columns of X, row after row), and an MR-
// column A panel is read inside a B panel, NR numbers further on at each k-step. The loop:
//
//   for jr < nPanels:                                    B panel jr: columns jr*NR ..
//     for ir < min(mPanels, (jr + 1) * NR / MR):          rows of C up to the panel's last column
//       acc[MR][NR] = 0
//       for p < kc: for i < MR: for j < NR:
//         acc[i][j] += X[p][ir*MR + i] * X[p][jr*NR + j]  (both read from the B panels)
//       C[ir*MR + i][jr*NR + j] += acc[i][j]
//
// Every entry of C gets the block's products summed in row order, then added to it: the order of
// gramTile's TypeScript loop, so both give the same bits.
import { FunctionBuilder } from './builder.ts';
import { ValType } from './opcodes.ts';
import { LANES, tileProducts, storeTileAt, type FloatDType, type Tile } from './gemm-kernel.ts';

/** The Gram kernel's parameters, in order (all i32; pointers and strides in bytes). */
export const GRAM_KERNEL_PARAMS = ['bPtr', 'cPtr', 'kc', 'mPanels', 'nPanels', 'ldcBytes', 'bPanelBytes'] as const;

/** Builds gramKernel(bPtr, cPtr, kc, mPanels, nPanels, ldcBytes, bPanelBytes): B panel jr starts at
 *  bPtr + jr*bPanelBytes and holds kc rows of NR numbers; C's tile (ir, jr) starts at
 *  cPtr + ir*MR*ldcBytes + jr*NR*size and is added to (C must start at zero). NR/MR must be a power of 2. */
export function buildGramKernel(dtype: FloatDType, tile: Tile): FunctionBuilder {
  const L = LANES[dtype], { mr, nr } = tile, nv = nr / L.lanes, ratio = nr / mr, shift = Math.log2(ratio);
  if (!Number.isInteger(nv) || nv < 1 || !Number.isInteger(shift)) throw new Error(`buildGramKernel: NR = ${nr} must be a multiple of ${L.lanes} and NR/MR a power of 2`);
  const f = new FunctionBuilder(GRAM_KERNEL_PARAMS.map(() => ValType.i32));
  const [bPtr, cPtr, kc, mPanels, nPanels, ldcBytes, bPanelBytes] = f.params;
  const [jr, ir, irEnd, aP, bP, bEnd, cRow, add] = [0, 0, 0, 0, 0, 0, 0, 0].map(() => f.local(ValType.i32));
  const acc = Array.from({ length: mr }, () => Array.from({ length: nv }, () => f.local(ValType.v128)));
  const b = Array.from({ length: nv }, () => f.local(ValType.v128));
  const a = f.local(ValType.v128);
  const colStep = nr * L.bytes; // bytes per k-step in a panel, for A and B alike
  f.i32.const(1).set(add);
  f.forRange(jr, 0, nPanels, 1, () => {
    // irEnd = min(mPanels, (jr + 1) * NR/MR): the tiles on and above the diagonal
    f.get(jr).i32.const(1).i32.add().i32.const(ratio).i32.mul().set(irEnd);
    f.get(mPanels).get(irEnd).i32.ltS().ifElse(() => f.get(mPanels).set(irEnd));
    f.forRange(ir, 0, irEnd, 1, () => {
      // aP = bPtr + (ir >> shift) * bPanelBytes + (ir & (ratio - 1)) * MR*size: A's columns in a B panel
      f.get(bPtr).get(ir).i32.const(shift).i32.shrU().get(bPanelBytes).i32.mul().i32.add();
      f.get(ir).i32.const(ratio - 1).i32.and().i32.const(mr * L.bytes).i32.mul().i32.add().set(aP);
      // bP = bPtr + jr * bPanelBytes;  bEnd = bP + kc * NR*size
      f.get(bPtr).get(jr).get(bPanelBytes).i32.mul().i32.add().tee(bP);
      f.get(kc).i32.const(colStep).i32.mul().i32.add().set(bEnd);
      // both pointers step one panel row (NR numbers) per k-step: A is read inside the B panels
      tileProducts(f, L, { aP, bP, bEnd, a, b, acc }, colStep, colStep);
      storeTileAt(f, L, { cPtr, ir, jr, cRow, ldcBytes, add, acc }, mr * L.bytes, colStep);
    });
  });
  return f;
}
