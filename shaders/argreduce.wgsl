// argreduce: the index of the min or max along one axis, into an int32 output.
// NumPy's rules: the first index wins on ties, and a NaN beats every number (the first NaN wins).
// argLines: one thread per output scans its line in order, so "first" comes for free.
// argTree: a workgroup shares one long line; (value, index) pairs are halved in workgroup memory,
// and ties go to the smaller index.

// The arg-reductions (ARG_REDUCE_CODES in ndarray/webgpu/constants.ts).
const REDUCE_ARGMIN: u32 = 0u;
const REDUCE_ARGMAX: u32 = 1u;

override OP: u32;   // REDUCE_ARGMIN or REDUCE_ARGMAX
override CT: u32;
override X_DT: u32;

struct Params {
  outerShape: array<vec4u, 2>,
  outerStrides: array<vec4i, 2>,
  outStrides: array<vec4i, 2>,
  offset: i32,
  outOffset: i32,
  outer: u32,
  len: u32,
  stride: i32,
  outerRank: u32,
}

@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@group(0) @binding(2) var<uniform> p: Params;

var<workgroup> bestValue: array<u32, WG>;
var<workgroup> bestIndex: array<u32, WG>;

// True when value a (at index ia) should replace the best so far, b (at index ib).
fn beats(a: u32, ia: u32, b: u32, ib: u32) -> bool {
  var less: bool;
  var equal: bool;
  switch CT {
    case CT_F32: {
      let fa = bitcast<f32>(a);
      let fb = bitcast<f32>(b);
      if (isNan(fb)) {
        return isNan(fa) && ia < ib;
      }
      if (isNan(fa)) {
        return true;
      }
      less = fa < fb;
      equal = fa == fb;
    }
    case CT_I32: {
      less = bitcast<i32>(a) < bitcast<i32>(b);
      equal = a == b;
    }
    default: {
      less = a < b;
      equal = a == b;
    }
  }
  if (equal) {
    return ia < ib;
  }
  return select(!less, less, OP == REDUCE_ARGMIN);
}

fn lineStart(o: u32) -> vec2i {
  return vec2i(p.offset + stridedOffset(o, p.outerRank, p.outerShape, p.outerStrides),
               p.outOffset + stridedOffset(o, p.outerRank, p.outerShape, p.outStrides));
}

fn element(start: i32, j: u32) -> u32 {
  return wordToBits(x[u32(start + i32(j) * p.stride)], X_DT, CT);
}

@compute @workgroup_size(WG)
fn argLines(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let o = elementIndex(wid, nwg, lid);
  if (o >= p.outer) {
    return;
  }
  let start = lineStart(o);
  var best = element(start.x, 0u);
  var bi = 0u;
  for (var j = 1u; j < p.len; j++) {
    let v = element(start.x, j);
    if (beats(v, j, best, bi)) {
      best = v;
      bi = j;
    }
  }
  out[u32(start.y)] = bitcast<u32>(i32(bi));
}

@compute @workgroup_size(WG)
fn argTree(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let o = workgroupIndex(wid, nwg);
  let start = lineStart(min(o, p.outer - 1u));
  // Each thread scans indices lid, lid + WG, ... (in order, so its own ties keep the first).
  var best = element(start.x, min(lid, p.len - 1u));
  var bi = min(lid, p.len - 1u);
  for (var j = lid + WG; j < p.len; j += WG) {
    let v = element(start.x, j);
    if (beats(v, j, best, bi)) {
      best = v;
      bi = j;
    }
  }
  bestValue[lid] = best;
  bestIndex[lid] = bi;
  for (var half = WG / 2u; half > 0u; half /= 2u) {
    workgroupBarrier();
    if (lid < half && beats(bestValue[lid + half], bestIndex[lid + half], bestValue[lid], bestIndex[lid])) {
      bestValue[lid] = bestValue[lid + half];
      bestIndex[lid] = bestIndex[lid + half];
    }
  }
  if (lid == 0u && o < p.outer) {
    out[u32(start.y)] = bitcast<u32>(i32(bestIndex[0]));
  }
}
