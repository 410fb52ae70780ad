// The WebAssembly emitter (ndarray/cpu/wasm/) and the Wasm GEMM kernels. First the emitter's pieces
// on cases small enough to check by hand (LEB128 bytes, a module adding two numbers, a loop, one SIMD
// multiply), then matrix products on both kernels against a plain triple loop in doubles, on shapes
// that do not divide the register tile or the cache blocks, on transposed and sliced views and k = 0.
// float64 must match the loop to 1e-12 and give the TypeScript kernel's bits; float32 to 1e-5.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import type { NDArray } from '../ndarray/ndarray.ts';
import { signedLeb128, unsignedLeb128 } from '../ndarray/cpu/wasm/encoding.ts';
import { FunctionBuilder } from '../ndarray/cpu/wasm/builder.ts';
import { ModuleBuilder } from '../ndarray/cpu/wasm/module.ts';
import { ValType } from '../ndarray/cpu/wasm/opcodes.ts';
import { getCpuKernels, hasWasmSimd, mainThreadGemm, setCpuKernels } from '../ndarray/cpu/wasm/kernels.ts';
import { wasmGemm } from '../ndarray/cpu/wasm/gemm.ts';
import { packPanels } from '../ndarray/cpu/gemm-blocked.ts';
import { parallelProductCount } from '../ndarray/cpu/threads.ts';

test('worked example: [[1, 2], [3, 4]] @ [[5, 6], [7, 8]] = [[19, 22], [43, 50]] on the Wasm kernel', () => {
  setCpuKernels('wasm');
  for (const dtype of ['float64', 'float32'] as const) {
    const c = np.matmul(np.array([[1, 2], [3, 4]], { dtype }), np.array([[5, 6], [7, 8]], { dtype }));
    assert.equal(c.toArraySync(), [[19, 22], [43, 50]]);
  }
});

test('LEB128: 7 bits a byte, low bits first; signed numbers stop at a sign-extended byte', () => {
  assert.equal(unsignedLeb128(0), [0x00]);
  assert.equal(unsignedLeb128(127), [0x7f]);
  assert.equal(unsignedLeb128(128), [0x80, 0x01]);
  assert.equal(unsignedLeb128(300), [0xac, 0x02]);
  assert.equal(unsignedLeb128(2 ** 32 - 1), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.equal(signedLeb128(0), [0x00]);
  assert.equal(signedLeb128(63), [0x3f]);
  assert.equal(signedLeb128(64), [0xc0, 0x00]);
  assert.equal(signedLeb128(-1), [0x7f]);
  assert.equal(signedLeb128(-64), [0x40]);
  assert.equal(signedLeb128(-65), [0xbf, 0x7f]);
  assert.equal(signedLeb128(-(2 ** 31)), [0x80, 0x80, 0x80, 0x80, 0x78]);
  assert.throws(() => unsignedLeb128(-1), /expected an integer in \[0, 2\^32\), got -1/);
  assert.throws(() => signedLeb128(0.5), /expected a 32-bit integer, got 0.5/);
});

/** The exports of a one-function module over a fresh memory of one page. */
function instantiate(name: string, f: FunctionBuilder): [Record<string, CallableFunction>, WebAssembly.Memory] {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const module = new WebAssembly.Module(new ModuleBuilder().importMemory('env', 'memory', { initial: 1 }).export(name, f).encode());
  return [new WebAssembly.Instance(module, { env: { memory } }).exports as Record<string, CallableFunction>, memory];
}

test('a tiny module: add(a, b) = a + b', () => {
  const f = new FunctionBuilder([ValType.i32, ValType.i32], [ValType.i32]);
  const [a, b] = f.params;
  f.get(a).get(b).i32.add();
  const [exports] = instantiate('add', f);
  assert.is(exports.add(2, 40), 42);
  assert.is(exports.add(-5, 3), -2);
});

test('a loop over memory: sum(ptr, n) = x[0] + ... + x[n-1] (float64)', () => {
  const f = new FunctionBuilder([ValType.i32, ValType.i32], [ValType.f64]);
  const [ptr, n] = f.params;
  const [i, s] = [f.local(ValType.i32), f.local(ValType.f64)];
  // for (i = 0; i < n; i++) s += x[i]   (a do-while: the caller passes n >= 1)
  f.forRange(i, 0, n, 1, () => {
    f.get(s).get(ptr).get(i).i32.const(3).i32.shl().i32.add().f64.load().f64.add().set(s);
  });
  f.get(s);
  const [exports, memory] = instantiate('sum', f);
  new Float64Array(memory.buffer, 64, 5).set([1, 2, 3, 4, 5.5]);
  assert.is(exports.sum(64, 5), 15.5);
});

test('SIMD: f64x2.mul of two vectors in memory, stored back', () => {
  const f = new FunctionBuilder([ValType.i32]);
  const [ptr] = f.params;
  f.get(ptr).get(ptr).v128.load(0).get(ptr).v128.load(16).f64x2.mul().v128.store(32);
  const [exports, memory] = instantiate('mul', f);
  const x = new Float64Array(memory.buffer, 0, 6);
  x.set([1.5, -2, 4, 8]);
  exports.mul(0);
  assert.equal([...x.subarray(4)], [6, -16]);
  assert.ok(hasWasmSimd(), 'Node 20 has WebAssembly SIMD');
});

test('a shared memory import states its maximum and instantiates over a shared WebAssembly.Memory', () => {
  const f = new FunctionBuilder([]);
  const bytes = new ModuleBuilder().importMemory('env', 'memory', { initial: 1, maximum: 4, shared: true }).export('noop', f).encode();
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
  assert.ok(new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }));
  assert.throws(() => new ModuleBuilder().importMemory('env', 'memory', { initial: 1, shared: true }).encode(), /needs a maximum/);
});

