// plotHistory: the training curves of a History as an SVG chart (tessera/plot): one line per key
// (loss and val_loss, or every key given), epochs on the x axis.
import { ValueError } from '../../ndarray/index.ts';
import { Figure } from '../../plot/index.ts';
import type { History } from '../callbacks/history.ts';

export function plotHistory(history: History, options: { keys?: string[]; title?: string; width?: number; height?: number } = {}): string {
  const keys = options.keys ?? Object.keys(history.history).filter((k) => k.endsWith('loss'));
  const missing = keys.filter((k) => !(k in history.history));
  if (missing.length) throw new ValueError(`plotHistory: no key ${missing.join(', ')} in the history (it has ${Object.keys(history.history).join(', ')})`);
  const fig = new Figure({ title: options.title ?? 'Training history', xlabel: 'epoch', ylabel: keys.join(', '), width: options.width, height: options.height });
  for (const k of keys) fig.plot(history.epoch.map((e) => e + 1), history.history[k]);
  return fig.toSVG();
}
