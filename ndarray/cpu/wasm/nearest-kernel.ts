// np.nearestRows' scores in WebAssembly SIMD: for each row x of a block and each center c_j,
// score_j = ‖c_j‖² + (-2 x·c_j) (nearest.ts takes the argmin). Centers come in groups of 8, packed
// feature by feature (c_8g[p], ..., c_8g+7[p] side by side), so one feature of x, splatted, meets
// 8 centers in 4 f64x2 vectors; two rows share each load of the centers, giving 8 independent running
// sums. Each dot product still adds its terms in order of the features, from zero, so the scores are
// those of scorePair's TypeScript loop, bit for bit. The loop:
//
//   for r < rows, 2 at a time:                        (rows even: the caller repeats an odd last row)
//     for g < groups:                                  centers 8g .. 8g+7
//       acc[2][4] = 0
//       for p < f: for v < 4: acc[i][v] += x[r+i][p] * C[g][p][2v .. 2v+1]
//       scores[r+i][8g + 2v ..] = norms[8g + 2v ..] + (-2) * acc[i][v]
import { FunctionBuilder, type Local } from './builder.ts';
import { ValType } from './opcodes.ts';

/** Centers per group: 4 vectors of 2 float64. */
export const NEAREST_GROUP = 8;

/** The kernel's parameters, in order (all i32; pointers in bytes). */
export const NEAREST_KERNEL_PARAMS = ['xPtr', 'rows', 'f', 'cPtr', 'groups', 'normsPtr', 'sPtr'] as const;

/** Builds nearestScores(xPtr, rows, f, cPtr, groups, normsPtr, sPtr): x is rows x f (row-major, rows
 *  even), the packed centers groups x f x 8, norms groups*8 numbers, scores rows x groups*8. */
export function buildNearestKernel(): FunctionBuilder {
  const f = new FunctionBuilder(NEAREST_KERNEL_PARAMS.map(() => ValType.i32));
  const [xPtr, rows, nf, cPtr, groups, normsPtr, sPtr] = f.params;
  const [r, g, xa, xb, xEnd, cP, rowBytes, sRow] = [0, 0, 0, 0, 0, 0, 0, 0].map(() => f.local(ValType.i32));
  const acc = [0, 1].map(() => [0, 1, 2, 3].map(() => f.local(ValType.v128)));
  const [a, b, c, minusTwo] = [0, 0, 0, 0].map(() => f.local(ValType.v128));
  f.f64.const(-2).f64x2.splat().set(minusTwo);
  f.get(nf).i32.const(8).i32.mul().set(rowBytes);
  f.forRange(r, 0, rows, 2, () => {
    // xa = xPtr + r*f*8 (row r), xb = xa + f*8 (row r + 1), xEnd = xb
    f.get(xPtr).get(r).get(rowBytes).i32.mul().i32.add().set(xa);
    f.forRange(g, 0, groups, 1, () => {
      for (const v of acc.flat()) f.v128.zero().set(v);
      f.get(xa).get(rowBytes).i32.add().tee(xEnd).set(xb);
      f.get(cPtr).get(g).get(rowBytes).i32.mul().i32.const(NEAREST_GROUP).i32.mul().i32.add().set(cP);
      // the feature loop: xa walks row r up to xEnd, xb row r + 1, cP the group's packed centers
      f.loop(() => {
        f.get(xa).v128.load64Splat().set(a);
        f.get(xb).v128.load64Splat().set(b);
        for (let v = 0; v < 4; v++) {
          f.get(cP).v128.load(v * 16).set(c);
          multiplyAdd(f, acc[0][v], a, c);
          multiplyAdd(f, acc[1][v], b, c);
        }
        f.get(cP).i32.const(NEAREST_GROUP * 8).i32.add().set(cP);
        f.get(xb).i32.const(8).i32.add().set(xb);
        f.get(xa).i32.const(8).i32.add().tee(xa).get(xEnd).i32.ltU().brIf(0);
      });
      f.get(xa).get(rowBytes).i32.sub().set(xa); // back to the start of row r
      // sRow = sPtr + (r * groups*8 + g*8) * 8: the group's scores for row r; row r + 1 is groups*64 further
      f.get(sPtr).get(r).get(groups).i32.mul().get(g).i32.add().i32.const(NEAREST_GROUP * 8).i32.mul().i32.add().set(sRow);
      for (let i = 0; i < 2; i++) {
        for (let v = 0; v < 4; v++) {
          f.get(sRow);
          if (i === 1) f.get(groups).i32.const(NEAREST_GROUP * 8).i32.mul().i32.add();
          // norms[8g + 2v ..] + (-2) * acc
          f.get(normsPtr).get(g).i32.const(NEAREST_GROUP * 8).i32.mul().i32.add().v128.load(v * 16);
          f.get(minusTwo).get(acc[i][v]).f64x2.mul().f64x2.add();
          f.v128.store(v * 16);
        }
      }
    });
  });
  return f;
}

/** acc = acc + x * c, lane by lane (a multiply, then an add: no fused rounding). */
function multiplyAdd(f: FunctionBuilder, acc: Local, x: Local, c: Local): void {
  f.get(acc).get(x).get(c).f64x2.mul().f64x2.add().set(acc);
}
