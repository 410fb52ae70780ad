// keras.utils.Progbar: the progress line Model.fit prints. Keras 3 (keras/src/utils/progbar.py) redraws
//   " 5/10 ━━━━━━━━━━━━━━━━━━━━ 1s 200ms/step - loss: 0.3400"   (the ETA has no label)
// in place and ends each epoch with
//   "10/10 ━━━━━━━━━━━━━━━━━━━━ 2s 200ms/step - accuracy: 0.9057 - loss: 0.3404",
// a 20-cell bar of U+2501 wrapped in ANSI codes (count and time bold, done cells green, the rest white);
// verbose=2 prints one "10/10 - 2s - 200ms/step - loss: 0.3404" line per epoch. style 'keras2' gives
// tf.keras 2.6's output, the one our tutorials show: "10/10 [==============================] - 2s 200ms/step
// - loss: 0.3404", "- ETA: 1s" while running, and "176/176 - 2s - loss: 0.3404" for verbose=2.
// To understand: a redraw is "\b" times the previous line's width, "\r", then the new line padded with
// spaces to cover the old one. Keras redraws so whenever 'posix' is in sys.modules, i.e. on Linux and macOS
// even into a file or a pipe; only without dynamic display does each redraw start a new line ("\n" + line).
// A value shows as its average over steps unless it is a stateful metric; Keras 3's fit makes all stateful.
import { ValueError } from '../../ndarray/index.ts';
import { formatKerasNumber, formatValue } from '../utils/format.ts';
import { readEnv } from '../utils/env.ts';

export interface ProgbarOptions {
  /** Total number of steps, or null when unknown ("   7/Unknown"). */
  target: number | null;
  /** Bar width in characters: Keras 3's default is 20, Keras 2's 30. */
  width?: number;
  /** 0 silent, 1 progress bar, 2 one line per epoch. */
  verbose?: 0 | 1 | 2;
  /** Minimum seconds between redraws (the final update always draws). */
  interval?: number;
  /** Metrics shown as given, not averaged (all others are averaged). */
  statefulMetrics?: string[];
  /** Metrics averaged over steps (all others are shown as given); Keras 3's fit passes []. */
  statelessMetrics?: string[];
  unitName?: string;
  style?: 'keras3' | 'keras2';
  /** Keras 3 always writes ANSI bold and colour codes; false leaves them out. */
  colors?: boolean;
  /** Redraw in place; default is Keras's rule: stdout is a TTY, or the platform is POSIX, or PYCHARM_HOSTED. */
  dynamicDisplay?: boolean;
  write?: (s: string) => void;
  /** Clock in seconds (injectable for tests). */
  now?: () => number;
}

type Ansi = (code: string, text: string) => string;

export class Progbar {
  target: number | null;
  readonly width: number;
  readonly verbose: 0 | 1 | 2;
  readonly interval: number;
  readonly unitName: string;
  readonly style: 'keras3' | 'keras2';
  private readonly stateful: Set<string> | null;
  private readonly stateless: Set<string>;
  private readonly dynamicDisplay: boolean;
  private readonly write: (s: string) => void;
  private readonly clock: () => number;
  private readonly ansi: Ansi;
  /** name -> [weighted sum, weight], in first-seen order. */
  private readonly values = new Map<string, [number, number]>();
  private readonly start: number;
  private seenSoFar = 0;
  /** Keras starts at 0 with an epoch clock, so the first update always draws; -Infinity does the same here. */
  private lastUpdate = -Infinity;
  private timeAfterFirstStep: number | null = null;
  private prevTotalWidth = 0;

  constructor(options: ProgbarOptions) {
    if (options.statefulMetrics && options.statelessMetrics) {
      throw new ValueError('Only one of `statefulMetrics` or `statelessMetrics` can be provided, not both.');
    }
    this.target = options.target;
    this.style = options.style ?? 'keras3';
    this.width = options.width ?? (this.style === 'keras3' ? 20 : 30);
    this.verbose = options.verbose ?? 1;
    this.interval = options.interval ?? 0.05;
    this.unitName = options.unitName ?? 'step';
    this.stateful = options.statelessMetrics ? null : new Set(options.statefulMetrics ?? []);
    this.stateless = new Set(options.statelessMetrics ?? []);
    this.dynamicDisplay = options.dynamicDisplay ?? defaultDynamicDisplay();
    this.write = options.write ?? defaultWrite();
    this.clock = options.now ?? (() => performance.now() / 1000);
    const colors = (options.colors ?? true) && this.style === 'keras3';
    this.ansi = colors ? (code, text) => `\x1b[${code}m${text}\x1b[0m` : (_code, text) => text;
    this.start = this.clock();
  }