test('setCpuKernels chooses, getCpuKernels tells; a wrong name is refused', () => {
  assert.is(setCpuKernels('ts'), 'ts');
  assert.is(getCpuKernels(), 'ts');
  assert.is(setCpuKernels('wasm'), 'wasm');
  assert.throws(() => setCpuKernels('simd' as 'wasm'), /expected 'ts' or 'wasm', got "simd"/);
});

/** A @ B by the plain triple loop, in doubles, from the arrays' values in C order. */
function naive(a: NDArray, b: NDArray): Float64Array {
  const [m, k] = a.shape, n = b.shape[1];
  const [x, y] = [a.dataSync(), b.dataSync()];
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) c[i * n + j] += x[i * k + p] * y[p * n + j];
  return c;
}

/** |c - expected| <= tol * (|A| |B|)_ij, elementwise (the size of the rounding each sum can make). */
function assertClose(c: NDArray, a: NDArray, b: NDArray, tol: number, what: string): void {
  const expected = naive(a, b), scale = naive(np.abs(a), np.abs(b)), got = c.dataSync();
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(got[i] - expected[i]) <= tol * scale[i])) assert.unreachable(`${what}[${i}]: ${got[i]} vs ${expected[i]}`);
  }
}

const rng = new np.random.RandomState(3);
const SHAPES: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [17, 33, 65], [2, 300, 9], [130, 257, 70], [5, 0, 4]];
/** Operand views of each kind: A (m x k) and B (k x n) as given, transposed, or sliced from bigger arrays. */
const VIEWS: [string, (m: number, k: number, n: number) => [NDArray, NDArray]][] = [
  ['contiguous', (m, k, n) => [rng.standardNormal([m, k]), rng.standardNormal([k, n])]],
  ['transposed', (m, k, n) => [rng.standardNormal([k, m]).T, rng.standardNormal([n, k]).T]],
  ['sliced', (m, k, n) => [rng.standardNormal([2 * m, k + 3]).get('::2', '3:'), rng.standardNormal([k, 2 * n + 1]).get(':', '1::2')]],
];

for (const [m, k, n] of SHAPES) {
  test(`${m}x${k} @ ${k}x${n}: Wasm and TypeScript kernels against the plain loop (views, both dtypes)`, () => {
    for (const [view, make] of VIEWS) {
      const [a64, b64] = make(m, k, n);
      setCpuKernels('wasm');
      const wasm64 = np.matmul(a64, b64);
      assertClose(wasm64, a64, b64, 1e-12, `${view} float64`);
      const [a32, b32] = [a64.astype('float32'), b64.astype('float32')];
      assertClose(np.matmul(a32, b32), a32, b32, 1e-5, `${view} float32`);
      setCpuKernels('ts');
      assert.ok(np.arrayEqualSync(wasm64, np.matmul(a64, b64)), `${view}: float64 gives the TypeScript kernel's bits`);
    }
    setCpuKernels('wasm');
  });
}

