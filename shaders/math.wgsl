// Accurate float32 exponentials, logarithms, powers and hyperbolic functions (put in front of every
// kernel, after common.wgsl; trigonometry is in trig.wgsl).
// WebGPU lets drivers implement exp, log, atan, asin ... loosely (Vulkan allows thousands of ulp
// for asin; Mesa's software driver is 60 ulp off for exp(-70) and 300 ulp for log2 near 1), so
// results would depend on the GPU. These are the single-precision algorithms of Cephes (S. Moshier):
// reduce the argument exactly (x = n*ln2 + r, x = k*pi/4 + r, ...), then a short minimax polynomial
// on the small range. They stay within a few ulp of NumPy's on every device.

const LN2 = 0.6931471805599453;
const LOG2E = 1.4426950408889634;
const PI = 3.141592653589793;
const PIO2 = 1.5707963267948966;
const PIO4 = 0.7853981633974483;

fn signBit(x: f32) -> bool {
  return (bitcast<u32>(x) >> 31u) == 1u;
}

fn copySign(x: f32, s: f32) -> f32 {
  return bitcast<f32>((bitcast<u32>(x) & 0x7fffffffu) | (bitcast<u32>(s) & 0x80000000u));
}

// x * 2^n in two steps, so that neither step overflows or underflows early.
fn scale2(x: f32, n: i32) -> f32 {
  let h = n / 2;
  return ldexp(ldexp(x, h), n - h);
}

// exp(x) = 2^n * exp(r), n = round(x / ln2), r = x - n*ln2 with ln2 split in two (n*C1 is exact).
fn expF(x: f32) -> f32 {
  if (isNan(x)) {
    return x;
  }
  if (x > 88.72283935546875) {
    return infF32();
  }
  if (x < -103.97208) {
    return 0.0;
  }
  let n = floor(x * LOG2E + 0.5);
  let r = (x - n * 0.693359375) - n * -2.12194440e-4;
  let z = r * r;
  let p = (((((1.9875691500e-4 * r + 1.3981999507e-3) * r + 8.3334519073e-3) * r + 4.1665795894e-2) * r
    + 1.6666665459e-1) * r + 5.0000001201e-1) * z + r + 1.0;
  return scale2(p, i32(n));
}

fn exp2F(x: f32) -> f32 {
  if (isNan(x)) {
    return x;
  }
  if (x >= 128.0) {
    return infF32();
  }
  if (x < -150.0) {
    return 0.0;
  }
  let n = floor(x + 0.5);
  return scale2(expF((x - n) * LN2), i32(n));
}

// exp(x) - 1: a Taylor polynomial near 0, where exp(x) - 1 would cancel.
fn expm1F(x: f32) -> f32 {
  if (abs(x) < 0.5) {
    return x * (1.0 + x * (0.5 + x * (1.6666666666666666e-1 + x * (4.1666666666666664e-2 + x * (8.333333333333333e-3
      + x * (1.388888888888889e-3 + x * (1.984126984126984e-4 + x * (2.48015873015873e-5 + x * 2.7557319223985893e-6))))))));
  }
  if (x < -20.0) {
    return -1.0;
  }
  return expF(x) - 1.0;
}

// log(x) of a finite x > 0 in parts: x = 2^e * (1 + m) with m in [sqrt(1/2) - 1, sqrt(2) - 1),
// log(1 + m) = m - m^2/2 + m^3 * P(m). Returns (m, the rest of log(1 + m), e).
fn logParts(x: f32) -> vec3f {
  let fe = frexp(x);
  var m = fe.fract;
  var e = f32(fe.exp);
  if (m < 0.7071067811865476) {
    e -= 1.0;
    m = m + m - 1.0;
  } else {
    m = m - 1.0;
  }
  let z = m * m;
  let y = ((((((((7.0376836292e-2 * m - 1.1514610310e-1) * m + 1.1676998740e-1) * m - 1.2420140846e-1) * m
    + 1.4249322787e-1) * m - 1.6668057665e-1) * m + 2.0000714765e-1) * m - 2.4999993993e-1) * m
    + 3.3333331174e-1) * m * z - 0.5 * z;
  return vec3f(m, y, e);
}

