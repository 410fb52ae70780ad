// Reverse-mode autodiff, part 2: np.grad and np.valueAndGrad (JAX's names and arguments).
// grad(f)(x) evaluates f(x) once while the tape records (tape.ts), then walks the tape backwards:
// starting from dL/dL = 1, each node turns the gradient of its output into gradients of its inputs
// with its rule (the chain rule, one vector-Jacobian product per op), and the gradients that reach
// the same array add up. The one rule every op shares lives here: an input that was broadcast
// against a bigger operand receives the gradient summed over the broadcast axes (`sumToShape`).
import { NDArray, requireNDArray, type ArrayLike } from '../ndarray.ts';
import { isFloat } from '../dtype.ts';
import { type Shape, checkShape, formatShape, shapesEqual } from '../shape.ts';
import { ValueError } from '../errors.ts';
import { deviceDType } from '../backend.ts';
import { tidy } from '../memory.ts';
import { onesLike, zerosLike, asarray } from '../creation.ts';
import { add } from '../ufuncs.ts';
import { sum } from '../reductions.ts';
import { reshape, astype } from '../manipulation.ts';
import { Tape, recording, untraced, activeTape, differentiable } from './tape.ts';
import { checkOptions } from '../options.ts';

/** The arguments to differentiate: an array, or a list or plain object of arrays (one level). */
export type Differentiable = NDArray | readonly NDArray[] | { readonly [key: string]: NDArray };

export interface GradOptions {
  /** Which positional arguments to differentiate (default 0). A list gives a list of gradients. */
  argnums?: number | readonly number[];
  /** f returns [value, aux]: aux is passed through untouched (JAX's has_aux). */
  hasAux?: boolean;
}

