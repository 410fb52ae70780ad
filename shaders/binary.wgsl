// binary: out = op(a, b) for the binary ops of ndarray/ops.ts (OP is the row's `code`).
// a and b arrive in the op's computation dtype (the shared layer casts them; a differing b is converted
// to the compute type too); broadcasting is stride 0.
// The op runs in one of three compute types: f32 for floats, i32 for signed and u32 for unsigned
// integers and bool (CT). Formulas follow the CPU kernels: Python's floor division and modulo,
// NaN-propagating maximum, integer division by zero giving 0. Comparisons give 1 or 0. powF, fmodF
// and atan2F are the accurate versions of shaders/math.wgsl.
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

fn opF32(x: f32, y: f32) -> f32 {
  let nan = isNan(x) || isNan(y);
  switch OP {
    case 0u: { return x + y; }
    case 1u: { return x - y; }
    case 2u: { return x * y; }
    case 3u: { return x / y; }
    case 4u: { return powF(x, y); }
    case 5u: { return floorDivF(x, y); }
    case 6u: { return modF(x, y); }
    case 7u: { return fmodF(x, y); }
    case 8u: { return select(y, x, x > y || isNan(x)); }
    case 9u: { return select(y, x, x < y || isNan(x)); }
    case 10u: { return select(y, x, x > y || isNan(y)); }
    case 11u: { return select(y, x, x < y || isNan(y)); }
    case 12u: { return truth(!nan && x == y); }
    case 13u: { return truth(nan || x != y); }
    case 14u: { return truth(!nan && x < y); }
    case 15u: { return truth(!nan && x <= y); }
    case 16u: { return truth(!nan && x > y); }
    case 17u: { return truth(!nan && x >= y); }
    case 18u: { return truth(wordIsTrue(bitcast<u32>(x), DT_F32) && wordIsTrue(bitcast<u32>(y), DT_F32)); }
    case 19u: { return truth(wordIsTrue(bitcast<u32>(x), DT_F32) || wordIsTrue(bitcast<u32>(y), DT_F32)); }
    case 20u: { return truth(wordIsTrue(bitcast<u32>(x), DT_F32) != wordIsTrue(bitcast<u32>(y), DT_F32)); }
    case 24u: { return atan2F(x, y); }
    case 25u: { return hypotF(x, y); }
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
    case 0u: { return x + y; }
    case 1u: { return x - y; }
    case 2u: { return x * y; }
    case 4u: { return powI(x, y); }
    case 5u: {
      if (y == 0) { return 0; }
      let q = x / y;
      return select(q, q - 1, (x % y != 0) && ((x < 0) != (y < 0)));
    }
    case 6u: {
      if (y == 0) { return 0; }
      let r = x % y;
      return select(r, r + y, r != 0 && ((r < 0) != (y < 0)));
    }
    case 7u: { return select(x % y, 0, y == 0); }
    case 8u, 10u: { return max(x, y); }
    case 9u, 11u: { return min(x, y); }
    case 12u: { return i32(x == y); }
    case 13u: { return i32(x != y); }
    case 14u: { return i32(x < y); }
    case 15u: { return i32(x <= y); }
    case 16u: { return i32(x > y); }
    case 17u: { return i32(x >= y); }
    case 18u: { return i32(x != 0 && y != 0); }
    case 19u: { return i32(x != 0 || y != 0); }
    case 20u: { return i32((x != 0) != (y != 0)); }
    case 21u: { return x & y; }
    case 22u: { return x | y; }
    case 23u: { return x ^ y; }
    default: { return 0; }
  }
}

fn opU32(x: u32, y: u32) -> u32 {
  switch OP {
    case 0u: { return x + y; }
    case 1u: { return x - y; }
    case 2u: { return x * y; }
    case 4u: { return bitcast<u32>(powI(bitcast<i32>(x), i32(min(y, 0x7fffffffu)))); }
    case 5u: { return select(x / y, 0u, y == 0u); }
    case 6u, 7u: { return select(x % y, 0u, y == 0u); }
    case 8u, 10u: { return max(x, y); }
    case 9u, 11u: { return min(x, y); }
    case 12u: { return u32(x == y); }
    case 13u: { return u32(x != y); }
    case 14u: { return u32(x < y); }
    case 15u: { return u32(x <= y); }
    case 16u: { return u32(x > y); }
    case 17u: { return u32(x >= y); }
    case 18u: { return u32(x != 0u && y != 0u); }
    case 19u: { return u32(x != 0u || y != 0u); }
    case 20u: { return u32((x != 0u) != (y != 0u)); }
    case 21u: { return x & y; }
    case 22u: { return x | y; }
    case 23u: { return x ^ y; }
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
