// Initializers: how a layer's weights start. Keras's defaults are glorotUniform for kernels and
// zeros for biases. With fanIn and fanOut the kernel's input and output sizes:
//   glorotUniform: U(-l, l), l = √(6 / (fanIn + fanOut))      (Glorot & Bengio 2010)
//   glorotNormal:  N(0, 2 / (fanIn + fanOut)) truncated at 2σ
//   heUniform:     U(-l, l), l = √(6 / fanIn);  heNormal: N(0, 2 / fanIn) truncated at 2σ
//   randomNormal:  N(mean 0, stddev 0.05);  randomUniform: U(-0.05, 0.05)
//   orthogonal:    Q of the QR decomposition of a normal matrix, signs fixed by diag(R) (Saxe et al.
//                  2014; the default of LSTM's recurrent kernel)
// Values are drawn on the CPU from nn's random stream (setRandomSeed), then moved to the device.
import * as np from '../ndarray/index.ts';
import { randomState } from './backend.ts';
import { checkOptions } from './options.ts';

type NDArray = np.NDArray;
/** Draws an array of `shape` (float64, on the CPU). */
export type Initializer = ((shape: readonly number[]) => NDArray) & { config?: { className: string; config: Record<string, number> } };

/** fanIn and fanOut of a kernel: (in, out) for a Dense kernel; receptive field times channels otherwise. */
function fans(shape: readonly number[]): [number, number] {
  if (shape.length < 1) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  const field = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [field * shape[shape.length - 2], field * shape[shape.length - 1]];
}

const named = (className: string, config: Record<string, number>, fn: (shape: readonly number[]) => NDArray): Initializer =>
  Object.assign(fn, { config: { className, config } });

/** N(0, σ²) truncated at ±2σ by redrawing, as Keras's TruncatedNormal. */
function truncatedNormal(shape: readonly number[], stddev: number): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v: number;
    do v = randomState().standardNormal() as number; while (Math.abs(v) > 2);
    out[i] = v * stddev;
  }
  return np.NDArray.fromTyped(out, shape, 'float64', 'cpu', { copy: false });
}

export const zeros = (): Initializer => named('Zeros', {}, (shape) => np.zeros([...shape]));
export const ones = (): Initializer => named('Ones', {}, (shape) => np.ones([...shape]));
export function constant(options: { value?: number } = {}): Initializer {
  checkOptions('Constant', options, ['value']);
  const value = options.value ?? 0;
  return named('Constant', { value }, (shape) => np.full([...shape], value));
}
export function randomUniform(options: { minval?: number; maxval?: number } = {}): Initializer {
  checkOptions('RandomUniform', options, ['minval', 'maxval']);
  const [lo, hi] = [options.minval ?? -0.05, options.maxval ?? 0.05];
  return named('RandomUniform', { minval: lo, maxval: hi }, (shape) => randomState().uniform(lo, hi, [...shape]));
}
export function randomNormal(options: { mean?: number; stddev?: number } = {}): Initializer {
  checkOptions('RandomNormal', options, ['mean', 'stddev']);
  const [mean, stddev] = [options.mean ?? 0, options.stddev ?? 0.05];
  return named('RandomNormal', { mean, stddev }, (shape) => randomState().normal(mean, stddev, [...shape]));
}
export const glorotUniform = (): Initializer => named('GlorotUniform', {}, (shape) => {
  const [fanIn, fanOut] = fans(shape);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return randomState().uniform(-limit, limit, [...shape]);
});
export const glorotNormal = (): Initializer => named('GlorotNormal', {}, (shape) => {
  const [fanIn, fanOut] = fans(shape);
  return truncatedNormal(shape, Math.sqrt(2 / (fanIn + fanOut)) / 0.87962566103423978);
});
export const heUniform = (): Initializer => named('HeUniform', {}, (shape) => {
  const limit = Math.sqrt(6 / fans(shape)[0]);
  return randomState().uniform(-limit, limit, [...shape]);
});
export const heNormal = (): Initializer => named('HeNormal', {}, (shape) => truncatedNormal(shape, Math.sqrt(2 / fans(shape)[0]) / 0.87962566103423978));

/** An orthogonal matrix (rows = the product of all axes but the last, columns = the last), times `gain`. */
export function orthogonal(options: { gain?: number } = {}): Initializer {
  checkOptions('Orthogonal', options, ['gain']);
  const gain = options.gain ?? 1;
  return named('Orthogonal', { gain }, (shape) => np.tidy(() => {
    const cols = shape[shape.length - 1];
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const tall = rows >= cols;
    const a = randomState().normal(0, 1, tall ? [rows, cols] : [cols, rows]);
    const { Q, R } = np.linalg.qr(a) as { Q: NDArray; R: NDArray };
    const signs = np.sign(np.array(Array.from({ length: Math.min(rows, cols) }, (_, i) => R.itemSync(i, i))));
    const q = np.multiply(Q, signs);
    return np.multiply(np.reshape(tall ? q : q.T, [...shape]), gain).copy();
  }));
}

const REGISTRY: Record<string, () => Initializer> = {
  zeros, ones, glorot_uniform: glorotUniform, glorotUniform, glorot_normal: glorotNormal, glorotNormal,
  he_uniform: heUniform, heUniform, he_normal: heNormal, heNormal, random_normal: randomNormal, randomNormal,
  normal: randomNormal, random_uniform: randomUniform, randomUniform, uniform: randomUniform, orthogonal,
};
const CLASSES: Record<string, (config: Record<string, number>) => Initializer> = {
  Zeros: zeros, Ones: ones, Constant: constant, RandomUniform: randomUniform, RandomNormal: randomNormal,
  GlorotUniform: glorotUniform, GlorotNormal: glorotNormal, HeUniform: heUniform, HeNormal: heNormal, Orthogonal: orthogonal,
};

/** An initializer from a Keras name ('glorot_uniform', 'zeros', 'normal', ...), a config or a function. */
export function getInitializer(spec: string | Initializer | { className: string; config: Record<string, number> }): Initializer {
  if (typeof spec === 'function') return spec;
  if (typeof spec === 'object' && spec !== null && spec.className in CLASSES) return CLASSES[spec.className](spec.config ?? {});
  const make = typeof spec === 'string' ? REGISTRY[spec] : undefined;
  if (!make) throw new np.ValueError(`Could not interpret initializer identifier: ${JSON.stringify(spec)} (known: ${Object.keys(REGISTRY).join(', ')})`);
  return make();
}
