// binary: out = op(a, b) for the binary ops of ndarray/ops.ts (OP is the row's `code`).
// a and b arrive in the op's computation dtype (the shared layer casts them; a differing b is converted
// to the compute type too); broadcasting is stride 0.
// The op runs in one of three compute types: f32 for floats, i32 for signed and u32 for unsigned
// integers and bool (CT). Formulas follow the CPU kernels: Python's floor division and modulo,
// NaN-propagating maximum, integer division by zero giving 0. Comparisons give 1 or 0. powF, fmodF
// and atan2F are the accurate versions of shaders/math.wgsl.

// The binary op codes: the `code` column of BINARY_ROWS in ndarray/ops.ts, named after the row.
const OP_ADD: u32 = 0u;
const OP_SUBTRACT: u32 = 1u;
const OP_MULTIPLY: u32 = 2u;
const OP_DIVIDE: u32 = 3u;
const OP_POWER: u32 = 4u;
const OP_FLOOR_DIVIDE: u32 = 5u;
const OP_MOD: u32 = 6u;
const OP_FMOD: u32 = 7u;
const OP_MAXIMUM: u32 = 8u;
const OP_MINIMUM: u32 = 9u;
const OP_FMAX: u32 = 10u;
const OP_FMIN: u32 = 11u;
const OP_EQUAL: u32 = 12u;
const OP_NOT_EQUAL: u32 = 13u;
const OP_LESS: u32 = 14u;
const OP_LESS_EQUAL: u32 = 15u;
const OP_GREATER: u32 = 16u;
const OP_GREATER_EQUAL: u32 = 17u;
const OP_LOGICAL_AND: u32 = 18u;
const OP_LOGICAL_OR: u32 = 19u;
const OP_LOGICAL_XOR: u32 = 20u;
const OP_BITWISE_AND: u32 = 21u;
const OP_BITWISE_OR: u32 = 22u;
const OP_BITWISE_XOR: u32 = 23u;
const OP_ARCTAN2: u32 = 24u;
const OP_HYPOT: u32 = 25u;
const OP_LOGADDEXP: u32 = 26u;
const OP_LOGADDEXP2: u32 = 27u;

override OP: u32;
override CT: u32;
override A_DT: u32;
override B_DT: u32;
override OUT_DT: u32;

@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read> b: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;
@group(0) @binding(3) var<uniform> p: Elementwise;

fn truth(c: bool) -> f32 {
  return select(0.0, 1.0, c);
}

// NumPy's npy_divmod: the remainder takes the sign of b, the quotient is floored.
fn floorDivF(x: f32, y: f32) -> f32 {
  if (y == 0.0) {
    return x / y;
  }
  let m = fmodF(x, y);
  var d = (x - m) / y;
  if (m != 0.0 && ((y < 0.0) != (m < 0.0))) {
    d -= 1.0;
  }
  if (d == 0.0) {
    return copySign(0.0, x / y); // the sign of the true quotient
  }
  let f = floor(d);
  return select(f, f + 1.0, d - f > 0.5);
}

fn modF(x: f32, y: f32) -> f32 {
  if (y == 0.0) {
    return nanF32();
  }
  let m = fmodF(x, y);
  if (m == 0.0) {
    return copySign(0.0, y);
  }
  return select(m, m + y, (y < 0.0) != (m < 0.0));
}

fn hypotF(x: f32, y: f32) -> f32 {
  let ax = abs(x);
  let ay = abs(y);
  if (isInf(ax) || isInf(ay)) {
    return infF32();
  }
  if (isNan(x) || isNan(y)) {
    return nanF32();
  }
  let m = max(ax, ay);
  if (m == 0.0) {
    return 0.0;
  }
  let u = ax / m;
  let v = ay / m;
  return m * sqrt(u * u + v * v);
}

// NumPy's npy_logaddexp: log(e^x + e^y) as the larger input plus log1p(e^-|x - y|), so e^x never
// overflows; equal inputs (infinities of one sign too) give x + ln 2, and a NaN input gives NaN.
fn logAddExpF(x: f32, y: f32) -> f32 {
  if (x == y) {
    return x + LN2;
  }
  let d = x - y;
  if (isNan(d)) {
    return d;
  }
  return max(x, y) + log1pF(expF(-abs(d)));
}

// log2(2^x + 2^y), the same steps in base 2.
fn logAddExp2F(x: f32, y: f32) -> f32 {
  if (x == y) {
    return x + 1.0;
  }
  let d = x - y;
  if (isNan(d)) {
    return d;
  }
  return max(x, y) + LOG2E * log1pF(exp2F(-abs(d)));
}

fn opF32(x: f32, y: f32) -> f32 {
  let nan = isNan(x) || isNan(y);
  switch OP {
    case OP_ADD: { return x + y; }
    case OP_SUBTRACT: { return x - y; }
    case OP_MULTIPLY: { return x * y; }
    case OP_DIVIDE: { return x / y; }
    case OP_POWER: { return powF(x, y); }
    case OP_FLOOR_DIVIDE: { return floorDivF(x, y); }
    case OP_MOD: { return modF(x, y); }
    case OP_FMOD: { return fmodF(x, y); }
    case OP_MAXIMUM: { return select(y, x, x > y || isNan(x)); }
    case OP_MINIMUM: { return select(y, x, x < y || isNan(x)); }
    case OP_FMAX: { return select(y, x, x > y || isNan(y)); }
    case OP_FMIN: { return select(y, x, x < y || isNan(y)); }
    case OP_EQUAL: { return truth(!nan && x == y); }
    case OP_NOT_EQUAL: { return truth(nan || x != y); }
    case OP_LESS: { return truth(!nan && x < y); }
    case OP_LESS_EQUAL: { return truth(!nan && x <= y); }
    case OP_GREATER: { return truth(!nan && x > y); }
    case OP_GREATER_EQUAL: { return truth(!nan && x >= y); }
    case OP_LOGICAL_AND: { return truth(wordIsTrue(bitcast<u32>(x), DT_F32) && wordIsTrue(bitcast<u32>(y), DT_F32)); }
    case OP_LOGICAL_OR: { return truth(wordIsTrue(bitcast<u32>(x), DT_F32) || wordIsTrue(bitcast<u32>(y), DT_F32)); }
    case OP_LOGICAL_XOR: { return truth(wordIsTrue(bitcast<u32>(x), DT_F32) != wordIsTrue(bitcast<u32>(y), DT_F32)); }
    case OP_ARCTAN2: { return atan2F(x, y); }
    case OP_HYPOT: { return hypotF(x, y); }
    case OP_LOGADDEXP: { return logAddExpF(x, y); }
    case OP_LOGADDEXP2: { return logAddExp2F(x, y); }
    default: { return nanF32(); }
  }
}

