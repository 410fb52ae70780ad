// What crosses the TypeScript/WGSL border, checked without a GPU: this file reads shaders/*.wgsl as text
// and compares (a) the op, reduction, activation and dtype codes the shaders name with the TypeScript
// tables, (b) that no `switch` still says `case 14u`, (c) the workgroup sizes, and (d) the uniform
// structs against what every dispatcher writes, by running the dispatchers on a fake engine that packs
// each record into its shader's struct. So a drift fails on every machine, not only where WebGPU runs.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { View } from '../ndarray/backend.ts';
import { BINARY_OPS, UNARY_OPS } from '../ndarray/ops.ts';
import { cStrides, shapeSize } from '../ndarray/shape.ts';
import * as C from '../ndarray/webgpu/constants.ts';
import { CT, DT_CODES } from '../ndarray/webgpu/dtypes.ts';
import { uniformLayout, type Dispatch, type Engine } from '../ndarray/webgpu/engine.ts';
import { packUniforms, parseUniformStruct } from '../ndarray/webgpu/uniforms.ts';
import type { WebGPUBackend } from '../ndarray/webgpu/backend.ts';
import type { GpuView } from '../ndarray/webgpu/storage.ts';
import * as ew from '../ndarray/webgpu/copy.ts';
import * as ufunc from '../ndarray/webgpu/elementwise.ts';
import * as red from '../ndarray/webgpu/reduce.ts';
import * as mm from '../ndarray/webgpu/matmul.ts';
import * as gat from '../ndarray/webgpu/gather.ts';
import * as srt from '../ndarray/webgpu/sort.ts';
import { softmaxRows, stepViews } from '../ndarray/webgpu/fused.ts';

const test = suite('wgsl names');
const SHADERS = resolve('shaders');
const shaders = new Map(readdirSync(SHADERS).filter((f) => f.endsWith('.wgsl')).map((f) => [f, readFileSync(join(SHADERS, f), 'utf8')]));
const shader = (file: string): string => {
  const text = shaders.get(file);
  if (text === undefined) throw new Error(`shaders/${file} not found`);
  return text;
};

/** The module-scope `const NAME[: T] = EXPR;` declarations of a WGSL text, as written. */
function wgslConsts(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^const\s+(\w+)\s*(?::\s*\w+)?\s*=\s*([^;]+);/gm)].map((m) => [m[1], m[2].trim()]));
}

/** A const expression's value: numbers (`16u`), other consts, and products of them (`WG * PER_THREAD`). */
function evaluate(expr: string, consts: Map<string, string>): number {
  return expr.split('*').map((t) => t.trim()).reduce((product, term) => {
    const value = /^\d+u?$/.test(term) ? parseInt(term) : consts.has(term) ? evaluate(consts.get(term)!, consts) : NaN;
    return product * value;
  }, 1);
}

// ---- worked examples first ------------------------------------------------------------------------
test('a TypeScript name becomes its WGSL constant; a struct is laid out by WGSL uniform rules', () => {
  assert.is(C.wgslName('OP', 'lessEqual'), 'OP_LESS_EQUAL');
  assert.is(C.wgslName('REDUCE', 'sum'), 'REDUCE_SUM');
  assert.is(wgslConsts(shader('binary.wgsl')).get('OP_LESS_EQUAL'), `${BINARY_OPS.get('lessEqual')!.code}u`);
  // offsets: vec4u at 0 (16 bytes), then scalars every 4 bytes; the size rounds up to 16.
  const layout = parseUniformStruct(['struct P { offsets: vec4u, n: u32, lr: f32 }'], 'P', 'example');
  assert.equal(layout.fields.map((f) => [f.name, f.offset]), [['offsets', 0], ['n', 16], ['lr', 20]]);
  assert.is(layout.size, 32);
  const bytes = packUniforms(layout, { offsets: [1, 2, 3, 4], n: 5, lr: 0.5 });
  assert.equal([...new Uint32Array(bytes.buffer, 0, 5)], [1, 2, 3, 4, 5]);
  assert.is(new Float32Array(bytes.buffer)[5], 0.5);
  assert.throws(() => packUniforms(layout, { offsets: [1, 2, 3, 4], n: 5 }), /example: no value for field 'lr' of struct P \{ offsets: vec4u, n: u32, lr: f32 \}/);
  assert.throws(() => packUniforms(layout, { offsets: [1, 2, 3, 4], n: 5, lr: 1, M: 2 }), /'M' is not a field of struct P/);
});