// NaN for x < 0, -inf for 0, x for +inf and NaN; 0 means "finite and positive: compute".
fn logSpecial(x: f32) -> f32 {
  if (isNan(x) || x < 0.0) {
    return nanF32();
  }
  if (x == 0.0) {
    return -infF32();
  }
  return x;
}

fn logF(x: f32) -> f32 {
  if (!(x > 0.0) || isInf(x) || isNan(x)) {
    return logSpecial(x);
  }
  let p = logParts(x);
  return p.x + (p.y - 2.12194440e-4 * p.z) + 0.693359375 * p.z;
}

fn log2F(x: f32) -> f32 {
  if (!(x > 0.0) || isInf(x) || isNan(x)) {
    return logSpecial(x);
  }
  let p = logParts(x);
  let a = 0.44269504088896340736; // log2(e) - 1
  return p.y * a + p.x * a + p.y + p.x + p.z;
}

fn log10F(x: f32) -> f32 {
  if (!(x > 0.0) || isInf(x) || isNan(x)) {
    return logSpecial(x);
  }
  let p = logParts(x);
  // log10(e) = 4.3359375e-1 + 7.0073190e-4, log10(2) = 3.0078125e-1 + 2.4874566e-4 (first parts exact)
  return p.y * 7.00731903251827651129e-4 + p.x * 7.00731903251827651129e-4 + p.z * 2.48745663981195213739e-4
    + p.y * 4.3359375e-1 + p.x * 4.3359375e-1 + p.z * 3.0078125e-1;
}

// log(1 + x) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...) with s = x / (2 + x), |s| <= 1/3 for
// -1/2 <= x < 1 (no cancellation, unlike log(1 + x) for small x); log(1 + x) elsewhere.
fn log1pF(x: f32) -> f32 {
  if (x <= -1.0 || isNan(x)) {
    return select(nanF32(), -infF32(), x == -1.0);
  }
  if (x < -0.5 || x >= 1.0) {
    return logF(1.0 + x);
  }
  let t = x / (2.0 + x);
  let z = t * t;
  return 2.0 * t * (1.0 + z * (3.3333333333333333e-1 + z * (2.0e-1 + z * (1.4285714285714285e-1 + z * (1.1111111111111111e-1
    + z * (9.090909090909091e-2 + z * (7.692307692307693e-2 + z * (6.666666666666667e-2 + z * 5.882352941176471e-2))))))));
}

fn sinhF(x: f32) -> f32 {
  let a = abs(x);
  if (a > 88.0) {
    return copySign(expF(a - LN2), x); // exp(a) / 2 without overflowing first
  }
  if (a >= 1.0) {
    let e = expF(a);
    return copySign(0.5 * e - 0.5 / e, x);
  }
  let z = x * x;
  return ((2.03721912945e-4 * z + 8.33028376239e-3) * z + 1.66667160211e-1) * z * x + x;
}

fn coshF(x: f32) -> f32 {
  let a = abs(x);
  if (isNan(x)) {
    return x;
  }
  if (a > 88.0) {
    return expF(a - LN2);
  }
  let e = expF(a);
  return 0.5 * e + 0.5 / e;
}

fn tanhF(x: f32) -> f32 {
  let a = abs(x);
  if (isNan(x)) {
    return x;
  }
  if (a >= 0.625) {
    let s = expF(a + a);
    return copySign(1.0 - 2.0 / (s + 1.0), x);
  }
  let z = x * x;
  return ((((-5.70498872745e-3 * z + 2.06390887954e-2) * z - 5.37397155531e-2) * z + 1.33314422036e-1) * z
    - 3.33332819422e-1) * z * x + x;
}

fn asinhF(x: f32) -> f32 {
  let a = abs(x);
  if (isNan(x) || isInf(x)) {
    return x;
  }
  if (a > 1500.0) {
    return copySign(logF(a) + LN2, x);
  }
  if (a < 0.5) {
    let z = a * a;
    return copySign((((2.0122003309e-2 * z - 4.2699340972e-2) * z + 7.4847586088e-2) * z - 1.6666288134e-1) * z * a + a, x);
  }
  return copySign(logF(a + sqrt(a * a + 1.0)), x);
}

