// Accurate float32 trigonometric functions and their inverses (put in front of every kernel, after
// math.wgsl). The hard part is the argument reduction: sin(x) needs x mod pi/2 to full precision,
// which for x = 1e10 means knowing pi to about 60 bits beyond float32's 24. Small arguments use pi/4 in
// three exactly-multipliable parts (Cody-Waite); large ones multiply by the bits of 2/pi (Payne-Hanek).
// Polynomials are Cephes's (S. Moshier).

// |x| = j*pi/4 + r with j even and |r| <= pi/4, returned as (r, j mod 8). Below 8192: Cody-Waite,
// pi/4 in three parts whose products with j are exact. Above: Payne-Hanek (reduceLarge).
fn reduceQuarterPi(ax: f32) -> vec2f {
  if (ax >= 8192.0) {
    return reduceLarge(ax);
  }
  var j = floor(ax * 1.2732395447351628);
  if ((u32(j) & 1u) == 1u) {
    j += 1.0;
  }
  let r = ((ax - j * 0.78515625) - j * 2.4187564849853515625e-4) - j * 3.77489497744594108e-8;
  return vec2f(r, f32(u32(j) & 7u));
}

// The bits of 2/pi after the binary point, 32 per word, behind one word of zeros.
var<private> TWO_OVER_PI: array<u32, 9> = array<u32, 9>(0u, 0xa2f9836eu, 0x4e441529u, 0xfc2757d1u, 0xf534ddc0u,
  0xdb629599u, 0x3c439041u, 0xfe5163abu, 0xdebbc561u);

// 32 table bits starting at bit 32k + o.
fn twoOverPiBits(k: u32, o: u32) -> u32 {
  if (o == 0u) {
    return TWO_OVER_PI[k];
  }
  return (TWO_OVER_PI[k] << o) | (TWO_OVER_PI[k + 1u] >> (32u - o));
}

// a * b as (high word, low word), from 16-bit halves.
fn mul64(a: u32, b: u32) -> vec2u {
  let al = a & 0xffffu;
  let ah = a >> 16u;
  let bl = b & 0xffffu;
  let bh = b >> 16u;
  let ll = al * bl;
  let lh = al * bh;
  let hl = ah * bl;
  let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
  return vec2u(ah * bh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u), (mid << 16u) | (ll & 0xffffu));
}

// Payne-Hanek reduction for large |x| = m * 2^E (m: the 24-bit significand). x * 2/pi mod 4 needs
// only the bits of 2/pi from position E - 1 on (earlier ones give multiples of 4): multiply m by a
// 96-bit window of them, read the quadrant q from the top bits and the fraction below, round to
// the nearest quadrant and scale the fraction back by pi/2.
fn reduceLarge(ax: f32) -> vec2f {
  let bits = bitcast<u32>(ax);
  let m = (bits & 0x7fffffu) | 0x800000u;
  let s = ((bits >> 23u) & 0xffu) - 120u; // the window's first table bit: E + 30, E = exponent - 150 >= -10 here
  let k = s / 32u;
  let o = s % 32u;
  let r2 = mul64(m, twoOverPiBits(k + 2u, o));
  let r1 = mul64(m, twoOverPiBits(k + 1u, o));
  let r0 = mul64(m, twoOverPiBits(k, o));
  // The product's words from bit 32 up; its value mod 4 is the product / 2^94.
  let p2 = r2.x + r1.y;
  let t1 = r1.x + r0.y;
  let p1 = t1 + u32(p2 < r2.x);
  var q = (p1 >> 30u) & 3u;
  var hi = p1 & 0x3fffffffu; // fraction bits 2^-1 .. 2^-30
  var lo = p2; //               fraction bits 2^-31 .. 2^-62
  let up = (hi & 0x20000000u) != 0u; // fraction >= 1/2: round to the next quadrant
  if (up) {
    q = (q + 1u) & 3u;
    let borrow = u32(lo != 0u);
    lo = ~lo + 1u;
    hi = (0x40000000u - hi - borrow) & 0x3fffffffu;
  }
  let f = f32(hi) * 9.313225746154785e-10 + f32(lo) * 2.168404344971009e-19; // 2^-30, 2^-62
  let r = f * 1.5707963705062866 + f * -4.371139000186243e-8; // pi/2 in two parts
  return vec2f(select(r, -r, up), f32(2u * q));
}