// ---- (a) codes ------------------------------------------------------------------------------------
interface Family { file: string; prefix: string; codes: Readonly<Record<string, number>>; name?: (key: string) => string }
const fromTable = (ops: ReadonlyMap<string, { code: number }>): Record<string, number> => Object.fromEntries([...ops].map(([k, op]) => [k, op.code]));
/** float32 -> DT_F32, uint8 -> DT_U8, bool -> DT_BOOL (common.wgsl spells dtypes by kind and bits). */
const dtName = (d: string): string => `DT_${d.replace('float', 'f').replace('uint', 'u').replace('int', 'i').toUpperCase()}`;

const FAMILIES: Family[] = [
  { file: 'binary.wgsl', prefix: 'OP', codes: fromTable(BINARY_OPS) },
  { file: 'unary.wgsl', prefix: 'OP', codes: fromTable(UNARY_OPS) },
  { file: 'reduce.wgsl', prefix: 'REDUCE', codes: C.REDUCE_CODES },
  { file: 'argreduce.wgsl', prefix: 'REDUCE', codes: C.ARG_REDUCE_CODES },
  { file: 'scan.wgsl', prefix: 'SCAN', codes: C.SCAN_CODES },
  { file: 'sort.wgsl', prefix: 'SORT', codes: C.SORT_CODES },
  { file: 'matmul.wgsl', prefix: 'ACT', codes: Object.fromEntries(C.ACTIVATIONS.map((a, i) => [a, i])) },
  { file: 'common.wgsl', prefix: 'DT', codes: DT_CODES, name: dtName },
  { file: 'common.wgsl', prefix: 'CT', codes: CT },
];

/** Disagreements between the code tables and the WGSL constants of `texts` (file -> text). */
function checkCodes(texts: ReadonlyMap<string, string>): string[] {
  const errors: string[] = [];
  for (const { file, prefix, codes, name = (k: string) => C.wgslName(prefix, k) } of FAMILIES) {
    const consts = wgslConsts(texts.get(file) ?? '');
    const expected = new Map(Object.entries(codes).map(([k, code]) => [name(k), code]));
    for (const [constName, code] of expected) {
      if (!consts.has(constName)) errors.push(`${file}: no \`const ${constName}: u32 = ${code}u;\``);
      else if (evaluate(consts.get(constName)!, consts) !== code) errors.push(`${file}: ${constName} is ${consts.get(constName)}, TypeScript's code is ${code}`);
    }
    for (const constName of consts.keys()) {
      if (constName.startsWith(`${prefix}_`) && !expected.has(constName)) errors.push(`${file}: ${constName} names no ${prefix} code of the TypeScript table`);
    }
  }
  return errors;
}

test('(a) every op, reduction, activation and dtype code has its WGSL constant, with the same value', () => {
  assert.equal(checkCodes(shaders), []);
  const counts = FAMILIES.map((f) => Object.keys(f.codes).length);
  assert.is(counts.reduce((a, b) => a + b), 28 + 34 + 6 + 2 + 2 + 2 + 7 + 8 + 3);
});

