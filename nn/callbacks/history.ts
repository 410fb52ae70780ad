// History: what fit returns. `history.history[key]` has one value per epoch for `loss`, each
// metric and their `val_` forms; `history.epoch` lists the epochs run ([0, 1, ...]).
import { Callback, type Logs } from './callback.ts';

/**
 * What fit returns: `history[key]` has one value per epoch for the loss, each metric and their `val_` forms.
 *
 * @example
 * ```ts
 * import { Sequential, layers } from 'tessera/nn';
 *
 * const model = new Sequential([new layers.Dense(1, { inputShape: [1], kernelInitializer: 'zeros' })]);
 * model.compile({ optimizer: 'sgd', loss: 'mse' });
 * const history = await model.fit([[0], [1]], [1, 3], { epochs: 3, verbose: 0 }); // fit returns a History
 * console.log(history.epoch, history.history.loss);
 * ```
 *
 * ```text output
 * [ 0, 1, 2 ] [ 5, 4.753250598907471, 4.519162178039551 ]
 * ```
 */
export class History extends Callback {
  epoch: number[] = [];
  history: Record<string, number[]> = {};
  override onTrainBegin(): void {
    this.epoch = [];
  }
  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }
}