  /** Records step `current` (1-based) with this step's values and redraws; finalize defaults to current >= target. */
  update(current: number, values: [string, number][] = [], finalize?: boolean): void {
    const done = finalize ?? (this.target !== null && current >= this.target);
    for (const [name, value] of values) this.record(name, value, current, done);
    this.seenSoFar = current;
    const now = this.clock();
    if (this.style === 'keras3') this.drawKeras3(current, done, now, this.estimateStepDuration(current, now));
    else this.drawKeras2(current, done, now);
  }

  /** Advances by n steps. */
  add(n: number, values: [string, number][] = []): void {
    this.update(this.seenSoFar + n, values);
  }

  /**
   * A stateless value is averaged over steps, each update weighing (current - seenSoFar) steps (at least 1):
   * shown = sum(v_i * steps_i) / sum(steps_i). Keras 3 restarts the average at the final update.
   */
  private record(name: string, value: number, current: number, done: boolean): void {
    const isStateless = this.stateful ? !this.stateful.has(name) : this.stateless.has(name);
    const entry = this.values.get(name);
    if (!isStateless || (done && this.style === 'keras3')) {
      this.values.set(name, [value, 1]);
    } else {
      const steps = Math.max(current - this.seenSoFar, 1);
      if (entry) [entry[0], entry[1]] = [entry[0] + value * steps, entry[1] + steps];
      else this.values.set(name, [value * steps, steps]);
    }
  }

  /** Seconds per step, leaving out the first (slow) step once there are later ones. */
  private estimateStepDuration(current: number, now: number): number {
    if (!current) return 0;
    const perStep = this.timeAfterFirstStep !== null && current > 1
      ? (now - this.timeAfterFirstStep) / (current - 1)
      : (now - this.start) / current;
    if (current === 1) this.timeAfterFirstStep = now;
    return perStep;
  }

  private drawKeras3(current: number, done: boolean, now: number, perStep: number): void {
    const known = this.target !== null && this.target > 0;
    if (this.verbose === 1) {
      if (now - this.lastUpdate < this.interval && !done) return;
      const bar = known ? this.barKeras3(current) : `${String(current).padStart(7)}/Unknown`;
      const time = known && !done ? formatEta(perStep * (this.target! - current)) : `${seconds(now - this.start)}s`;
      const info = ` ${this.ansi('1', time)}${formatTime(perStep, this.unitName)}${this.metricsText(1)}`;
      this.redraw(bar + info, done);
    } else if (this.verbose === 2 && done && known) {
      const count = stepCount(current, this.target!);
      const time = ` - ${seconds(now - this.start)}s -${formatTime(perStep, this.unitName)}`;
      this.write(`${count}${time}${this.metricsText(2)}\n`);
    }
    this.lastUpdate = now;
  }

  /** Bold " 5/10", then the bar: floor(width * current / target) green cells and the rest white. */
  private barKeras3(current: number): string {
    const filled = Math.trunc(this.width * (current / this.target!));
    const green = filled > 0 ? this.ansi('32', '━'.repeat(filled)) : '';
    const white = this.ansi('37', '━'.repeat(this.width - filled));
    return `${this.ansi('1', stepCount(current, this.target!))} ${green}${white}`;
  }

  private drawKeras2(current: number, done: boolean, now: number): void {
    const elapsed = ` - ${seconds(now - this.start)}s`;
    if (this.verbose === 1) {
      if (now - this.lastUpdate < this.interval && !done) return;
      const known = this.target !== null && this.target > 0;
      const bar = known ? this.barKeras2(current) : `${String(current).padStart(7)}/Unknown`;
      const perStep = this.estimateStepDuration(current, now);
      const info = this.target === null || done
        ? elapsed + formatTime(perStep, this.unitName)
        : ` - ETA: ${formatEta(perStep * (this.target - current))}`;
      this.redraw(bar + info + this.metricsText(1), done);
    } else if (this.verbose === 2 && done && this.target !== null && this.target > 0) {
      this.write(`${stepCount(current, this.target)}${elapsed}${this.metricsText(2)}\n`);
    }
    this.lastUpdate = now;
  }

