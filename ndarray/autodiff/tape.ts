// Reverse-mode autodiff, part 1: the tape.
// While `np.grad` evaluates a function, every differentiable op that is given a *traced* array (one
// that depends on the inputs being differentiated) appends one node to the tape: its inputs, its
// outputs and its gradient rule, the vector-Jacobian product written beside the op itself
// (`differentiable(name, forward, rule)` in ufuncs.ts, reductions.ts, manipulation.ts, ...).
// With no tape, a differentiable op costs one test of a variable: nothing is recorded.
//
// An op runs "atomically": while its forward runs the tape is paused, so the ops it is built from
// are not recorded again. A kernel that reads a traced buffer outside any differentiable op
// (np.sort, np.cumsum, a host loop) would silently cut the chain of derivatives, so while a tape
// records, every backend kernel is checked (backend.ts `kernelHooks`) and such a kernel throws,
// naming the op, as does writing into a traced array in place.
import { NDArray } from '../ndarray.ts';
import { isFloat } from '../dtype.ts';
import { kernelHooks, type Storage, type View } from '../backend.ts';
import { keep } from '../memory.ts';
import { ValueError } from '../errors.ts';

/** A vector-Jacobian product: given the gradient `g` of the loss with respect to the op's output
 *  `out`, the gradients with respect to each traced input (null: no gradient, or not needed).
 *  `inputs` are the NDArray arguments in order (arrays inside an array argument are listed in
 *  place); `args` are the call's arguments as given (scalars, options). */
export type Rule = (g: NDArray, out: NDArray, inputs: readonly NDArray[], args: readonly unknown[], needed: readonly boolean[]) => readonly (NDArray | null)[];

/** The rule of an op with several outputs (np.split): `gs[i]` is null for an output not used. */
export type MultiRule = (gs: readonly (NDArray | null)[], outs: readonly NDArray[], inputs: readonly NDArray[], args: readonly unknown[], needed: readonly boolean[]) => readonly (NDArray | null)[];

export interface TapeNode {
  readonly name: string;
  /** The inputs and outputs, held for the backward pass (see `hold`). */
  readonly inputs: readonly NDArray[];
  readonly outs: readonly NDArray[];
  /** The traced value each input and output is (-1: an input that is a constant). */
  readonly inputIds: readonly number[];
  readonly outIds: readonly number[];
  readonly needed: readonly boolean[];
  readonly args: readonly unknown[];
  readonly rule: MultiRule;
}

/** One recording: the nodes in the order the ops ran, and which arrays and buffers are traced.
 *  Each traced array gets a number, its identity on the tape (gradients are summed per number). */
export class Tape {
  readonly nodes: TapeNode[] = [];
  private readonly ids = new WeakMap<NDArray, number>();
  private readonly buffers = new WeakSet<Storage>();
  private count = 0;

  /** The number of a traced array, or -1 for a constant. */
  idOf(x: unknown): number {
    return x instanceof NDArray ? (this.ids.get(x) ?? -1) : -1;
  }
  readsTraced(v: View): boolean {
    return this.buffers.has(v.storage);
  }
  /** Frees the arrays the nodes hold (after the backward pass). */
  release(): void {
    for (const node of this.nodes) [...node.inputs, ...node.outs].forEach((x) => x.dispose());
    this.nodes.length = 0;
  }
  /** Marks `x` as depending on the differentiated inputs; returns its number. */
  trace(x: NDArray, id = this.count++): number {
    this.ids.set(x, id);
    this.buffers.add(x.storage);
    return id;
  }
}

let active: Tape | null = null;
let paused = 0;

/** The tape recording now, if any. */
export const activeTape = (): Tape | null => active;

/** Runs `fn` with `tape` recording (and the kernel check on), then restores the previous state. */
export function recording<T>(tape: Tape | null, fn: () => T): T {
  const [outer, outerPaused, outerCheck] = [active, paused, kernelHooks.check];
  active = tape;
  paused = 0;
  kernelHooks.check = tape ? checkKernel : null;
  try {
    return fn();
  } finally {
    [active, paused, kernelHooks.check] = [outer, outerPaused, outerCheck];
  }
}

