// How NumPy writes floats: each value gets its shortest round-trip digits (the fewest decimal digits
// that read back to the same float64, or float32), cut to `precision` fractional digits. If the
// magnitudes are very large (>= 1e8), very small (< 1e-4) or far apart (ratio > 1000), every value
// uses scientific notation with a common number of digits; otherwise positional notation, aligned
// on the decimal point and padded on the right with spaces: `[1.5 , 2.25]`.

interface Parts { neg: boolean; digits: string; exp: number } // value = ±d.ddd × 10^exp

/** Shortest round-trip decimal digits of x (finite), for float64 or float32. */
function shortest(x: number, isF32: boolean): Parts {
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  let s = ax.toExponential();
  if (isF32) {
    for (let p = 0; p < 9; p++) {
      s = ax.toExponential(p);
      if (Math.fround(Number(s)) === ax) break;
    }
  }
  return parse(s, neg);
}

function parse(s: string, neg: boolean): Parts {
  const [mant, e] = s.split('e');
  return { neg, digits: mant.replace('.', ''), exp: Number(e) };
}

/** Positional text `int.frac` (frac without trailing zeros), at most `precision` fractional digits. */
function positional(x: number, isF32: boolean, precision: number): [string, string] {
  const p = shortest(x, isF32);
  const fracDigits = Math.max(0, p.digits.length - 1 - p.exp);
  let text: string;
  if (fracDigits > precision) {
    text = Math.abs(x).toFixed(precision);
  } else if (p.exp >= 0) {
    const intLen = p.exp + 1;
    const digits = p.digits.padEnd(intLen, '0');
    text = digits.slice(0, intLen) + '.' + digits.slice(intLen);
  } else {
    text = '0.' + '0'.repeat(-p.exp - 1) + p.digits;
  }
  let [int, frac = ''] = text.split('.');
  frac = frac.replace(/0+$/, '');
  return [(p.neg ? '-' : '') + int, frac];
}

/** Scientific parts [int, frac, exp] with at most `precision` fractional digits in the mantissa. */
function scientific(x: number, isF32: boolean, precision: number): [string, string, number] {
  let p = shortest(x, isF32);
  if (p.digits.length - 1 > precision) p = parse(Math.abs(x).toExponential(precision), p.neg);
  const frac = p.digits.slice(1).replace(/0+$/, '');
  return [(p.neg ? '-' : '') + p.digits[0], frac, p.exp];
}

/** A formatter for values printed together (NumPy's FloatingFormat with floatmode 'maxprec'). */
export function formatFloats(values: number[], isF32: boolean, precision: number, suppress: boolean): (x: number) => string {
  const finite = values.filter(Number.isFinite);
  const absNonZero = finite.filter((v) => v !== 0).map(Math.abs);
  const maxV = Math.max(...absNonZero), minV = Math.min(...absNonZero);
  const expFormat = absNonZero.length > 0 && (maxV >= 1e8 || (!suppress && (minV < 1e-4 || maxV / minV > 1000)));
  let padLeft = 0, padRight = 0;
  let body: (x: number) => string;
  if (finite.length === 0) {
    body = () => '';
  } else if (expFormat) {
    const parts = finite.map((v) => scientific(v, isF32, precision));
    const prec = Math.max(...parts.map((q) => q[1].length));
    const expSize = Math.max(2, ...parts.map((q) => String(Math.abs(q[2])).length));
    padLeft = Math.max(...parts.map((q) => q[0].length));
    padRight = expSize + 2 + prec;
    body = (x) => {
      const [int, frac, exp] = scientific(x, isF32, prec);
      const sign = exp < 0 ? '-' : '+';
      return int.padStart(padLeft) + '.' + frac.padEnd(prec, '0') + 'e' + sign + String(Math.abs(exp)).padStart(expSize, '0');
    };
  } else {
    const parts = finite.map((v) => positional(v, isF32, precision));
    padLeft = Math.max(...parts.map((q) => q[0].length));
    padRight = Math.max(...parts.map((q) => q[1].length));
    body = (x) => {
      const [int, frac] = positional(x, isF32, precision);
      return int.padStart(padLeft) + '.' + frac.padEnd(padRight);
    };
  }
  if (finite.length !== values.length) {
    const negInf = values.some((v) => v === -Infinity);
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (negInf ? 1 : 0) - (padRight + 1));
  }
  return (x) => {
    if (Number.isFinite(x)) return body(x);
    const text = Number.isNaN(x) ? 'nan' : x < 0 ? '-inf' : 'inf';
    return text.padStart(padLeft + padRight + 1);
  };
}
