// Helpers shared by every kernel: the engine puts this file in front of each shader file.
// Every array element is one 32-bit word (ndarray/webgpu/dtypes.ts): a kernel converts words of any
// dtype into one of three compute types (f32, i32, u32), computes, and converts back to the output
// dtype, with the conversions of JavaScript's typed arrays (truncate, then wrap modulo 2^bits).
// Views are strided: element i (in C order) of a view lives at offset + sum(coord[d] * stride[d]).

// dtype codes (DT_CODES in dtypes.ts)
const DT_F32 = 0u;
const DT_I32 = 1u;
const DT_U32 = 2u;
const DT_BOOL = 3u;
const DT_I8 = 4u;
const DT_U8 = 5u;
const DT_I16 = 6u;
const DT_U16 = 7u;

// compute types (CT in dtypes.ts)
const CT_F32 = 0u;
const CT_I32 = 1u;
const CT_U32 = 2u;

// Threads per workgroup of the one-thread-per-element kernels (WG in ndarray/webgpu/constants.ts).
const WG: u32 = 256u;

fn isSignedInt(dt: u32) -> bool {
  return dt == DT_I32 || dt == DT_I8 || dt == DT_I16;
}

// NaN tests on the bits: WGSL lets compilers assume floats are never NaN in comparisons.
fn isNan(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
}

fn isInf(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u;
}

// NaN and infinity as run-time values (WGSL constant expressions may not be NaN or infinite).
var<private> NAN_BITS: u32 = 0x7fc00000u;
var<private> INF_BITS: u32 = 0x7f800000u;

fn nanF32() -> f32 {
  return bitcast<f32>(NAN_BITS);
}

fn infF32() -> f32 {
  return bitcast<f32>(INF_BITS);
}

// JavaScript's ToInt32/ToUint32 bits of a float: NaN and infinities give 0, otherwise truncate and
// wrap modulo 2^32 (for |t| >= 2^31 the subtraction is exact: t is a multiple of 256 there).
fn f32Bits(x: f32) -> u32 {
  if (isNan(x) || isInf(x)) {
    return 0u;
  }
  let t = trunc(x);
  if (abs(t) < 2147483648.0) {
    return bitcast<u32>(i32(t));
  }
  return u32(t - 4294967296.0 * floor(t / 4294967296.0));
}

// ---- word -> compute type ----------------------------------------------------------------------
fn wordToF32(w: u32, dt: u32) -> f32 {
  if (dt == DT_F32) {
    return bitcast<f32>(w);
  }
  if (isSignedInt(dt)) {
    return f32(bitcast<i32>(w));
  }
  return f32(w);
}

fn wordToI32(w: u32, dt: u32) -> i32 {
  if (dt == DT_F32) {
    return bitcast<i32>(f32Bits(bitcast<f32>(w)));
  }
  return bitcast<i32>(w);
}

fn wordToU32(w: u32, dt: u32) -> u32 {
  if (dt == DT_F32) {
    return f32Bits(bitcast<f32>(w));
  }
  return w;
}

// True when the element is non-zero (NaN counts as true, -0.0 as false), as NumPy's bool cast.
fn wordIsTrue(w: u32, dt: u32) -> bool {
  if (dt == DT_F32) {
    return (w & 0x7fffffffu) != 0u;
  }
  return w != 0u;
}

// ---- compute type -> word ----------------------------------------------------------------------
// Integer bits -> the word of an integer or bool dtype: keep the low bits, sign-extend signed ones.
fn wrapBits(bits: u32, dt: u32) -> u32 {
  switch dt {
    case DT_I8: {
      return bitcast<u32>((bitcast<i32>(bits) << 24u) >> 24u);
    }
    case DT_U8: {
      return bits & 0xffu;
    }
    case DT_I16: {
      return bitcast<u32>((bitcast<i32>(bits) << 16u) >> 16u);
    }
    case DT_U16: {
      return bits & 0xffffu;
    }
    case DT_BOOL: {
      return select(0u, 1u, bits != 0u);
    }
    default: {
      return bits;
    }
  }
}

fn f32ToWord(x: f32, dt: u32) -> u32 {
  if (dt == DT_F32) {
    return bitcast<u32>(x);
  }
  if (dt == DT_BOOL) {
    return select(0u, 1u, (bitcast<u32>(x) & 0x7fffffffu) != 0u);
  }
  return wrapBits(f32Bits(x), dt);
}

fn i32ToWord(x: i32, dt: u32) -> u32 {
  if (dt == DT_F32) {
    return bitcast<u32>(f32(x));
  }
  return wrapBits(bitcast<u32>(x), dt);
}

fn u32ToWord(x: u32, dt: u32) -> u32 {
  if (dt == DT_F32) {
    return bitcast<u32>(f32(x));
  }
  return wrapBits(x, dt);
}

// A stored word of dtype `dt` as the 32 bits of compute type `ct` (accumulators keep these bits, so
// one u32 variable or workgroup array serves f32, i32 and u32), and back to a word of dtype `dt`.
fn wordToBits(w: u32, dt: u32, ct: u32) -> u32 {
  switch ct {
    case CT_F32: { return bitcast<u32>(wordToF32(w, dt)); }
    case CT_I32: { return bitcast<u32>(wordToI32(w, dt)); }
    default: { return wordToU32(w, dt); }
  }
}