/** Wraps an op's forward function so calls on traced arrays are recorded with `rule`. */
export function differentiable<F extends (...args: never[]) => NDArray>(name: string, forward: F, rule: Rule): F {
  const multi: MultiRule = (gs, outs, inputs, args, needed) => rule(gs[0]!, outs[0], inputs, args, needed);
  return ((...args: Parameters<F>) => {
    arraysIn(args).forEach((x) => x.assertAlive());
    if (active === null || paused > 0) return forward(...args);
    return record(active, name, () => [forward(...args)], multi, args)[0];
  }) as F;
}

/** The same for an op that returns several arrays. */
export function differentiableMulti<F extends (...args: never[]) => NDArray[]>(name: string, forward: F, rule: MultiRule): F {
  return ((...args: Parameters<F>) => {
    arraysIn(args).forEach((x) => x.assertAlive());
    if (active === null || paused > 0) return forward(...args);
    return record(active, name, () => forward(...args), rule, args);
  }) as F;
}

/** Runs `fn` without recording (a stop-gradient region). */
export function untraced<T>(fn: () => T): T {
  paused++;
  try {
    return fn();
  } finally {
    paused--;
  }
}

/** The NDArrays among an op's arguments, arrays inside an array argument (np.concatenate) included. */
function arraysIn(args: readonly unknown[]): NDArray[] {
  return args.flatMap((a) => (a instanceof NDArray ? [a] : Array.isArray(a) ? a.filter((x): x is NDArray => x instanceof NDArray) : []));
}

/** A second array over the same buffer, kept alive for the backward pass even if the caller
 *  disposes the original or a tidy scope inside the function ends. */
function hold(x: NDArray): NDArray {
  return keep(x.view(x.shape, x.strides, x.offset, false));
}

function record(tape: Tape, name: string, forward: () => NDArray[], rule: MultiRule, args: readonly unknown[]): NDArray[] {
  const inputs = arraysIn(args);
  const inputIds = inputs.map((x) => tape.idOf(x));
  const needed = inputIds.map((id) => id >= 0);
  const target = args.find((a): a is { out: NDArray } => typeof a === 'object' && a !== null && !Array.isArray(a) && (a as { out?: unknown }).out instanceof NDArray);
  if (target && (needed.some(Boolean) || tape.readsTraced(target.out))) throw inPlace(name);
  if (!needed.some(Boolean)) return forward();
  const outs = untraced(forward);
  if (!outs.some((o) => isFloat(o.dtype))) return outs; // comparisons, argmax: no derivative to carry
  if (outs.length === 1 && inputs.includes(outs[0])) return outs; // x.astype(x.dtype, {copy: false}) is x itself
  const outIds = outs.map((o) => tape.trace(o));
  tape.nodes.push({ name, inputs: inputs.map(hold), outs: outs.map(hold), inputIds, outIds, needed, args, rule });
  return outs;
}

const inPlace = (name: string): ValueError =>
  new ValueError(`np.grad cannot differentiate an in-place operation ('${name}' writing into an array): use the out-of-place form (np.add(a, b) rather than {out}, iadd or set)`);

/** Kernel calls with the tape recording and not paused: the op that issued them is not
 *  differentiable (or writes in place). `args` are the Backend method's arguments. */
function checkKernel(method: string, args: readonly unknown[]): void {
  if (active === null || paused > 0) return;
  const views = args.filter((a): a is View => typeof a === 'object' && a !== null && 'storage' in a);
  const out = method === 'fill' || method === 'scatter' || method === 'scatterAdd' ? views[0] : views[views.length - 1];
  const opName = typeof args[0] === 'string' ? `${args[0]}' (${method})` : `${method}'`;
  if (out && active.readsTraced(out)) throw inPlace(opName.replace(/'.*$/, ''));
  const reads = views.filter((v) => v !== out);
  if (out && isFloat(out.dtype) && reads.some((v) => active!.readsTraced(v))) {
    throw new ValueError(`np.grad: '${opName} is not differentiable: it read an array that depends on the inputs being differentiated. Apply it to np.stopGradient(x) if no derivative should flow through it`);
  }
}
