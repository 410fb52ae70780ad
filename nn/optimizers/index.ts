// The optimizers, as classes (`new optimizers.Adam({learningRate: 0.01})`) and by Keras name ('adam').
import { ValueError } from '../../ndarray/index.ts';
import { Optimizer } from './optimizer.ts';
import { describe } from '../checks.ts';
import { SGD } from './sgd.ts';
import { RMSprop } from './rmsprop.ts';
import { Adam } from './adam.ts';
import { AdamW } from './adamw.ts';
import { Adagrad } from './adagrad.ts';
import { Adadelta } from './adadelta.ts';
import { Adamax } from './adamax.ts';
import { Nadam } from './nadam.ts';

export { Optimizer, type OptimizerOptions, type LearningRate } from './optimizer.ts';
export { SGD, type SGDOptions } from './sgd.ts';
export { RMSprop, type RMSpropOptions } from './rmsprop.ts';
export { Adam, type AdamOptions } from './adam.ts';
export { AdamW } from './adamw.ts';
export { Adagrad, type AdagradOptions } from './adagrad.ts';
export { Adadelta, type AdadeltaOptions } from './adadelta.ts';
export { Adamax, type AdamaxOptions } from './adamax.ts';
export { Nadam, type NadamOptions } from './nadam.ts';

const CLASSES: Record<string, new (options?: Record<string, unknown>) => Optimizer> = {
  sgd: SGD, rmsprop: RMSprop, adam: Adam, adamw: AdamW, adagrad: Adagrad, adadelta: Adadelta,
  adamax: Adamax, nadam: Nadam,
};

/** An optimizer from a Keras name ('adam', 'SGD', 'rmsprop'; any case), a {className, config}, or an object. */
export function getOptimizer(spec: string | Optimizer | { className: string; config?: Record<string, unknown> }): Optimizer {
  if (spec instanceof Optimizer) return spec;
  const name = typeof spec === 'string' ? spec : typeof spec === 'object' && spec !== null ? spec.className : undefined;
  const Cls = typeof name === 'string' ? CLASSES[name.toLowerCase()] : undefined;
  if (!Cls) throw new ValueError(`Could not interpret optimizer identifier: ${typeof name === 'string' ? `'${name}'` : describe(spec)} (known: ${Object.keys(CLASSES).join(', ')})`);
  return new Cls(typeof spec === 'string' ? {} : (spec.config ?? {}));
}
