// reduce: sum, prod, min, max, all, any over any set of axes (ndarray/webgpu/reduce.ts).
// The host orders x's axes as [kept..., reduced...] and merges contiguous ones, so output o combines
// the `inner` elements of line o. Two strategies:
//  - reduceLines: one thread per output walks its whole line (many outputs, or short lines);
//  - reduceTree: a workgroup of WG threads shares one line (or one chunk of it): each thread folds
//    a strided part, then the partial values are halved in workgroup memory, log2(WG) steps.
//    With several chunks per line the partials go to a scratch buffer that a second dispatch
//    (reduceLines or reduceTree over [outer, chunks]) reduces.
// Values are folded as 32-bit patterns of the compute type CT, so one workgroup array serves f32, i32
// and u32. all/any fold 0/1 flags with min/max.

// The reductions (REDUCE_CODES in ndarray/webgpu/constants.ts).
const REDUCE_SUM: u32 = 0u;
const REDUCE_PROD: u32 = 1u;
const REDUCE_MIN: u32 = 2u;
const REDUCE_MAX: u32 = 3u;
const REDUCE_ALL: u32 = 4u;
const REDUCE_ANY: u32 = 5u;

override OP: u32;   // one of the REDUCE_ codes
override CT: u32;   // compute type of the accumulator
override X_DT: u32;
override OUT_DT: u32;

struct Params {
  outerShape: array<vec4u, 2>,
  outerStrides: array<vec4i, 2>,
  outStrides: array<vec4i, 2>,
  innerShape: array<vec4u, 2>,
  innerStrides: array<vec4i, 2>,
  offset: i32,
  outOffset: i32,
  outer: u32,
  inner: u32,
  outerRank: u32,
  innerRank: u32,
  chunks: u32,
  chunkLen: u32,
}

@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@group(0) @binding(2) var<uniform> p: Params;

var<workgroup> partial: array<u32, WG>;

fn identity() -> u32 {
  switch OP {
    case REDUCE_PROD: {
      return select(select(1u, bitcast<u32>(1), CT == CT_I32), bitcast<u32>(1.0), CT == CT_F32);
    }
    case REDUCE_MIN: {
      return select(select(0xffffffffu, 0x7fffffffu, CT == CT_I32), INF_BITS, CT == CT_F32);
    }
    case REDUCE_MAX: {
      return select(select(0u, 0x80000000u, CT == CT_I32), INF_BITS | 0x80000000u, CT == CT_F32);
    }
    case REDUCE_ALL: {
      return 1u;
    }
    default: {
      return select(0u, bitcast<u32>(0.0), CT == CT_F32);
    }
  }
}

// An element of x as accumulator bits.
fn load(w: u32) -> u32 {
  if (OP == REDUCE_ALL || OP == REDUCE_ANY) {
    return u32(wordIsTrue(w, X_DT));
  }
  return wordToBits(w, X_DT, CT);
}

// min/max propagate NaN, as NumPy's do.
fn combineF(a: f32, b: f32) -> f32 {
  switch OP {
    case REDUCE_SUM: { return a + b; }
    case REDUCE_PROD: { return a * b; }
    default: {
      if (isNan(a)) {
        return a;
      }
      if (isNan(b)) {
        return b;
      }
      return select(max(a, b), min(a, b), OP == REDUCE_MIN);
    }
  }
}

fn combineI(a: i32, b: i32) -> i32 {
  switch OP {
    case REDUCE_SUM: { return a + b; }
    case REDUCE_PROD: { return a * b; }
    case REDUCE_MIN: { return min(a, b); }
    default: { return max(a, b); }
  }
}

fn combineU(a: u32, b: u32) -> u32 {
  switch OP {
    case REDUCE_SUM: { return a + b; }
    case REDUCE_PROD: { return a * b; }
    case REDUCE_MIN, REDUCE_ALL: { return min(a, b); }
    default: { return max(a, b); }
  }
}

fn combine(a: u32, b: u32) -> u32 {
  switch CT {
    case CT_F32: { return bitcast<u32>(combineF(bitcast<f32>(a), bitcast<f32>(b))); }
    case CT_I32: { return bitcast<u32>(combineI(bitcast<i32>(a), bitcast<i32>(b))); }
    default: { return combineU(a, b); }
  }
}

// Where line o starts in x, and where its result goes in out.
fn lineStart(o: u32) -> vec2i {
  return vec2i(p.offset + stridedOffset(o, p.outerRank, p.outerShape, p.outerStrides),
               p.outOffset + stridedOffset(o, p.outerRank, p.outerShape, p.outStrides));
}

// The offset of the j-th element of a line from the line's start.
fn innerOffset(j: u32) -> i32 {
  if (p.innerRank == 1u) {
    return i32(j) * p.innerStrides[0].x;
  }
  return stridedOffset(j, p.innerRank, p.innerShape, p.innerStrides);
}

// Folds elements [first, end) of the line starting at `start`, every `step`-th one.
fn fold(start: i32, first: u32, end: u32, step: u32) -> u32 {
  var acc = identity();
  for (var j = first; j < end; j += step) {
    acc = combine(acc, load(x[u32(start + innerOffset(j))]));
  }
  return acc;
}

@compute @workgroup_size(WG)
fn reduceLines(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let o = elementIndex(wid, nwg, lid);
  if (o >= p.outer) {
    return;
  }
  let start = lineStart(o);
  out[u32(start.y)] = bitsToWord(fold(start.x, 0u, p.inner, 1u), CT, OUT_DT);
}

@compute @workgroup_size(WG)
fn reduceTree(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let g = workgroupIndex(wid, nwg);
  let o = g / p.chunks;
  let chunk = g % p.chunks;
  let live = o < p.outer; // whole workgroups share o, so barriers stay uniform
  let start = lineStart(min(o, p.outer - 1u));
  let first = chunk * p.chunkLen;
  let end = min(first + p.chunkLen, p.inner);
  partial[lid] = select(identity(), fold(start.x, first + lid, end, WG), live);
  for (var half = WG / 2u; half > 0u; half /= 2u) {
    workgroupBarrier();
    if (lid < half) {
      partial[lid] = combine(partial[lid], partial[lid + half]);
    }
  }
  if (lid == 0u && live) {
    if (p.chunks == 1u) {
      out[u32(start.y)] = bitsToWord(partial[0], CT, OUT_DT);
    } else {
      out[g] = partial[0]; // partial results, [outer, chunks] row-major
    }
  }
}
