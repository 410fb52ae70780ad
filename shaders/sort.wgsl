// sort: np.sort and np.argsort along one axis (host side: ndarray/webgpu/sort.ts).
// A line is the sorted axis for one choice of the other coordinates: `lines` lines of `len` elements.
// Three entry points, dispatched in this order:
//   sortKeys   one thread per element: reads x (any strides) into line-major scratch rows,
//              keys[line * len + i] = sortKey(x[line, i]) and, for argsort, idx[line * len + i] = i;
//   sortStep   one thread per compared pair: one step (k, j) of the bitonic network below, on every
//              line at once; the host dispatches it once per step;
//   sortWrite  one thread per element: out[line, i] (any strides) = the word of keys[...] (sort) or
//              idx[...] (argsort).
// Each workgroup takes a block of BLOCK = WG * PER_THREAD elements (or pairs), as the elementwise
// kernels do (common.wgsl): thread t handles t, t + WG, t + 2 WG ... of the block.
//
// Sort keys. Every dtype becomes a u32 whose unsigned order is the order wanted, so the network
// compares plain integers: uint32 and bool as they are, int32 with the sign bit flipped (-2^31 -> 0),
// float32 bits as in a radix sort: a positive float gets its sign bit set, a negative one has all its
// bits inverted (the larger its magnitude, the smaller its key). Every NaN becomes the largest key
// (NaN last, as in NumPy). -0 sorts just before +0, as the CPU's typed-array sort does; argsort first
// turns -0 into +0, so the two are equal and keep their order, as on the CPU. (The narrow integer
// dtypes arrive as widened words, sign-extended when signed, so the same two rules apply.) A sort
// turns the keys back into words at the end: it never needs the original values again.
//
// The bitonic network, for a learner. Pad each line conceptually to P = 2^s, the next power of two,
// with padding elements greater than everything, and sort in stages k = 2, 4, ..., P. Before stage
// k, every aligned block of k/2 positions is sorted; stage k merges each pair of neighbouring blocks
// into one sorted block of k, in steps j = k/2, k/4, ..., 1:
//   j = k/2, the "flip": position a = start + r (r < k/2) is compared with its mirror in the block of
//     k, b = start + k - 1 - r, and the smaller goes to a. The two sorted halves, compared back to
//     front, leave the k/2 smallest elements in the lower half and the k/2 largest in the upper one,
//     each half now "bitonic" (it rises, then falls, or the other way).
//   j < k/2, the "half-cleaners": a is compared with b = a + j inside each aligned block of 2j, the
//     smaller to a. A half-cleaner splits each bitonic block into two bitonic halves with all of the
//     lower one below the upper one; after j = 1 the block of k is sorted.
// In index terms: step (k, j) compares a, whose bit j is 0, with b = a ^ (k - 1) (flip) or a + j.
// A sort takes s (s + 1) / 2 steps of P/2 disjoint pairs each, so the pairs of a step run in
// parallel and the steps run one dispatch after the other. As every exchange puts the smaller
// element at the lower position, padding never moves below `len`: a pair whose b is past the end is
// skipped, and no padding is stored.
// The network is not stable: argsort compares (key, original index) pairs instead of keys. No two
// such pairs are equal, so the order is total, and equal keys end in their original order: stable.

// What out receives (SORT_CODES in ndarray/webgpu/constants.ts).
const SORT_VALUES: u32 = 0u;
const SORT_INDICES: u32 = 1u;

override OP: u32;   // SORT_VALUES (np.sort) or SORT_INDICES (np.argsort)
override CT: u32;   // the compute type of x's dtype: which key rule applies

struct Params {
  // The other axes (merged where contiguous in both views) and their strides in x and out.
  outerShape: array<vec4u, 2>,
  xStrides: array<vec4i, 2>,
  outStrides: array<vec4i, 2>,
  xOffset: i32,
  outOffset: i32,
  // The strides of the sorted axis.
  xStride: i32,
  outStride: i32,
  outerRank: u32,
  lines: u32,
  len: u32,
  // Pairs per line in a step, P / 2 = 1 << pairBits.
  pairBits: u32,
  // sortStep's step: stage k (the size of the blocks being merged), compare distance j.
  k: u32,
  j: u32,
}

