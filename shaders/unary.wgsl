// unary: out = op(x) for the unary ops of ndarray/ops.ts (OP is the row's `code`).
// x arrives in the op's computation dtype; CT picks f32, i32 or u32 arithmetic (common.wgsl).
// Transcendental functions come from shaders/math.wgsl (accurate on every driver, unlike WGSL's
// built-ins); isnan/isinf test the bits. Predicates (isnan, logical_not ...) give 1 or 0.

// The unary op codes: the `code` column of UNARY_ROWS in ndarray/ops.ts, named after the row.
const OP_NEGATIVE: u32 = 0u;
const OP_POSITIVE: u32 = 1u;
const OP_ABS: u32 = 2u;
const OP_SIGN: u32 = 3u;
const OP_SQRT: u32 = 4u;
const OP_SQUARE: u32 = 5u;
const OP_EXP: u32 = 6u;
const OP_EXPM1: u32 = 7u;
const OP_LOG: u32 = 8u;
const OP_LOG1P: u32 = 9u;
const OP_LOG2: u32 = 10u;
const OP_LOG10: u32 = 11u;
const OP_SIN: u32 = 12u;
const OP_COS: u32 = 13u;
const OP_TAN: u32 = 14u;
const OP_ARCSIN: u32 = 15u;
const OP_ARCCOS: u32 = 16u;
const OP_ARCTAN: u32 = 17u;
const OP_SINH: u32 = 18u;
const OP_COSH: u32 = 19u;
const OP_TANH: u32 = 20u;
const OP_ARCSINH: u32 = 21u;
const OP_ARCCOSH: u32 = 22u;
const OP_ARCTANH: u32 = 23u;
const OP_FLOOR: u32 = 24u;
const OP_CEIL: u32 = 25u;
const OP_TRUNC: u32 = 26u;
const OP_RINT: u32 = 27u;
const OP_RECIPROCAL: u32 = 28u;
const OP_ISNAN: u32 = 29u;
const OP_ISFINITE: u32 = 30u;
const OP_ISINF: u32 = 31u;
const OP_LOGICAL_NOT: u32 = 32u;
const OP_INVERT: u32 = 33u;

override OP: u32;
override CT: u32;
override X_DT: u32;
override OUT_DT: u32;

@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@group(0) @binding(2) var<uniform> p: Elementwise;

fn signF(v: f32) -> f32 {
  if (isNan(v)) {
    return v;
  }
  return select(select(0.0, -1.0, v < 0.0), 1.0, v > 0.0);
}

fn truth(c: bool) -> f32 {
  return select(0.0, 1.0, c);
}

fn opF32(v: f32) -> f32 {
  switch OP {
    case OP_NEGATIVE: { return -v; }
    case OP_POSITIVE: { return v; }
    case OP_ABS: { return abs(v); }
    case OP_SIGN: { return signF(v); }
    case OP_SQRT: { return select(sqrt(v), nanF32(), v < 0.0); }
    case OP_SQUARE: { return v * v; }
    case OP_EXP: { return expF(v); }
    case OP_EXPM1: { return expm1F(v); }
    case OP_LOG: { return logF(v); }
    case OP_LOG1P: { return log1pF(v); }
    case OP_LOG2: { return log2F(v); }
    case OP_LOG10: { return log10F(v); }
    case OP_SIN: { return sinF(v); }
    case OP_COS: { return cosF(v); }
    case OP_TAN: { return tanF(v); }
    case OP_ARCSIN: { return asinF(v); }
    case OP_ARCCOS: { return acosF(v); }
    case OP_ARCTAN: { return atanF(v); }
    case OP_SINH: { return sinhF(v); }
    case OP_COSH: { return coshF(v); }
    case OP_TANH: { return tanhF(v); }
    case OP_ARCSINH: { return asinhF(v); }
    case OP_ARCCOSH: { return acoshF(v); }
    case OP_ARCTANH: { return atanhF(v); }
    case OP_FLOOR: { return floor(v); }
    case OP_CEIL: { return ceil(v); }
    case OP_TRUNC: { return trunc(v); }
    case OP_RINT: { return round(v); }
    case OP_RECIPROCAL: { return 1.0 / v; }
    case OP_ISNAN: { return truth(isNan(v)); }
    case OP_ISFINITE: { return truth(!isNan(v) && !isInf(v)); }
    case OP_ISINF: { return truth(isInf(v)); }
    case OP_LOGICAL_NOT: { return truth(!wordIsTrue(bitcast<u32>(v), DT_F32)); }
    default: { return nanF32(); }
  }
}

fn opI32(v: i32) -> i32 {
  switch OP {
    case OP_NEGATIVE: { return -v; }
    case OP_ABS: { return abs(v); }
    case OP_SIGN: { return select(select(0, -1, v < 0), 1, v > 0); }
    case OP_SQUARE: { return v * v; }
    case OP_RECIPROCAL: { return select(0, v, v == 1 || v == -1); }
    case OP_ISNAN, OP_ISINF: { return 0; }
    case OP_ISFINITE: { return 1; }
    case OP_LOGICAL_NOT: { return i32(v == 0); }
    case OP_INVERT: { return ~v; }
    default: { return v; }
  }
}

fn opU32(v: u32) -> u32 {
  switch OP {
    case OP_NEGATIVE: { return 0u - v; }
    case OP_SIGN: { return u32(v > 0u); }
    case OP_SQUARE: { return v * v; }
    case OP_RECIPROCAL: { return u32(v == 1u); }
    case OP_ISNAN, OP_ISINF: { return 0u; }
    case OP_ISFINITE: { return 1u; }
    case OP_LOGICAL_NOT: { return u32(v == 0u); }
    case OP_INVERT: { return select(~v, v ^ 1u, X_DT == DT_BOOL); }
    default: { return v; }
  }
}

fn element(i: u32) {
  let pos = elementPositions(i, p);
  let w = x[pos.x];
  switch CT {
    case CT_F32: {
      out[pos.y] = f32ToWord(opF32(wordToF32(w, X_DT)), OUT_DT);
    }
    case CT_I32: {
      out[pos.y] = i32ToWord(opI32(wordToI32(w, X_DT)), OUT_DT);
    }
    default: {
      out[pos.y] = u32ToWord(opU32(w), OUT_DT);
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
