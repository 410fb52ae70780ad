// unary: out = op(x) for the unary ops of ndarray/ops.ts (OP is the row's `code`).
// x arrives in the op's computation dtype; CT picks f32, i32 or u32 arithmetic (common.wgsl).
// Transcendental functions come from shaders/math.wgsl (accurate on every driver, unlike WGSL's
// built-ins); isnan/isinf test the bits. Predicates (isnan, logical_not ...) give 1 or 0.
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
    case 0u: { return -v; }
    case 1u: { return v; }
    case 2u: { return abs(v); }
    case 3u: { return signF(v); }
    case 4u: { return select(sqrt(v), nanF32(), v < 0.0); }
    case 5u: { return v * v; }
    case 6u: { return expF(v); }
    case 7u: { return expm1F(v); }
    case 8u: { return logF(v); }
    case 9u: { return log1pF(v); }
    case 10u: { return log2F(v); }
    case 11u: { return log10F(v); }
    case 12u: { return sinF(v); }
    case 13u: { return cosF(v); }
    case 14u: { return tanF(v); }
    case 15u: { return asinF(v); }
    case 16u: { return acosF(v); }
    case 17u: { return atanF(v); }
    case 18u: { return sinhF(v); }
    case 19u: { return coshF(v); }
    case 20u: { return tanhF(v); }
    case 21u: { return asinhF(v); }
    case 22u: { return acoshF(v); }
    case 23u: { return atanhF(v); }
    case 24u: { return floor(v); }
    case 25u: { return ceil(v); }
    case 26u: { return trunc(v); }
    case 27u: { return round(v); }
    case 28u: { return 1.0 / v; }
    case 29u: { return truth(isNan(v)); }
    case 30u: { return truth(!isNan(v) && !isInf(v)); }
    case 31u: { return truth(isInf(v)); }
    case 32u: { return truth(!wordIsTrue(bitcast<u32>(v), DT_F32)); }
    default: { return nanF32(); }
  }
}

fn opI32(v: i32) -> i32 {
  switch OP {
    case 0u: { return -v; }
    case 2u: { return abs(v); }
    case 3u: { return select(select(0, -1, v < 0), 1, v > 0); }
    case 5u: { return v * v; }
    case 28u: { return select(0, v, v == 1 || v == -1); }
    case 29u, 31u: { return 0; }
    case 30u: { return 1; }
    case 32u: { return i32(v == 0); }
    case 33u: { return ~v; }
    default: { return v; }
  }
}

fn opU32(v: u32) -> u32 {
  switch OP {
    case 0u: { return 0u - v; }
    case 3u: { return u32(v > 0u); }
    case 5u: { return v * v; }
    case 28u: { return u32(v == 1u); }
    case 29u, 31u: { return 0u; }
    case 30u: { return 1u; }
    case 32u: { return u32(v == 0u); }
    case 33u: { return select(~v, v ^ 1u, X_DT == DT_BOOL); }
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