// Each entry point has its own bindings (numbered from 0; the uniforms come right after them).
// sortKeys:
@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read_write> keys: array<u32>;
@group(0) @binding(2) var<storage, read_write> idx: array<u32>;
@group(0) @binding(3) var<uniform> p: Params;
// sortStep: the scratch rows, sorted in place.
@group(0) @binding(0) var<storage, read_write> stepKeys: array<u32>;
@group(0) @binding(1) var<storage, read_write> stepIdx: array<u32>;
@group(0) @binding(2) var<uniform> q: Params;
// sortWrite:
@group(0) @binding(0) var<storage, read> sortedKeys: array<u32>;
@group(0) @binding(1) var<storage, read> sortedIdx: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;
@group(0) @binding(3) var<uniform> r: Params;

const SIGN: u32 = 0x80000000u;

// The key of a word of x: the unsigned order of keys is NumPy's order of values, NaN last.
fn sortKey(w: u32) -> u32 {
  switch CT {
    case CT_F32: {
      var bits = w;
      if (isNan(bitcast<f32>(w))) {
        bits = 0x7fffffffu; // every NaN alike, above +inf
      }
      if (OP == SORT_INDICES && bits == SIGN) {
        bits = 0u; // -0 equals +0 for argsort
      }
      return select(bits | SIGN, ~bits, (bits & SIGN) != 0u);
    }
    case CT_I32: {
      return w ^ SIGN;
    }
    default: {
      return w;
    }
  }
}

// The word a key came from (a NaN comes back as 0x7fffffff, a NaN).
fn keyWord(key: u32) -> u32 {
  switch CT {
    case CT_F32: {
      return select(~key, key & ~SIGN, (key & SIGN) != 0u);
    }
    case CT_I32: {
      return key ^ SIGN;
    }
    default: {
      return key;
    }
  }
}

// Where element i of line `line` lives in a strided view.
fn linePosition(line: u32, i: u32, offset: i32, strides: array<vec4i, 2>, stride: i32, e: Params) -> u32 {
  return u32(offset + stridedOffset(line, e.outerRank, e.outerShape, strides) + i32(i) * stride);
}

fn keyElement(t: u32) {
  let line = t / p.len;
  let i = t % p.len;
  keys[t] = sortKey(x[linePosition(line, i, p.xOffset, p.xStrides, p.xStride, p)]);
  if (OP == SORT_INDICES) {
    idx[t] = i;
  }
}

@compute @workgroup_size(WG)
fn sortKeys(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, p.lines * p.len);
  for (var t = blockStart(wid, nwg, lid); t < end; t += WG) {
    keyElement(t);
  }
}

// Compare-exchange number `t` of step (q.k, q.j): pair `pair` of line `line`.
fn stepPair(t: u32) {
  let line = t >> q.pairBits;
  let pair = t & ((1u << q.pairBits) - 1u);
  // a: the pair-th position whose bit j is 0 (the lower one of its block of 2j); b: its partner.
  let a = ((pair & ~(q.j - 1u)) << 1u) | (pair & (q.j - 1u));
  let b = select(a + q.j, a ^ (q.k - 1u), q.j == q.k / 2u);
  if (b >= q.len) {
    return; // b is padding, greater than a: nothing to do
  }
  let at = line * q.len;
  let ka = stepKeys[at + a];
  let kb = stepKeys[at + b];
  if (OP == SORT_INDICES) {
    let ia = stepIdx[at + a];
    let ib = stepIdx[at + b];
    if (kb < ka || (kb == ka && ib < ia)) {
      stepKeys[at + a] = kb;
      stepKeys[at + b] = ka;
      stepIdx[at + a] = ib;
      stepIdx[at + b] = ia;
    }
  } else if (kb < ka) {
    stepKeys[at + a] = kb;
    stepKeys[at + b] = ka;
  }
}

@compute @workgroup_size(WG)
fn sortStep(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, q.lines << q.pairBits);
  for (var t = blockStart(wid, nwg, lid); t < end; t += WG) {
    stepPair(t);
  }
}

fn writeElement(t: u32) {
  let line = t / r.len;
  let i = t % r.len;
  let at = linePosition(line, i, r.outOffset, r.outStrides, r.outStride, r);
  if (OP == SORT_INDICES) {
    out[at] = sortedIdx[t];
  } else {
    out[at] = keyWord(sortedKeys[t]);
  }
}

@compute @workgroup_size(WG)
fn sortWrite(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, r.lines * r.len);
  for (var t = blockStart(wid, nwg, lid); t < end; t += WG) {
    writeElement(t);
  }
}