// ---- (b) no bare numbers where a code is meant ------------------------------------------------------
/** `case 14u`, `OP == 0u` and `@workgroup_size(256)` in `texts`, as file:line messages. */
function checkBareNumbers(texts: ReadonlyMap<string, string>): string[] {
  const errors: string[] = [];
  const patterns: [RegExp, string][] = [
    [/\bcase\s[^:{]*\b\d+u?\b/, 'a case selector is a number: name it with a const'],
    [/\b(?:OP|ACT)\s*(?:==|!=|>=|<=|<|>)\s*\d/, 'an op code compared with a number: use its const'],
    [/@workgroup_size\([^)]*\d/, 'a workgroup size is a number: use WG or the TILE_ consts'],
  ];
  for (const [file, text] of texts) {
    text.split('\n').forEach((line, i) => {
      for (const [pattern, why] of patterns) if (pattern.test(line.replace(/\/\/.*$/, ''))) errors.push(`${file}:${i + 1}: ${why}: ${line.trim()}`);
    });
  }
  return errors;
}

test('(b) no shader switches on a bare number', () => {
  assert.equal(checkBareNumbers(shaders), []);
});

// ---- (c) shared sizes -------------------------------------------------------------------------------
const SIZES: [file: string, name: string, value: number][] = [
  ['common.wgsl', 'WG', C.WG], ['common.wgsl', 'PER_THREAD', C.PER_THREAD], ['common.wgsl', 'BLOCK', C.BLOCK],
  ['matmul.wgsl', 'TILE_COLS', C.TILE_COLS], ['matmul.wgsl', 'TILE_ROWS', C.TILE_ROWS],
];

function checkSizes(texts: ReadonlyMap<string, string>): string[] {
  return SIZES.flatMap(([file, name, value]) => {
    const consts = wgslConsts(texts.get(file) ?? '');
    const got = consts.has(name) ? evaluate(consts.get(name)!, consts) : undefined;
    return got === value ? [] : [`${file}: ${name} is ${consts.get(name) ?? 'missing'}, constants.ts says ${value}`];
  });
}

test('(c) workgroup sizes, BLOCK and the matmul tile agree with constants.ts', () => {
  assert.equal(checkSizes(shaders), []);
  assert.is(C.TILE, C.TILE_ROWS * 4);
  assert.is(C.TILE, C.TILE_COLS * 4);
});

// ---- (d) uniform structs ----------------------------------------------------------------------------
test('(d) every uniform struct parses, with the sizes WGSL gives it', () => {
  // Worked by hand: arrays of vec4 take 16 bytes an element; scalars 4; the total rounds up to 16.
  const expected: Record<string, number> = {
    'copy.wgsl': 288, // Elementwise: 8x16 axes + 8x16 strides + 16 offsets + n, word, scalar (12) -> 284 -> 288
    'matmul.wgsl': 192, // 4 axis arrays (128) + 14 scalars (56) = 184 -> 192
    'gemv.wgsl': 176, // 128 + 11 scalars (44) = 172 -> 176
    'reduce.wgsl': 192, // 5 axis arrays (160) + 8 scalars (32)
    'argreduce.wgsl': 128, // 96 + 24 = 120 -> 128
    'scan.wgsl': 144, // 96 + 36 = 132 -> 144
    'sort.wgsl': 144, // 96 + 12 scalars (48)
    'optimizers.wgsl': 48, // vec4u (16) + 7 scalars (28) = 44 -> 48
    'softmax.wgsl': 16,
  };
  for (const [file, text] of shaders) {
    if (!/var<uniform>/.test(text)) continue;
    const layout = uniformLayout(text, file);
    if (file in expected) assert.is(layout.size, expected[file], `${file}: struct ${layout.struct} size`);
    let end = 0;
    for (const f of layout.fields) {
      assert.ok(f.offset >= end && f.offset % (f.elements > 1 || f.components > 2 ? 16 : 4) === 0, `${file}: ${f.name} at ${f.offset}`);
      end = f.offset + f.stride * (f.elements - 1) + 4 * f.components;
    }
  }
});

/** Where a kernel's source came from (the bundler inlines the .wgsl text as it is on disk). */
const fileOf = (source: string): string => [...shaders].find(([, text]) => text === source)?.[0] ?? '(unknown shader)';

/** A backend whose engine only packs each dispatch's record into its kernel's struct (which throws on
 *  a missing or unknown field) and checks the pipeline constants are overrides the shader declares. */
function fakeBackend(seen: Set<string>): WebGPUBackend {
  const buf = {} as GpuView['buf'];
  const asGpu = (v: Omit<GpuView, 'buf'>): GpuView => ({ buf, dtype: v.dtype, shape: v.shape, strides: v.strides, offset: v.offset });
  const temp = (dtype: GpuView['dtype'], shape: number[]): GpuView => asGpu({ dtype, shape, strides: cStrides(shape), offset: 0 });
  const engine = {
    dispatch(d: Dispatch) {
      const file = fileOf(d.kernel.source);
      packUniforms(d.kernel.params, d.params);
      const overrides = new Set([...`${d.kernel.source}\n${shader('common.wgsl')}`.matchAll(/override\s+(\w+)/g)].map((m) => m[1]));
      for (const name of Object.keys(d.constants ?? {})) assert.ok(overrides.has(name), `${file} has no override ${name}`);
      seen.add(`${file}:${d.kernel.entry}`);
    },
    clear() {},
    copy() {},
  } as unknown as Engine;
  const storages = { input: asGpu, output: asGpu, temp, release() {} };
  return { engine, storages } as unknown as WebGPUBackend;
}

/** A C-contiguous view of a fake storage. */
const view = (shape: number[], dtype: View['dtype'] = 'float32', offset = 0): View =>
  ({ storage: { size: shapeSize(shape) + offset }, dtype, shape, strides: cStrides(shape), offset }) as unknown as View;

test('(d) every dispatcher writes exactly the fields of its shader\'s struct, and every entry point is covered', () => {
  const seen = new Set<string>();
  const g = fakeBackend(seen);
  const s = g.storages as unknown as { input: (v: View) => GpuView };
  const [x, y] = [view([4, 8]), view([4, 8])];
  ufunc.unary(g, 'exp', x, y);
  ufunc.binary(g, 'lessEqual', x, x, view([4, 8], 'bool'));
  ufunc.where(g, view([4, 8], 'bool'), x, x, y);
  ew.fill(g.engine, s.input(y), 0);
  ew.copy(g.engine, s.input(x), s.input(view([4, 8], 'int32')));
  const positions = view([4], 'int32');
  gat.gather(g, x, positions, view([4]));
  gat.scatter(g, y, positions, view([4]));
  gat.scatterAdd(g, y, positions, view([4]));
  for (const op of Object.keys(C.REDUCE_CODES) as (keyof typeof C.REDUCE_CODES)[]) red.reduce(g, op, view([4, 5]), [1], view([4]));
  red.reduce(g, 'sum', view([2, 40000]), [1], view([2])); // a tree over chunks, then a second pass
  red.argReduce(g, 'argmax', view([4, 5]), 1, view([4], 'int32'));
  red.argReduce(g, 'argmin', view([2, 1000]), 1, view([2], 'int32'));
  red.scan(g, 'cumsum', view([4, 5]), 1, view([4, 5]));
  red.scan(g, 'cumprod', view([2, 3000]), 1, view([2, 3000])); // chunked: totals, prefixes, lines
  srt.sort(g, view([3, 5]), 1, view([3, 5])); // keys, the network's steps, write
  srt.argsort(g, view([5, 3], 'int32'), 0, view([5, 3], 'int32'));
  mm.matmul(g, view([8, 8]), view([8, 8]), view([8, 8])); // vec4 path
  mm.matmul(g, view([3, 5]), view([5, 7]), view([3, 7])); // scalar path
  mm.matmul(g, view([1, 5]), view([5, 7]), view([1, 7])); // a row: gemv, one thread per output
  mm.matmul(g, view([1, 300]), view([300, 2]), view([1, 2])); // few long dots: gemv tree
  mm.matmulEpilogue(g, s.input(view([8, 8])), s.input(view([8, 4])), s.input(view([8, 4])), { bias: s.input(view([4])), activation: 'relu' });
  softmaxRows(g, s.input(view([4, 10])), s.input(view([4, 10])), false);
  softmaxRows(g, s.input(view([2, 100])), s.input(view([2, 100])), true);
  const p = (n: number) => Array.from({ length: n }, () => s.input(view([10])));
  stepViews(g, 'sgd', p(2), { lr: 0.1 });
  stepViews(g, 'sgd', p(3), { lr: 0.1, momentum: 0.9, nesterov: true });
  stepViews(g, 'rmsprop', p(3), { lr: 0.1, momentum: 0.9, epsilon: 1e-7 });
  stepViews(g, 'adam', p(4), { lr: 0.1, momentum: 0.9, beta2: 0.999, epsilon: 1e-7, alpha: 0.01 });
  const entries = [...shaders].flatMap(([file, text]) => [...text.matchAll(/@compute[^\n]*\n\s*fn\s+(\w+)/g)].map((m) => `${file}:${m[1]}`));
  assert.equal([...seen].sort(), entries.sort());
});

// ---- drift fails ----------------------------------------------------------------------------------
/** The shaders with one file's text edited. */
const edited = (file: string, from: string, to: string): Map<string, string> => {
  const text = shader(file);
  assert.ok(text.includes(from), `${file} contains ${from}`);
  return new Map([...shaders, [file, text.replace(from, to)]]);
};

test('a drift on either side is an error that names it', () => {
  assert.equal(checkCodes(edited('binary.wgsl', 'OP_LESS_EQUAL: u32 = 15u', 'OP_LESS_EQUAL: u32 = 16u')),
    ['binary.wgsl: OP_LESS_EQUAL is 16u, TypeScript\'s code is 15']);
  assert.equal(checkCodes(edited('reduce.wgsl', 'REDUCE_ANY', 'REDUCE_SOME')),
    ['reduce.wgsl: no `const REDUCE_ANY: u32 = 5u;`', 'reduce.wgsl: REDUCE_SOME names no REDUCE code of the TypeScript table']);
  assert.match(checkBareNumbers(edited('unary.wgsl', 'case OP_SIN:', 'case 12u:')).join('\n'), /unary\.wgsl:\d+: a case selector is a number/);
  assert.match(checkBareNumbers(edited('matmul.wgsl', '@workgroup_size(TILE_COLS, TILE_ROWS)', '@workgroup_size(8, 8)')).join('\n'), /matmul\.wgsl:\d+: a workgroup size is a number/);
  assert.equal(checkSizes(edited('common.wgsl', 'const WG: u32 = 256u;', 'const WG: u32 = 128u;')),
    ['common.wgsl: WG is 128u, constants.ts says 256', 'common.wgsl: BLOCK is WG * PER_THREAD, constants.ts says 4096']);
  // A field renamed in the shader: the dispatcher's record no longer fits, and the error says how.
  const renamed = shader('softmax.wgsl').replace('outOffset: u32', 'outputOffset: u32');
  const layout = uniformLayout(renamed, 'softmax.wgsl');
  assert.throws(() => packUniforms(layout, { rows: 1, len: 2, offset: 0, outOffset: 0 }), /softmax\.wgsl: 'outOffset' is not a field of struct Params \{ rows: u32, len: u32, offset: u32, outputOffset: u32 \}/);
});

test.run();
