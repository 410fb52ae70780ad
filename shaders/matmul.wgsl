// matmul: out = a @ b for float32 (..., M, K) @ (..., K, N), batched, with an optional fused
// epilogue out = act(a @ b + bias) for dense layers (ndarray/webgpu/matmul.ts).
// Register tiling: each thread computes a 4x4 block of out (one vec4 of columns for 4 rows), so every
// value it loads is used 4 times; a workgroup of 8x8 threads covers a 32x32 tile. There is no
// workgroup-memory staging: on CPU drivers (llvmpipe) barriers cost more than they save, and on GPUs
// the 4x reuse from registers plus caches does most of that job.
//  - matmulVec4: K, N, the row strides and offsets are multiples of 4, so rows load as vec4<f32>;
//  - matmulScalar: any shape; loads past the edges read 0 and their results are not stored.
// Rows past M are clamped to M - 1 (valid memory, results dropped), so the inner loop has no branches.

// The activations of the epilogue (ACTIVATIONS in ndarray/webgpu/constants.ts; the code is the index).
const ACT_LINEAR: u32 = 0u;
const ACT_RELU: u32 = 1u;
const ACT_SIGMOID: u32 = 2u;
const ACT_TANH: u32 = 3u;
const ACT_ELU: u32 = 4u;
const ACT_SOFTPLUS: u32 = 5u;
const ACT_SWISH: u32 = 6u;

override HAS_BIAS: u32 = 0u;
override ACT: u32 = ACT_LINEAR;

struct Params {
  batchShape: array<vec4u, 2>,
  batchStridesA: array<vec4i, 2>,
  batchStridesB: array<vec4i, 2>,
  batchStridesOut: array<vec4i, 2>,
  offsetA: i32,
  offsetB: i32,
  offsetOut: i32,
  batchRank: u32,
  M: u32,
  N: u32,
  K: u32,
  // row strides; in vec4 units for matmulVec4 (as are the offsets and batch strides)
  lda: u32,
  ldb: u32,
  ldc: u32,
  tilesM: u32,
  tilesN: u32,
  batches: u32,
  biasOffset: u32,
}

@group(0) @binding(0) var<storage, read> a4: array<vec4f>;
@group(0) @binding(1) var<storage, read> b4: array<vec4f>;
@group(0) @binding(2) var<storage, read_write> out4: array<vec4f>;
@group(0) @binding(0) var<storage, read> a1: array<f32>;
@group(0) @binding(1) var<storage, read> b1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out1: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<uniform> p: Params;

const TILE_COLS: u32 = 8u;   // threads along N, one vec4 each (TILE_COLS in ndarray/webgpu/constants.ts)
const TILE_ROWS: u32 = 8u;   // threads along M, four rows each (TILE_ROWS there)

// The (tile row, tile column, batch) a workgroup owns, from its linear index.
fn tileOf(g: u32) -> vec3u {
  let perBatch = p.tilesM * p.tilesN;
  let t = g % perBatch;
  return vec3u(t / p.tilesN, t % p.tilesN, g / perBatch);
}

// Offsets of batch z in a, b and out.
fn batchOffsets(z: u32) -> vec3i {
  return vec3i(p.offsetA + stridedOffset(z, p.batchRank, p.batchShape, p.batchStridesA),
               p.offsetB + stridedOffset(z, p.batchRank, p.batchShape, p.batchStridesB),
               p.offsetOut + stridedOffset(z, p.batchRank, p.batchShape, p.batchStridesOut));
}

fn activate1(v: f32) -> f32 {
  switch ACT {
    case ACT_RELU: { return max(v, 0.0); }
    case ACT_SIGMOID: { return 1.0 / (1.0 + expF(-v)); }
    case ACT_TANH: { return tanhF(v); }
    case ACT_ELU: { return select(expm1F(v), v, v > 0.0); }
    case ACT_SOFTPLUS: { return max(v, 0.0) + log1pF(expF(-abs(v))); }
    case ACT_SWISH: { return v / (1.0 + expF(-v)); }
    default: { return v; }
  }
}

fn activate(v: vec4f) -> vec4f {
  if (ACT == ACT_LINEAR) {
    return v;
  }
  return vec4f(activate1(v.x), activate1(v.y), activate1(v.z), activate1(v.w));
}

// The epilogue for the 4 columns starting at `col`: + bias, then the activation.
fn finish(acc: vec4f, col: u32) -> vec4f {
  var v = acc;
  if (HAS_BIAS == 1u) {
    let last = p.N - 1u;
    let o = p.biasOffset;
    v += vec4f(bias[o + min(col, last)], bias[o + min(col + 1u, last)], bias[o + min(col + 2u, last)], bias[o + min(col + 3u, last)]);
  }
  return activate(v);
}