/** Sums `g` over the axes along which an array of `shape` was broadcast to g's shape. */
export function sumToShape(g: NDArray, shape: Shape): NDArray {
  requireNDArray('sumToShape', 'g', g);
  shape = checkShape(shape);
  if (shapesEqual(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const axes = g.shape.map((_, i) => i).filter((i) => i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1));
  return reshape(sum(g, { axis: axes, keepdims: true }), shape);
}

/** A function with a derivative of your own (jax.custom_vjp): np.grad calls `backward(g, y, inputs)`
 *  instead of looking inside `forward`, where g is the gradient of the output y and `inputs` are the
 *  NDArray arguments in order; it returns one gradient per input (null for none). For fused kernels
 *  whose inside the tape cannot see, and for numerically better derivatives. */
export function customVjp<F extends (...args: never[]) => NDArray>(name: string, forward: F, backward: (g: NDArray, y: NDArray, inputs: readonly NDArray[]) => readonly (NDArray | null)[]): F {
  return differentiable(name, forward, (g, y, inputs, _args, needed) => backward(g, y, inputs).map((d, i) => (needed[i] ? d : null)));
}

/** x as a value the tape does not see: no derivative flows through the result (jax.lax.stop_gradient).
 *  A copy, so reading it inside np.grad is allowed. */
export function stopGradient(x: ArrayLike): NDArray {
  return untraced(() => asarray(x).copy());
}

/**
 * The function that returns f's gradient with respect to argument `argnums` (JAX's jax.grad).
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * const f = (x: np.NDArray) => np.sum(np.multiply(x, x)); // f(x) = Σ x²
 * console.log(np.grad(f)(np.array([1, 2, 3], { dtype: 'float64' }))); // ∇f = 2x
 * const g = np.grad((w: np.NDArray, b: np.NDArray) => np.sum(np.add(np.multiply(w, 3), b)), { argnums: [0, 1] });
 * console.log(g(np.array(2.0), np.array(1.0)));
 * ```
 *
 * ```text output
 * array([2., 4., 6.])
 * [ array(3.), array(1.) ]
 * ```
 */
export function grad<A extends unknown[]>(f: (...args: A) => unknown, options: GradOptions = {}): (...args: A) => any {
  checkOptions('grad', options, ['argnums', 'hasAux']);
  const vg = valueAndGrad(f, options);
  return (...args: A) => {
    const [value, grads] = vg(...args) as [unknown, unknown];
    if (!options.hasAux) {
      (value as NDArray).dispose();
      return grads;
    }
    const [y, aux] = value as [NDArray, unknown];
    y.dispose();
    return [grads, aux];
  };
}

/** The function that returns [f(...args), gradient] (jax.value_and_grad). f must return a scalar
 *  (a float array of one element). With hasAux, f returns [scalar, aux] and the value is [scalar, aux]. */
export function valueAndGrad<A extends unknown[]>(f: (...args: A) => unknown, options: GradOptions = {}): (...args: A) => [any, any] {
  checkOptions('value_and_grad', options, ['argnums', 'hasAux']);
  const argnums = checkArgnums(options.argnums ?? 0);
  const hasAux = options.hasAux ?? false;
  return (...args: A) => {
    if (activeTape()) throw new ValueError('np.grad inside np.grad (higher-order derivatives) is not supported');
    argnums.forEach((i) => {
      if (i >= args.length) throw new ValueError(`argnums ${i} is out of range for a function called with ${args.length} positional argument(s)`);
    });
    const tape = new Tape();
    let aux: unknown;
    // Everything f and the backward pass create is disposed, except the value, the gradients and aux.
    const [y, ...rest] = tidyTape(() => {
      const traced = args.map((a, i) => (argnums.includes(i) ? mapArrays(a as Differentiable, (x, path) => traceInput(tape, x, `argument ${i}${path}`)) : a)) as A;
      const result = recording(tape, () => f(...traced));
      if (result instanceof Promise) throw new TypeError('np.grad needs a synchronous function (it returned a Promise)');
      let value = result;
      if (hasAux) {
        if (!Array.isArray(result) || result.length !== 2) throw new TypeError('with hasAux: true the function must return [value, aux]');
        [value, aux] = result;
      }
      const leaves = argnums.flatMap((i) => leavesOf(traced[i] as Differentiable));
      return [checkScalar(value), ...backward(tape, checkScalar(value), leaves), ...arraysOf(aux)];
    }, tape) as NDArray[];
    let k = 0;
    const trees = argnums.map((i) => mapArrays(args[i] as Differentiable, () => rest[k++]));
    const g = typeof options.argnums === 'object' ? trees : trees[0];
    return [hasAux ? [y, aux] : y, g];
  };
}

function checkArgnums(argnums: number | readonly number[]): number[] {
  const list = typeof argnums === 'number' ? [argnums] : [...argnums];
  for (const i of list) if (!Number.isInteger(i) || i < 0) throw new ValueError(`argnums must be non-negative integers, got ${i}`);
  return list;
}

/** f's output as a traced-or-not float scalar, with JAX's message otherwise. */
function checkScalar(value: unknown): NDArray {
  if (!(value instanceof NDArray)) throw new TypeError(`np.grad: the function must return an NDArray, got ${typeof value}`);
  if (value.size !== 1) throw new TypeError(`Gradient only defined for scalar-output functions. Output had shape: ${formatShape(value.shape, true)}`);
  if (!isFloat(value.dtype)) throw new TypeError(`grad requires real-valued outputs (output dtype that is a sub-dtype of np.floating), but got ${value.dtype}`);
  return value;
}

/** A copy of an input on its own buffer, marked as traced: the function sees this copy, so the
 *  caller's array (and any closure over it) stays a constant. JavaScript cannot write `1.` for a
 *  float, so an integer or bool input is differentiated as the float array it stands for (float64,
 *  or float32 on 'webgpu'), where JAX would refuse it; its gradient has that float dtype. */
function traceInput(tape: Tape, x: NDArray, what: string): NDArray {
  if (!(x instanceof NDArray)) throw new TypeError(`np.grad: ${what} must be an NDArray (or a list or object of them), got ${typeof x}`);
  x.assertAlive();
  const copy = untraced(() => (isFloat(x.dtype) ? x.copy() : astype(x, deviceDType(x.device, 'float64'))));
  tape.trace(copy);
  return copy;
}

function mapArrays(d: Differentiable, fn: (x: NDArray, path: string) => NDArray): Differentiable {
  if (d instanceof NDArray) return fn(d, '');
  if (Array.isArray(d)) return d.map((x, i) => fn(x, `[${i}]`));
  if (d && typeof d === 'object' && d.constructor === Object) {
    return Object.fromEntries(Object.entries(d).map(([k, x]) => [k, fn(x as NDArray, `.${k}`)]));
  }
  return fn(d as unknown as NDArray, '');
}

const leavesOf = (d: Differentiable): NDArray[] => (d instanceof NDArray ? [d] : Array.isArray(d) ? [...d] : Object.values(d));
function arraysOf(x: unknown): NDArray[] {
  if (x instanceof NDArray) return [x];
  if (Array.isArray(x)) return x.filter((v): v is NDArray => v instanceof NDArray);
  if (x && typeof x === 'object') return Object.values(x).filter((v): v is NDArray => v instanceof NDArray);
  return [];
}

/** The backward pass: gradients of y with respect to `inputs`, walking the tape in reverse.
 *  Gradients are keyed by the tape's number for each traced value. */
function backward(tape: Tape, y: NDArray, inputs: readonly NDArray[]): NDArray[] {
  const grads = new Map<number, NDArray>();
  if (tape.idOf(y) >= 0) grads.set(tape.idOf(y), untraced(() => onesLike(y)));
  const accumulate = (id: number, x: NDArray, g: NDArray): void => {
    const fitted = fit(g, x);
    const prev = grads.get(id);
    grads.set(id, prev ? add(prev, fitted) : fitted);
  };
  for (let n = tape.nodes.length - 1; n >= 0; n--) {
    const node = tape.nodes[n];
    const gs = node.outIds.map((id) => grads.get(id) ?? null);
    if (gs.every((g) => g === null)) continue;
    node.outIds.forEach((id) => grads.delete(id)); // each value is made by one node: its gradient is complete
    const ins = node.rule(gs, node.outs, node.inputs, node.args, node.needed);
    node.inputs.forEach((x, i) => {
      const g = ins[i];
      if (node.needed[i] && g) accumulate(node.inputIds[i], x, g);
    });
  }
  // The inputs are the traced float copies, so each gradient has its input's float dtype.
  return inputs.map((x) => {
    const g = grads.get(tape.idOf(x));
    return g ? contiguous(g) : zerosLike(x);
  });
}

/** g summed to x's shape (broadcasting) and cast to x's dtype. */
function fit(g: NDArray, x: NDArray): NDArray {
  const shaped = sumToShape(g, x.shape);
  return shaped.dtype === x.dtype ? shaped : astype(shaped, x.dtype);
}

/** A gradient handed to the user owns a C-contiguous buffer (rules may return broadcast views). */
function contiguous(g: NDArray): NDArray {
  return g.base === null && g.flags.cContiguous ? g : g.copy();
}

/** tidy(fn), then the tape's held arrays are freed whether fn finished or threw. */
function tidyTape<T>(fn: () => T, tape: Tape): T {
  try {
    return tidy(fn);
  } finally {
    tape.release();
  }
}
