// gemv: the skinny products, out[i] = sum_k m[i, k] * v[k], batched, float32, any strides.
// matrix @ vector takes m = a; vector @ matrix (a single row times b) takes m = b read transposed
// (its "row" stride is b's column stride), so one kernel serves both. Each output is a dot product:
//  - gemvLines: one thread per output (many outputs); with m = b, neighbouring threads read
//    neighbouring columns, so loads coalesce;
//  - gemvTree: a workgroup per output splits k and sums in workgroup memory (few, long dot products).
struct Params {
  batchShape: array<vec4u, 2>,
  batchStridesM: array<vec4i, 2>,
  batchStridesV: array<vec4i, 2>,
  batchStridesOut: array<vec4i, 2>,
  offsetM: i32,
  offsetV: i32,
  offsetOut: i32,
  batchRank: u32,
  rows: u32,
  K: u32,
  batches: u32,
  strideRow: i32,
  strideK: i32,
  strideV: i32,
  strideOut: i32,
}

@group(0) @binding(0) var<storage, read> m: array<f32>;
@group(0) @binding(1) var<storage, read> v: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;

var<workgroup> sums: array<f32, WG>;

// Offsets of batch z in m, v and out.
fn batchOffsets(z: u32) -> vec3i {
  return vec3i(p.offsetM + stridedOffset(z, p.batchRank, p.batchShape, p.batchStridesM),
               p.offsetV + stridedOffset(z, p.batchRank, p.batchShape, p.batchStridesV),
               p.offsetOut + stridedOffset(z, p.batchRank, p.batchShape, p.batchStridesOut));
}

// sum of m[row, k] * v[k] for k = first, first + step, ... < K.
fn dot(off: vec3i, row: u32, first: u32, step: u32) -> f32 {
  let rowStart = off.x + i32(row) * p.strideRow;
  var acc = 0.0;
  for (var k = first; k < p.K; k += step) {
    acc += m[u32(rowStart + i32(k) * p.strideK)] * v[u32(off.y + i32(k) * p.strideV)];
  }
  return acc;
}

@compute @workgroup_size(WG)
fn gemvLines(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let i = elementIndex(wid, nwg, lid);
  if (i >= p.rows * p.batches) {
    return;
  }
  let row = i % p.rows;
  let off = batchOffsets(i / p.rows);
  out[u32(off.z + i32(row) * p.strideOut)] = dot(off, row, 0u, 1u);
}

@compute @workgroup_size(WG)
fn gemvTree(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let i = workgroupIndex(wid, nwg);
  let live = i < p.rows * p.batches;
  let j = min(i, p.rows * p.batches - 1u);
  let row = j % p.rows;
  let off = batchOffsets(j / p.rows);
  sums[lid] = dot(off, row, lid, WG);
  for (var half = WG / 2u; half > 0u; half /= 2u) {
    workgroupBarrier();
    if (lid < half) {
      sums[lid] += sums[lid + half];
    }
  }
  if (lid == 0u && live) {
    out[u32(off.z + i32(row) * p.strideOut)] = sums[0];
  }
}