@compute @workgroup_size(TILE_COLS, TILE_ROWS)
fn matmulVec4(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let tile = tileOf(workgroupIndex(wid, nwg));
  let col4 = tile.y * TILE_COLS + lid.x;
  let row = (tile.x * TILE_ROWS + lid.y) * 4u;
  if (tile.z >= p.batches || col4 * 4u >= p.N || row >= p.M) {
    return;
  }
  let off = batchOffsets(tile.z);
  let last = p.M - 1u;
  let ra = vec4i(off.x) + vec4i(vec4u(row, min(row + 1u, last), min(row + 2u, last), min(row + 3u, last)) * p.lda);
  var acc0 = vec4f(0.0);
  var acc1 = vec4f(0.0);
  var acc2 = vec4f(0.0);
  var acc3 = vec4f(0.0);
  let k4s = p.K / 4u;
  for (var k4 = 0u; k4 < k4s; k4++) {
    let a0 = a4[u32(ra.x) + k4];
    let a1 = a4[u32(ra.y) + k4];
    let a2 = a4[u32(ra.z) + k4];
    let a3 = a4[u32(ra.w) + k4];
    let kb = u32(off.y) + k4 * 4u * p.ldb + col4;
    let b0 = b4[kb];
    let b1 = b4[kb + p.ldb];
    let b2 = b4[kb + 2u * p.ldb];
    let b3 = b4[kb + 3u * p.ldb];
    acc0 += a0.x * b0 + a0.y * b1 + a0.z * b2 + a0.w * b3;
    acc1 += a1.x * b0 + a1.y * b1 + a1.z * b2 + a1.w * b3;
    acc2 += a2.x * b0 + a2.y * b1 + a2.z * b2 + a2.w * b3;
    acc3 += a3.x * b0 + a3.y * b1 + a3.z * b2 + a3.w * b3;
  }
  let oc = u32(off.z) + row * p.ldc + col4;
  let col = col4 * 4u;
  out4[oc] = finish(acc0, col);
  if (row + 1u < p.M) { out4[oc + p.ldc] = finish(acc1, col); }
  if (row + 2u < p.M) { out4[oc + 2u * p.ldc] = finish(acc2, col); }
  if (row + 3u < p.M) { out4[oc + 3u * p.ldc] = finish(acc3, col); }
}

// Four consecutive elements of row r of a from column k (zero past K).
fn rowA(start: u32, k: u32) -> vec4f {
  let s = start + k;
  return vec4f(
    select(0.0, a1[s], k < p.K),
    select(0.0, a1[s + 1u], k + 1u < p.K),
    select(0.0, a1[s + 2u], k + 2u < p.K),
    select(0.0, a1[s + 3u], k + 3u < p.K));
}

// Columns col..col+3 of row k of b (zero past K or N).
fn rowB(base: u32, k: u32, col: u32) -> vec4f {
  if (k >= p.K) {
    return vec4f(0.0);
  }
  let s = base + k * p.ldb + col;
  return vec4f(
    select(0.0, b1[s], col < p.N),
    select(0.0, b1[s + 1u], col + 1u < p.N),
    select(0.0, b1[s + 2u], col + 2u < p.N),
    select(0.0, b1[s + 3u], col + 3u < p.N));
}

fn storeRow(start: u32, col: u32, v: vec4f) {
  for (var j = 0u; j < 4u; j++) {
    if (col + j < p.N) {
      out1[start + col + j] = v[j];
    }
  }
}

@compute @workgroup_size(TILE_COLS, TILE_ROWS)
fn matmulScalar(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let tile = tileOf(workgroupIndex(wid, nwg));
  let col = (tile.y * TILE_COLS + lid.x) * 4u;
  let row = (tile.x * TILE_ROWS + lid.y) * 4u;
  if (tile.z >= p.batches || col >= p.N || row >= p.M) {
    return;
  }
  let off = vec3u(batchOffsets(tile.z));
  let last = p.M - 1u;
  let ra = vec4u(off.x) + vec4u(row, min(row + 1u, last), min(row + 2u, last), min(row + 3u, last)) * p.lda;
  var acc0 = vec4f(0.0);
  var acc1 = vec4f(0.0);
  var acc2 = vec4f(0.0);
  var acc3 = vec4f(0.0);
  for (var k = 0u; k < p.K; k += 4u) {
    let a0 = rowA(ra.x, k);
    let a1 = rowA(ra.y, k);
    let a2 = rowA(ra.z, k);
    let a3 = rowA(ra.w, k);
    let b0 = rowB(off.y, k, col);
    let b1 = rowB(off.y, k + 1u, col);
    let b2 = rowB(off.y, k + 2u, col);
    let b3 = rowB(off.y, k + 3u, col);
    acc0 += a0.x * b0 + a0.y * b1 + a0.z * b2 + a0.w * b3;
    acc1 += a1.x * b0 + a1.y * b1 + a1.z * b2 + a1.w * b3;
    acc2 += a2.x * b0 + a2.y * b1 + a2.z * b2 + a2.w * b3;
    acc3 += a3.x * b0 + a3.y * b1 + a3.z * b2 + a3.w * b3;
  }
  let oc = off.z + row * p.ldc;
  storeRow(oc, col, finish(acc0, col));
  if (row + 1u < p.M) { storeRow(oc + p.ldc, col, finish(acc1, col)); }
  if (row + 2u < p.M) { storeRow(oc + 2u * p.ldc, col, finish(acc2, col)); }
  if (row + 3u < p.M) { storeRow(oc + 3u * p.ldc, col, finish(acc3, col)); }
}