  /** " 5/10 [=============>................]": the last filled cell is '>' until the end. */
  private barKeras2(current: number): string {
    const filled = Math.trunc(this.width * (current / this.target!));
    const head = filled > 0 ? '='.repeat(filled - 1) + (current < this.target! ? '>' : '=') : '';
    return `${stepCount(current, this.target!)} [${head}${'.'.repeat(this.width - filled)}]`;
  }

  /** " - loss: 0.3404 - accuracy: 0.9057", each value its running average. */
  private metricsText(verbose: 1 | 2): string {
    let text = '';
    for (const [name, [sum, count]] of this.values) {
      text += ` - ${name}: ${formatKerasNumber(sum / Math.max(1, count), verbose)}`;
    }
    return text;
  }

  /** Back over the previous line ("\b"s and "\r"), or start a new one; pad to cover a longer previous line. */
  private redraw(line: string, done: boolean): void {
    const width = visibleLength(line);
    const back = this.dynamicDisplay ? '\b'.repeat(this.prevTotalWidth) + '\r' : '\n';
    const cover = ' '.repeat(Math.max(0, this.prevTotalWidth - width));
    this.write(back + line + cover + (done ? '\n' : ''));
    this.prevTotalWidth = width;
  }
}

/** "%{d}d/%d" with d the digits of target: " 5/10". */
function stepCount(current: number, target: number): string {
  const digits = Math.trunc(Math.log10(target)) + 1;
  return `${String(current).padStart(digits)}/${target}`;
}

/** f'{t:.0f}': Python rounds ties to even (2.5 s prints as 2). */
function seconds(t: number): string {
  return formatValue(t, '.0f');
}

/** Keras's _format_time: " 2s/step" from 1 s (or exactly 0), " 200ms/step" from 1 ms, else " 850us/step". */
export function formatTime(perUnit: number, unitName: string): string {
  if (perUnit >= 1 || perUnit === 0) return ` ${seconds(perUnit)}s/${unitName}`;
  if (perUnit >= 1e-3) return ` ${seconds(perUnit * 1000)}ms/${unitName}`;
  return ` ${seconds(perUnit * 1e6)}us/${unitName}`;
}

/** The ETA: "%ds" up to a minute, then "%d:%02d", above an hour "%d:%02d:%02d" (truncated, like %d). */
export function formatEta(eta: number): string {
  const two = (x: number): string => String(Math.trunc(x)).padStart(2, '0');
  if (eta > 3600) return `${Math.trunc(floorDiv(eta, 3600))}:${two(floorDiv(eta % 3600, 60))}:${two(eta % 60)}`;
  if (eta > 60) return `${Math.trunc(floorDiv(eta, 60))}:${two(eta % 60)}`;
  return `${Math.trunc(eta)}s`;
}

/** Python's a // b for floats: (a - fmod(a, b)) / b, floored. */
function floorDiv(a: number, b: number): number {
  return Math.floor((a - (a % b)) / b);
}

/** Length on screen: ANSI escape codes take no room. */
function visibleLength(s: string): number {
  return s.replace(/\x1b\[\d+m/g, '').length;
}

function defaultDynamicDisplay(): boolean {
  if (typeof process === 'undefined') return false;
  return Boolean(process.stdout?.isTTY) || process.platform !== 'win32' || readEnv('PYCHARM_HOSTED') !== undefined;
}

/** process.stdout.write in Node; elsewhere console.log of each finished line (redraws collapse to the last). */
function defaultWrite(): (s: string) => void {
  if (typeof process !== 'undefined' && process.stdout?.write) return (s) => void process.stdout.write(s);
  let pending = '';
  return (s) => {
    pending += s;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines.map((l) => l.slice(l.lastIndexOf('\r') + 1)).filter(Boolean)) console.log(line);
  };
}
