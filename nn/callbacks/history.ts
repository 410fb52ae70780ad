// History: what fit returns. `history.history[key]` has one value per epoch for `loss`, each
// metric and their `val_` forms; `history.epoch` lists the epochs run ([0, 1, ...]).
import { Callback, type Logs } from './callback.ts';

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
