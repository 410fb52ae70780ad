// ProgbarLogger: the progress fit prints (added by fit when verbose > 0). verbose 1: `Epoch 1/20`
// then a bar redrawn in place on a terminal (the last line only when the output is not one);
// verbose 2: one line per epoch. The values shown are the epoch's running means (Keras 3 shows
// every metric as given, "stateful"). When the output is not a terminal (a log file, CI), the bar is
// not redrawn: each epoch prints its final line only, in plain text.
import { Callback, type Logs } from './callback.ts';
import { Progbar } from './progbar.ts';

/** Whether standard output is a terminal (false where there is no process, e.g. in a browser). */
const stdoutIsTTY = (): boolean => Boolean((globalThis as { process?: { stdout?: { isTTY?: boolean } } }).process?.stdout?.isTTY);

export class ProgbarLogger extends Callback {
  private bar: Progbar | null = null;
  private seen = 0;
  private readonly tty = stdoutIsTTY();
  override onEpochBegin(epoch: number): void {
    if (this.params.verbose === 1 && this.params.epochs > 1) console.log(`Epoch ${epoch + 1}/${this.params.epochs}`);
    this.bar = new Progbar({ target: this.params.steps, verbose: this.params.verbose as 1 | 2, statelessMetrics: [], dynamicDisplay: this.tty, colors: this.tty });
    this.seen = 0;
  }
  override onTrainBatchEnd(batch: number, logs: Logs = {}): void {
    this.seen = batch + 1;
    if (this.params.verbose === 1 && this.tty) this.bar?.update(this.seen, Object.entries(logs));
  }
  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    this.bar?.update(this.seen, Object.entries(logs), true);
  }
}