fn acoshF(x: f32) -> f32 {
  if (x < 1.0 || isNan(x)) {
    return nanF32();
  }
  if (isInf(x)) {
    return x;
  }
  if (x > 1500.0) {
    return logF(x) + LN2;
  }
  let z = x - 1.0;
  if (z < 0.5) {
    return ((((1.7596881071e-3 * z - 7.5272886713e-3) * z + 2.6454905019e-2) * z - 1.1784741703e-1) * z
      + 1.4142135263) * sqrt(z);
  }
  return logF(x + sqrt(z * (x + 1.0)));
}

fn atanhF(x: f32) -> f32 {
  let a = abs(x);
  if (a >= 1.0 || isNan(x)) {
    return select(nanF32(), copySign(infF32(), x), a == 1.0);
  }
  if (a < 1e-4) {
    return x;
  }
  if (a < 0.5) {
    let z = x * x;
    return ((((1.81740078349e-1 * z + 8.24370301058e-2) * z + 1.46691431730e-1) * z + 1.99782164500e-1) * z
      + 3.33337300303e-1) * z * x + x;
  }
  return 0.5 * logF((1.0 + x) / (1.0 - x));
}

// |x|^y = 2^(y * log2|x|) for finite x > 0, with log2|x| = e + f (e an integer, |f| <= 1/2): y*e is
// summed exactly (y cut into two 12-bit halves) and only y*f rounds, so large results stay accurate.
fn powAbs(ax: f32, y: f32) -> f32 {
  let p = logParts(ax);
  let a2 = 0.44269504088896340736; // log2(e) - 1
  let f = p.y * a2 + p.x * a2 + p.y + p.x;
  let yh = bitcast<f32>(bitcast<u32>(y) & 0xfffff000u);
  let yl = y - yh;
  let a = yh * p.z;
  let b = yl * p.z;
  let c = y * f;
  let t = a + b + c;
  if (t > 129.0) {
    return infF32();
  }
  if (t < -151.0) {
    return 0.0;
  }
  let na = round(a);
  let nb = round(b);
  let rest = (a - na) + (b - nb) + c;
  let nr = round(rest);
  return scale2(expF((rest - nr) * LN2), i32(na + nb + nr));
}

// True for integers with an odd last digit (floats of 2^24 and more are all even).
fn isOddInteger(y: f32) -> bool {
  return abs(y) < 16777216.0 && trunc(y) == y && (i32(y) & 1) == 1;
}

// C's pow, special cases first; the general case is 2^(y * log2|x|).
fn powF(x: f32, y: f32) -> f32 {
  if (x == 1.0 || y == 0.0) {
    return 1.0;
  }
  if (isNan(x) || isNan(y)) {
    return nanF32();
  }
  if (isInf(y)) {
    let ax = abs(x);
    if (ax == 1.0) {
      return 1.0;
    }
    return select(0.0, infF32(), (ax > 1.0) == (y > 0.0));
  }
  let odd = isOddInteger(y);
  if (x == 0.0 || isInf(x)) {
    let big = (x == 0.0) == (y < 0.0); // 0^negative and inf^positive are infinite
    let m = select(0.0, infF32(), big);
    return select(m, copySign(m, x), odd);
  }
  if (x < 0.0 && trunc(y) != y) {
    return nanF32();
  }
  let m = powAbs(abs(x), y);
  return select(m, -m, x < 0.0 && odd);
}

// C's fmod, exactly: subtract the largest y * 2^k that fits, until the remainder is below |y|
// (each subtraction is exact). The remainder has the sign of x.
fn fmodF(x: f32, y: f32) -> f32 {
  if (isNan(x) || isNan(y) || isInf(x) || y == 0.0) {
    return nanF32();
  }
  let ay = abs(y);
  var r = abs(x);
  if (isInf(y) || r < ay) {
    return x;
  }
  for (var i = 0; i < 300 && r >= ay; i++) {
    var d = ldexp(ay, frexp(r).exp - frexp(ay).exp);
    if (d > r) {
      d = d * 0.5;
    }
    r = r - d;
  }
  return copySign(r, x);
}
