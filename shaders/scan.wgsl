// scan: cumsum and cumprod along one axis (host side: ndarray/webgpu/reduce.ts).
// A line is the axis for one choice of the other coordinates. Few long lines are cut into `chunks`
// so that many threads work, in three dispatches:
//   scanTotals  one thread per (line, chunk): the chunk's total;
//   scanPrefix  one thread per line: turns the totals into exclusive prefixes (what precedes a chunk);
//   scanLines   one thread per (line, chunk): a running sum/product that starts from the prefix.
// With one chunk per line only scanLines runs, starting from the identity: a plain serial scan.

// The scans (SCAN_CODES in ndarray/webgpu/constants.ts).
const SCAN_CUMSUM: u32 = 0u;
const SCAN_CUMPROD: u32 = 1u;

override OP: u32;   // SCAN_CUMSUM or SCAN_CUMPROD
override CT: u32;
override X_DT: u32;
override OUT_DT: u32;

struct Params {
  outerShape: array<vec4u, 2>,
  outerStrides: array<vec4i, 2>,
  outStrides: array<vec4i, 2>,
  offset: i32,
  outOffset: i32,
  stride: i32,
  outStride: i32,
  lines: u32,
  len: u32,
  outerRank: u32,
  chunks: u32,
  chunkLen: u32,
}

@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
// Chunk totals, then prefixes, as accumulator bits: [lines, chunks] row-major.
@group(0) @binding(2) var<storage, read_write> totals: array<u32>;
@group(0) @binding(3) var<uniform> p: Params;

fn identity() -> u32 {
  if (OP == SCAN_CUMSUM) {
    return select(0u, bitcast<u32>(0.0), CT == CT_F32);
  }
  return select(1u, bitcast<u32>(1.0), CT == CT_F32);
}

fn combine(a: u32, b: u32) -> u32 {
  switch CT {
    case CT_F32: {
      let fa = bitcast<f32>(a);
      let fb = bitcast<f32>(b);
      return bitcast<u32>(select(fa * fb, fa + fb, OP == SCAN_CUMSUM));
    }
    case CT_I32: {
      let ia = bitcast<i32>(a);
      let ib = bitcast<i32>(b);
      return bitcast<u32>(select(ia * ib, ia + ib, OP == SCAN_CUMSUM));
    }
    default: {
      return select(a * b, a + b, OP == SCAN_CUMSUM);
    }
  }
}

fn lineStart(line: u32) -> vec2i {
  return vec2i(p.offset + stridedOffset(line, p.outerRank, p.outerShape, p.outerStrides),
               p.outOffset + stridedOffset(line, p.outerRank, p.outerShape, p.outStrides));
}

@compute @workgroup_size(WG)
fn scanTotals(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let t = elementIndex(wid, nwg, lid);
  if (t >= p.lines * p.chunks) {
    return;
  }
  let start = lineStart(t / p.chunks).x;
  let first = (t % p.chunks) * p.chunkLen;
  let end = min(first + p.chunkLen, p.len);
  var acc = identity();
  for (var j = first; j < end; j++) {
    acc = combine(acc, wordToBits(x[u32(start + i32(j) * p.stride)], X_DT, CT));
  }
  totals[t] = acc;
}

@compute @workgroup_size(WG)
fn scanPrefix(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let line = elementIndex(wid, nwg, lid);
  if (line >= p.lines) {
    return;
  }
  var acc = identity();
  for (var c = 0u; c < p.chunks; c++) {
    let i = line * p.chunks + c;
    let total = totals[i];
    totals[i] = acc;
    acc = combine(acc, total);
  }
}

@compute @workgroup_size(WG)
fn scanLines(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let t = elementIndex(wid, nwg, lid);
  if (t >= p.lines * p.chunks) {
    return;
  }
  let start = lineStart(t / p.chunks);
  let first = (t % p.chunks) * p.chunkLen;
  let end = min(first + p.chunkLen, p.len);
  var acc = select(identity(), totals[t], p.chunks > 1u);
  for (var j = first; j < end; j++) {
    acc = combine(acc, wordToBits(x[u32(start.x + i32(j) * p.stride)], X_DT, CT));
    out[u32(start.y + i32(j) * p.outStride)] = bitsToWord(acc, CT, OUT_DT);
  }
}