fn bitsToWord(bits: u32, ct: u32, dt: u32) -> u32 {
  switch ct {
    case CT_F32: { return f32ToWord(bitcast<f32>(bits), dt); }
    case CT_I32: { return i32ToWord(bitcast<i32>(bits), dt); }
    default: { return u32ToWord(bits, dt); }
  }
}

// A stored word of dtype `src` as a word of dtype `dst` (a cast).
fn castWord(w: u32, src: u32, dst: u32) -> u32 {
  if (src == DT_F32) {
    return f32ToWord(bitcast<f32>(w), dst);
  }
  if (isSignedInt(src)) {
    return i32ToWord(bitcast<i32>(w), dst);
  }
  return u32ToWord(w, dst);
}

// ---- strided views -----------------------------------------------------------------------------
// Axis arrays are packed as array<vec4<T>, 2> (up to 8 axes) in the uniform Params structs.
fn axisLen(shape: array<vec4u, 2>, d: u32) -> u32 {
  return shape[d / 4u][d % 4u];
}

fn axisStride(strides: array<vec4i, 2>, d: u32) -> i32 {
  return strides[d / 4u][d % 4u];
}

// How far element `index` (C order over the first `rank` axes of `shape`) lies from a view's start:
// peel the coordinates off `index` from the last axis to the first and sum coordinate * stride.
// Line-wise kernels use it for "where does line o start" and batched ones for "where is batch z".
fn stridedOffset(index: u32, rank: u32, shape: array<vec4u, 2>, strides: array<vec4i, 2>) -> i32 {
  var off = 0;
  var rem = index;
  for (var d = rank; d > 0u; d--) {
    let len = axisLen(shape, d - 1u);
    off += i32(rem % len) * axisStride(strides, d - 1u);
    rem = rem / len;
  }
  return off;
}

// The uniforms of every elementwise kernel: up to four same-shaped views walked together in C order
// (ndarray/webgpu/strided.ts). Per merged axis d: axes[d] = (length, bits of 1/length) and
// strides[d] = the four views' strides along it, so one indexed load fetches an axis.
struct Elementwise {
  axes: array<vec4u, 8>,
  strides: array<vec4i, 8>,
  offsets: vec4i,
  n: u32,
  // A scalar operand, as the word of the output dtype (fill) or as an f32 (clip bounds...).
  word: u32,
  scalar: f32,
}

// i / len and i % len without an integer division, which CPU drivers cannot vectorise (it made
// elementwise kernels 5x slower). The float estimate of the quotient is off by at most one below
// 2^24 and by two above (where f32(i) rounds), so two branch-free corrections each way are exact.
fn divMod(i: u32, len: u32, inverse: f32) -> vec2u {
  let n = i32(len);
  var q = i32(f32(i) * inverse);
  var r = i32(i) - q * n;
  for (var k = 0; k < 2; k++) {
    let under = r < 0;
    let over = r >= n;
    q += select(0, -1, under) + select(0, 1, over);
    r += select(0, n, under) - select(0, n, over);
  }
  return vec2u(u32(q), u32(r));
}

// How many merged axes the views of an elementwise kernel have. A pipeline constant, not a uniform:
// the fixed 8-step loop below then folds to RANK steps (a loop over a run-time rank ran 3x slower).
override RANK: u32 = 1u;

// Where element i (C order) of each of the four views lives in its buffer: peel the coordinates
// off i from the last axis to the first, and add coordinate * stride for every view at once.
// Contiguous operands (one merged axis) need no coordinates at all.
fn elementPositions(i: u32, e: Elementwise) -> vec4u {
  var pos = e.offsets;
  if (RANK == 1u) {
    return vec4u(pos + i32(i) * e.strides[0]);
  }
  var rem = i;
  for (var d = 7; d >= 0; d--) {
    if (u32(d) < RANK) {
      let axis = e.axes[d];
      let qr = divMod(rem, axis.x, bitcast<f32>(axis.y));
      rem = qr.x;
      pos += i32(qr.y) * e.strides[d];
    }
  }
  return vec4u(pos);
}

// One-thread-per-element kernels give each workgroup a block of WG * PER_THREAD elements; thread t
// handles elements t, t + WG, t + 2 WG ... of the block, so neighbouring threads touch neighbouring
// elements (coalesced on GPUs, vector lanes on CPU drivers) and launch overhead is paid once per 16.
const PER_THREAD: u32 = 16u;
const BLOCK: u32 = WG * PER_THREAD; // elements per workgroup (BLOCK in ndarray/webgpu/constants.ts)

fn blockStart(wid: vec3u, nwg: vec3u, lid: u32) -> u32 {
  return workgroupIndex(wid, nwg) * BLOCK + lid;
}

fn blockEnd(wid: vec3u, nwg: vec3u, n: u32) -> u32 {
  return min((workgroupIndex(wid, nwg) + 1u) * BLOCK, n);
}

// The element a thread handles in a launch of one element per thread.
fn elementIndex(wid: vec3u, nwg: vec3u, lid: u32) -> u32 {
  return workgroupIndex(wid, nwg) * WG + lid;
}

// The workgroup's number in its (x, y, z) grid, counted along x first (Engine.grid); grids wrap
// into y and z only when a count exceeds the 65535-per-dimension limit.
fn workgroupIndex(wid: vec3u, nwg: vec3u) -> u32 {
  return wid.x + nwg.x * (wid.y + nwg.y * wid.z);
}