// Integer power by repeated squaring; wraps like C. Negative exponents (an error on the CPU) give 0.
fn powI(x: i32, y: i32) -> i32 {
  if (y < 0) {
    return 0;
  }
  var r = 1;
  var base = x;
  for (var e = y; e > 0; e = e >> 1u) {
    if ((e & 1) == 1) {
      r *= base;
    }
    base *= base;
  }
  return r;
}

fn opI32(x: i32, y: i32) -> i32 {
  switch OP {
    case OP_ADD: { return x + y; }
    case OP_SUBTRACT: { return x - y; }
    case OP_MULTIPLY: { return x * y; }
    case OP_POWER: { return powI(x, y); }
    case OP_FLOOR_DIVIDE: {
      if (y == 0) { return 0; }
      let q = x / y;
      return select(q, q - 1, (x % y != 0) && ((x < 0) != (y < 0)));
    }
    case OP_MOD: {
      if (y == 0) { return 0; }
      let r = x % y;
      return select(r, r + y, r != 0 && ((r < 0) != (y < 0)));
    }
    case OP_FMOD: { return select(x % y, 0, y == 0); }
    case OP_MAXIMUM, OP_FMAX: { return max(x, y); }
    case OP_MINIMUM, OP_FMIN: { return min(x, y); }
    case OP_EQUAL: { return i32(x == y); }
    case OP_NOT_EQUAL: { return i32(x != y); }
    case OP_LESS: { return i32(x < y); }
    case OP_LESS_EQUAL: { return i32(x <= y); }
    case OP_GREATER: { return i32(x > y); }
    case OP_GREATER_EQUAL: { return i32(x >= y); }
    case OP_LOGICAL_AND: { return i32(x != 0 && y != 0); }
    case OP_LOGICAL_OR: { return i32(x != 0 || y != 0); }
    case OP_LOGICAL_XOR: { return i32((x != 0) != (y != 0)); }
    case OP_BITWISE_AND: { return x & y; }
    case OP_BITWISE_OR: { return x | y; }
    case OP_BITWISE_XOR: { return x ^ y; }
    default: { return 0; }
  }
}

fn opU32(x: u32, y: u32) -> u32 {
  switch OP {
    case OP_ADD: { return x + y; }
    case OP_SUBTRACT: { return x - y; }
    case OP_MULTIPLY: { return x * y; }
    case OP_POWER: { return bitcast<u32>(powI(bitcast<i32>(x), i32(min(y, 0x7fffffffu)))); }
    case OP_FLOOR_DIVIDE: { return select(x / y, 0u, y == 0u); }
    case OP_MOD, OP_FMOD: { return select(x % y, 0u, y == 0u); }
    case OP_MAXIMUM, OP_FMAX: { return max(x, y); }
    case OP_MINIMUM, OP_FMIN: { return min(x, y); }
    case OP_EQUAL: { return u32(x == y); }
    case OP_NOT_EQUAL: { return u32(x != y); }
    case OP_LESS: { return u32(x < y); }
    case OP_LESS_EQUAL: { return u32(x <= y); }
    case OP_GREATER: { return u32(x > y); }
    case OP_GREATER_EQUAL: { return u32(x >= y); }
    case OP_LOGICAL_AND: { return u32(x != 0u && y != 0u); }
    case OP_LOGICAL_OR: { return u32(x != 0u || y != 0u); }
    case OP_LOGICAL_XOR: { return u32((x != 0u) != (y != 0u)); }
    case OP_BITWISE_AND: { return x & y; }
    case OP_BITWISE_OR: { return x | y; }
    case OP_BITWISE_XOR: { return x ^ y; }
    default: { return 0u; }
  }
}

fn element(i: u32) {
  let pos = elementPositions(i, p);
  let wa = a[pos.x];
  let wb = b[pos.y];
  switch CT {
    case CT_F32: {
      out[pos.z] = f32ToWord(opF32(wordToF32(wa, A_DT), wordToF32(wb, B_DT)), OUT_DT);
    }
    case CT_I32: {
      out[pos.z] = i32ToWord(opI32(wordToI32(wa, A_DT), wordToI32(wb, B_DT)), OUT_DT);
    }
    default: {
      var r = opU32(wordToU32(wa, A_DT), wordToU32(wb, B_DT));
      if (A_DT == DT_BOOL) {
        r = u32(r != 0u); // bool loops: add is or, multiply is and
      }
      out[pos.z] = u32ToWord(r, OUT_DT);
    }
  }
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let end = blockEnd(wid, nwg, p.n);
  for (var i = blockStart(wid, nwg, lid); i < end; i += WG) {
    element(i);
  }
}
