// Merge layers: one output from several inputs of the same shape (Concatenate: the same shape but
// for the joined axis), for models that branch and join again (keras.layers.Add, Concatenate, ...).
//   Add:      y = x₁ + x₂ + ...        dxᵢ = g
//   Subtract: y = x₁ - x₂             dx₁ = g, dx₂ = -g
//   Multiply: y = x₁ · x₂ · ...       dxᵢ = g · Πⱼ≠ᵢ xⱼ
//   Average:  y = (x₁ + ... + xₙ)/n   dxᵢ = g/n
//   Maximum / Minimum: elementwise, g goes to the input that won
//   Concatenate(axis): the inputs side by side; each gets its slice of g back
// They have no weights; np.grad derives the gradients from the ops.
import * as np from '../../ndarray/index.ts';
import { Layer, LAYER_OPTIONS, SymbolicTensor, formatShape, type LayerOptions, type Shape } from './layer.ts';

type NDArray = np.NDArray;

/** A layer of several inputs: `apply([a, b])` on symbolic tensors, `callMany([x, y])` on arrays. */
export abstract class Merge extends Layer {
  constructor(options: LayerOptions = {}, valid: readonly string[] = LAYER_OPTIONS) {
    super(options, valid);
  }
  /** The output for the inputs' values. */
  abstract callMany(xs: readonly NDArray[]): NDArray;
  call(): NDArray {
    throw new np.ValueError(`A merge layer should be called on a list of inputs. Received: a single input to layer "${this.name}"`);
  }
  /** A single input (in a functional graph or a Sequential stack) is refused. */
  override computeOutputShape(): Shape {
    throw new np.ValueError(`A merge layer should be called on a list of inputs. Received: a single input to layer "${this.name}"`);
  }
  /** The output shape for these input shapes (all equal, except where a subclass says). */
  outputShapeMany(shapes: readonly Shape[]): Shape {
    const first = shapes[0];
    for (const s of shapes) {
      if (s.length !== first.length || s.some((d, i) => d !== null && first[i] !== null && d !== first[i])) {
        throw new np.ValueError(`Inputs have incompatible shapes. Received shapes ${shapes.map((x) => formatShape(x)).join(' and ')}`);
      }
    }
    return first;
  }
  /** Merging symbolic tensors records a node with all of them as inputs. */
  applyMany(inputs: readonly SymbolicTensor[]): SymbolicTensor {
    if (!Array.isArray(inputs) || inputs.length < 2) throw new np.ValueError(`A merge layer should be called on a list of at least 2 inputs. Got ${Array.isArray(inputs) ? inputs.length : 0} inputs.`);
    return new SymbolicTensor(this.outputShapeMany(inputs.map((t) => t.shape)), this, inputs, this.name);
  }
}

/** One of the elementwise merges, by the ufunc that folds the inputs. */
abstract class Elementwise extends Merge {
  protected abstract fold(a: NDArray, b: NDArray): NDArray;
  callMany(xs: readonly NDArray[]): NDArray {
    return xs.slice(1).reduce((acc, x) => this.fold(acc, x), xs[0]);
  }
}

/**
 * Keras's merge layers take a list of inputs: Add, Multiply, Maximum and Minimum fold them elementwise, Subtract takes two, Average means them, Concatenate joins them along an axis.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers } from 'tessera/nn';
 *
 * const a = np.array([[1, 2]]);
 * const b = np.array([[10, 20]]);
 * console.log(new layers.Add().apply([a, b]), new layers.Multiply().apply([a, b]));
 * console.log(new layers.Concatenate().apply([a, b])); // along the last axis
 * ```
 *
 * ```text output
 * array([[11, 22]]) array([[10, 40]])
 * array([[ 1,  2, 10, 20]])
 * ```
 */
export class Add extends Elementwise { protected fold(a: NDArray, b: NDArray): NDArray { return np.add(a, b); } }
export class Multiply extends Elementwise { protected fold(a: NDArray, b: NDArray): NDArray { return np.multiply(a, b); } }
export class Maximum extends Elementwise { protected fold(a: NDArray, b: NDArray): NDArray { return np.maximum(a, b); } }
export class Minimum extends Elementwise { protected fold(a: NDArray, b: NDArray): NDArray { return np.minimum(a, b); } }

export class Subtract extends Merge {
  override applyMany(inputs: readonly SymbolicTensor[]): SymbolicTensor {
    if (inputs.length !== 2) throw new np.ValueError(`A \`Subtract\` layer should be called on exactly 2 inputs. Received: inputs=${inputs.length}`);
    return super.applyMany(inputs);
  }
  callMany([a, b]: readonly NDArray[]): NDArray { return np.subtract(a, b); }
}

export class Average extends Merge {
  callMany(xs: readonly NDArray[]): NDArray {
    return np.divide(xs.slice(1).reduce((acc, x) => np.add(acc, x), xs[0]), xs.length);
  }
}

export class Concatenate extends Merge {
  readonly axis: number;
  constructor(options: LayerOptions & { axis?: number } = {}) {
    super(options, [...LAYER_OPTIONS, 'axis']);
    this.axis = options.axis ?? -1;
    if (!Number.isInteger(this.axis)) throw new np.ValueError(`Concatenate: axis must be an integer, got ${String(options.axis)}`);
  }
  override outputShapeMany(shapes: readonly Shape[]): Shape {
    const rank = shapes[0].length;
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    if (axis <= 0 || axis >= rank) throw new np.ValueError(`Concatenate: axis ${this.axis} is not a feature axis of inputs of rank ${rank}`);
    for (const s of shapes) {
      if (s.length !== rank || s.some((d, i) => i !== axis && d !== null && shapes[0][i] !== null && d !== shapes[0][i])) {
        throw new np.ValueError(`A \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=${shapes.map((x) => formatShape(x)).join(', ')}`);
      }
    }
    const sizes = shapes.map((s) => s[axis]);
    return shapes[0].map((d, i) => (i === axis ? (sizes.includes(null) ? null : sizes.reduce<number>((a, b) => a + (b as number), 0)) : d));
  }
  callMany(xs: readonly NDArray[]): NDArray { return np.concatenate(xs as NDArray[], { axis: this.axis }); }
  override getConfig(): Record<string, unknown> { return { ...super.getConfig(), axis: this.axis }; }
}