test('packPanels: panels `width` columns wide, row after row, zeros past the last column, from any strides', () => {
  const data = Float64Array.from({ length: 5000 }, (_, i) => i + 0.5);
  for (const [rows, cols] of [[1, 1], [7, 5], [13, 70], [3, 130]]) {
    for (const width of [2, 3, 4, 8, 12]) {
      for (const [rs, cs] of [[cols, 1], [1, rows], [-cols, 1], [2 * cols, 2]]) {
        const x = { data, offset: 2500, rs, cs }, panels = Math.ceil(cols / width);
        const got = new Float64Array(3 + panels * rows * width + 2).fill(-1);
        packPanels(x, 1, rows, 0, cols, got, width, 3);
        const want = new Float64Array(got.length).fill(-1);
        for (let P = 0; P < panels; P++) {
          for (let p = 0; p < rows; p++) {
            for (let j = 0; j < width; j++) {
              const col = P * width + j;
              want[3 + (P * rows + p) * width + j] = col < cols ? data[2500 + (1 + p) * rs + col * cs] : 0;
            }
          }
        }
        assert.equal(Array.from(got), Array.from(want), `${rows} x ${cols}, width ${width}, strides ${rs}, ${cs}`);
      }
    }
  }
});

test('wasmGemm writes into C at an offset with rows ldc apart, leaving the rest alone', () => {
  const [m, n, k, ldc, co] = [5, 6, 7, 10, 3];
  const a = Float64Array.from({ length: m * k }, (_, i) => i % 5 - 2), b = Float64Array.from({ length: k * n }, (_, i) => i % 3);
  const out = new Float64Array(co + m * ldc).fill(-1);
  assert.ok(wasmGemm(mainThreadGemm(), m, n, k, { data: a, offset: 0, rs: k, cs: 1 }, { data: b, offset: 0, rs: n, cs: 1 }, out, co, ldc));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < ldc; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      const at = co + i * ldc + j;
      assert.is(out[at], j < n ? s : -1, `out[${at}]`);
    }
  }
});

test('a small B block (k cut into blocks, C copied out and back in) gives the same bits as one block', () => {
  const [m, n, k] = [130, 70, 900]; // MC = 128 rows, so two row blocks too
  for (const dtype of ['float64', 'float32'] as const) {
    const w = mainThreadGemm(), size = dtype === 'float64' ? 8 : 4;
    // 2 panels of 8 columns by KC = 256 rows: NC = 16 (5 column blocks), KB = 256 (4 k blocks)
    const small = { ...w, plans: { ...w.plans, [dtype]: { ...w.plans[dtype], bBytes: 2 * 8 * 256 * size } } };
    const a = np.asTypedArray(rng.standardNormal([m, k]).astype(dtype)), b = np.asTypedArray(rng.standardNormal([k, n]).astype(dtype));
    const [A, B] = [{ data: a, offset: 0, rs: k, cs: 1 }, { data: b, offset: 0, rs: n, cs: 1 }];
    const [one, blocked] = [np.asTypedArray(np.zeros([m, n], { dtype })), np.asTypedArray(np.zeros([m, n], { dtype }))];
    assert.ok(wasmGemm(w, m, n, k, A, B, one, 0, n) && wasmGemm(small, m, n, k, A, B, blocked, 0, n));
    assert.equal(Array.from(blocked), Array.from(one), `${dtype}: same bits`);
  }
});

test('the Wasm kernel gives the same bits on one thread and two (rows and columns shared)', async () => {
  setCpuKernels('wasm');
  for (const [m, k, n] of [[701, 300, 90], [40, 500, 803]]) {
    const a = rng.standardNormal([m, k]), b = rng.standardNormal([k, n]);
    for (const dtype of ['float64', 'float32'] as const) {
      const [x, y] = [a.astype(dtype), b.astype(dtype)];
      np.setNumThreads(1);
      const single = np.matmul(x, y);
      np.setNumThreads(2);
      await np.startThreads();
      const before = parallelProductCount();
      const split = np.matmul(x, y);
      assert.is(parallelProductCount() - before, 1, `${m}x${k}x${n} ${dtype} was split`);
      assert.ok(np.arrayEqualSync(single, split), `${m}x${k}x${n} ${dtype}: same bits`);
    }
  }
});

test.run();