fn sinPoly(r: f32) -> f32 {
  let z = r * r;
  return ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * r + r;
}

fn cosPoly(r: f32) -> f32 {
  let z = r * r;
  return ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0;
}

fn sinF(x: f32) -> f32 {
  if (isNan(x) || isInf(x)) {
    return nanF32();
  }
  let q = reduceQuarterPi(abs(x));
  var j = u32(q.y);
  var negative = x < 0.0;
  if (j > 3u) {
    negative = !negative;
    j -= 4u;
  }
  let v = select(sinPoly(q.x), cosPoly(q.x), j == 2u);
  return select(v, -v, negative);
}

fn cosF(x: f32) -> f32 {
  if (isNan(x) || isInf(x)) {
    return nanF32();
  }
  let q = reduceQuarterPi(abs(x));
  var j = u32(q.y);
  var negative = false;
  if (j > 3u) {
    negative = true;
    j -= 4u;
  }
  if (j > 1u) {
    negative = !negative;
  }
  let v = select(cosPoly(q.x), sinPoly(q.x), j == 2u);
  return select(v, -v, negative);
}

fn tanF(x: f32) -> f32 {
  if (isNan(x) || isInf(x)) {
    return nanF32();
  }
  let q = reduceQuarterPi(abs(x));
  let r = q.x;
  let z = r * r;
  var y = r;
  if (abs(r) > 1e-4) {
    y = (((((9.38540185543e-3 * z + 3.11992232697e-3) * z + 2.44301354525e-2) * z + 5.34112807005e-2) * z
      + 1.33387994085e-1) * z + 3.33331568548e-1) * z * r + r;
  }
  if ((u32(q.y) & 2u) == 2u) {
    y = -1.0 / y;
  }
  return select(y, -y, x < 0.0);
}

fn atanF(x: f32) -> f32 {
  if (isNan(x)) {
    return x;
  }
  var a = abs(x);
  var base = 0.0;
  if (a > 2.414213562373095) {
    base = PIO2;
    a = -1.0 / a;
  } else if (a > 0.4142135623730950) {
    base = PIO4;
    a = (a - 1.0) / (a + 1.0);
  }
  let z = a * a;
  let y = base + ((((8.05374449538e-2 * z - 1.38776856032e-1) * z + 1.99777106478e-1) * z - 3.33329491539e-1) * z * a + a);
  return copySign(y, x);
}

// C99's atan2, signed zeros and infinities included.
fn atan2F(y: f32, x: f32) -> f32 {
  if (isNan(x) || isNan(y)) {
    return nanF32();
  }
  if (y == 0.0) {
    return select(y, copySign(PI, y), signBit(x));
  }
  if (x == 0.0) {
    return copySign(PIO2, y);
  }
  if (isInf(x)) {
    if (isInf(y)) {
      return copySign(select(PIO4, 3.0 * PIO4, x < 0.0), y);
    }
    return select(copySign(0.0, y), copySign(PI, y), x < 0.0);
  }
  if (isInf(y)) {
    return copySign(PIO2, y);
  }
  let z = atanF(y / x);
  if (x > 0.0) {
    return z;
  }
  return z + copySign(PI, y);
}

fn asinF(x: f32) -> f32 {
  let a = abs(x);
  if (a > 1.0 || isNan(x)) {
    return nanF32();
  }
  if (a < 1e-4) {
    return x;
  }
  var t = a;
  var z = a * a;
  let big = a > 0.5;
  if (big) {
    z = 0.5 * (1.0 - a);
    t = sqrt(z);
  }
  var r = ((((4.2163199048e-2 * z + 2.4181311049e-2) * z + 4.5470025998e-2) * z + 7.4953002686e-2) * z
    + 1.6666752422e-1) * z * t + t;
  if (big) {
    r = PIO2 - (r + r);
  }
  return copySign(r, x);
}

fn acosF(x: f32) -> f32 {
  if (abs(x) > 1.0 || isNan(x)) {
    return nanF32();
  }
  if (x < -0.5) {
    return PI - 2.0 * asinF(sqrt(0.5 * (1.0 + x)));
  }
  if (x > 0.5) {
    return 2.0 * asinF(sqrt(0.5 * (1.0 - x)));
  }
  return PIO2 - asinF(x);
}
