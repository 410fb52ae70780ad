// The values of fit's, evaluate's and predict's options, checked before any data is prepared (their names
// are checked by checkOptions): a value of the wrong type or range is refused in Keras's words, so
// `epochs: 'x'` cannot train zero epochs in silence, nor `shuffle: 'no'` shuffle anyway.
import * as np from '../../ndarray/index.ts';
import type { FitOptions } from './model.ts';
import { Callback } from '../callbacks/callback.ts';
import { checkValues, describe, requireList, requireNumber, requireObject } from '../checks.ts';

/** The options evaluate and predict share with fit: batchSize, verbose, callbacks. */
export function checkLoopOptions(fn: string, o: { batchSize?: unknown; verbose?: unknown; callbacks?: unknown }): void {
  checkValues(fn, o, { batchSize: 'positiveInt', verbose: 'verbose' });
  if (o.callbacks === undefined || o.callbacks === null) return;
  requireList(fn, 'callbacks', o.callbacks).forEach((c, i) => {
    if (!(c instanceof Callback)) throw new TypeError(`${fn}: \`callbacks\` must be a list of Callback instances; entry ${i} is ${describe(c)}`);
  });
}

/** Every value of fit's options. */
export function checkFitValues(o: FitOptions): void {
  checkLoopOptions('fit', o);
  checkValues('fit', o, {
    epochs: 'int', initialEpoch: 'int', maxQueueSize: 'int', workers: 'int', stepsPerEpoch: 'positiveInt', validationSteps: 'positiveInt',
    validationBatchSize: 'positiveInt', validationFreq: 'positiveInt', shuffle: 'boolean', useMultiprocessing: 'boolean',
  });
  if (o.validationSplit !== undefined) requireNumber('fit', 'validationSplit', o.validationSplit, 0, 1);
  if (o.validationData !== undefined && o.validationData !== null) {
    const data = requireList('fit', 'validationData', o.validationData);
    if (data.length < 2 || data.length > 3) throw new np.ValueError(`fit: \`validationData\` must be [x, y] or [x, y, sampleWeight], got a list of ${data.length}`);
  }
  if (o.classWeight !== undefined && o.classWeight !== null) {
    for (const [label, w] of Object.entries(requireObject('fit', 'classWeight', o.classWeight))) requireNumber('fit', `classWeight[${label}]`, w, 0);
  }
}
