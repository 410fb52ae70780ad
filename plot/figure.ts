// A very small plotting helper that writes SVG, enough to redraw the tutorials' charts (a fitted line over
// points, clusters coloured by label, a classifier's decision regions). A Figure maps data coordinates to
// pixels with one linear scale per axis, computed from everything drawn, then renders marks in order:
// regions first (as a grid of coloured cells), then points and lines, then axes with ticks.
import { ValueError } from '../ndarray/errors.ts';

type Num = ArrayLike<number>;

/** A categorical palette (colour-blind friendly), indexed by class label. */
export const PALETTE = ['#4477aa', '#ee6677', '#228833', '#ccbb44', '#66ccee', '#aa3377', '#bbbbbb', '#000000'];

interface Mark { kind: 'points' | 'line' | 'cells'; x: number[]; y: number[]; colors: string[]; size: number; cellW?: number; cellH?: number }

export interface FigureOptions { width?: number; height?: number; title?: string; xlabel?: string; ylabel?: string }

export class Figure {
  private readonly marks: Mark[] = [];
  private readonly width: number;
  private readonly height: number;

  constructor(private readonly options: FigureOptions = {}) {
    this.width = options.width ?? 480;
    this.height = options.height ?? 360;
  }

  /** Points at (x[i], y[i]); `color` is one CSS colour or one class label per point. */
  scatter(x: Num, y: Num, options: { color?: string | Num; size?: number } = {}): this {
    this.marks.push({ kind: 'points', x: Array.from(x), y: Array.from(y), colors: colorsFor(options.color, x.length), size: options.size ?? 3 });
    return this;
  }

  /** A polyline through (x[i], y[i]). */
  plot(x: Num, y: Num, options: { color?: string; width?: number } = {}): this {
    this.marks.push({ kind: 'line', x: Array.from(x), y: Array.from(y), colors: [options.color ?? '#d62728'], size: options.width ?? 2 });
    return this;
  }

  /** Decision regions: `labels[i][j]` is the class at (xs[j], ys[i]) on a regular grid, drawn pale. */
  regions(xs: Num, ys: Num, labels: ArrayLike<Num>): this {
    const x: number[] = [], y: number[] = [], colors: string[] = [];
    for (let i = 0; i < ys.length; i++) {
      for (let j = 0; j < xs.length; j++) {
        x.push(xs[j]);
        y.push(ys[i]);
        colors.push(PALETTE[labels[i][j] % PALETTE.length]);
      }
    }
    const step = (v: Num): number => (v.length > 1 ? Math.abs(v[1] - v[0]) : 1);
    this.marks.push({ kind: 'cells', x, y, colors, size: 0, cellW: step(xs), cellH: step(ys) });
    return this;
  }

  /** The figure as an SVG document. */
  toSVG(): string {
    const pad = 40;
    const xs = this.marks.flatMap((m) => m.x), ys = this.marks.flatMap((m) => m.y);
    if (xs.length === 0) throw new ValueError('nothing to plot: call scatter, plot or regions first');
    const sx = scale(xs, pad, this.width - pad / 2), sy = scale(ys, this.height - pad, pad / 2);
    const body = this.marks.map((m) => renderMark(m, sx, sy)).join('\n');
    const title = this.options.title ? `<text x="${this.width / 2}" y="14" text-anchor="middle" font-size="13">${escape(this.options.title)}</text>` : '';
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}" font-family="sans-serif" font-size="10">`,
      `<rect width="100%" height="100%" fill="white"/>`,
      `<clipPath id="area"><rect x="${pad}" y="${pad / 2}" width="${this.width - 1.5 * pad}" height="${this.height - 1.5 * pad}"/></clipPath>`,
      `<g clip-path="url(#area)">`,
      body,
      '</g>',
      axes(sx, sy, this.width, this.height, pad, this.options),
      title,
      '</svg>',
    ].join('\n');
  }

  /** Writes the SVG to a file (Node and Deno), creating the folder it goes into if it is missing. */
  async save(path: string): Promise<void> {
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
    const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    if (slash > 0) await fs.mkdir(path.slice(0, slash), { recursive: true });
    await fs.writeFile(path, this.toSVG());
  }
}

/** A linear map from the data's [min, max] (widened 5%) to the pixel range [p0, p1]. */
interface Scale { (v: number): number; lo: number; hi: number }
function scale(values: number[], p0: number, p1: number): Scale {
  let lo = Math.min(...values), hi = Math.max(...values);
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const margin = (hi - lo) * 0.05;
  [lo, hi] = [lo - margin, hi + margin];
  const f = ((v: number) => p0 + ((v - lo) / (hi - lo)) * (p1 - p0)) as Scale;
  f.lo = lo;
  f.hi = hi;
  return f;
}

function renderMark(m: Mark, sx: Scale, sy: Scale): string {
  const r = (v: number): string => v.toFixed(1);
  if (m.kind === 'line') {
    const pts = m.x.map((x, i) => `${r(sx(x))},${r(sy(m.y[i]))}`).join(' ');
    return `<polyline points="${pts}" fill="none" stroke="${m.colors[0]}" stroke-width="${m.size}"/>`;
  }
  if (m.kind === 'cells') {
    const w = Math.abs(sx((m.cellW ?? 1) + sx.lo) - sx(sx.lo)), h = Math.abs(sy((m.cellH ?? 1) + sy.lo) - sy(sy.lo));
    // Opaque pale colours (not fill-opacity): neighbouring cells overlap by half a pixel without seams.
    return m.x.map((x, i) => `<rect x="${r(sx(x) - w / 2)}" y="${r(sy(m.y[i]) - h / 2)}" width="${r(w + 0.5)}" height="${r(h + 0.5)}" fill="${pale(m.colors[i])}"/>`).join('\n');
  }
  return m.x.map((x, i) => `<circle cx="${r(sx(x))}" cy="${r(sy(m.y[i]))}" r="${m.size}" fill="${m.colors[i % m.colors.length]}"/>`).join('\n');
}

/** Axis lines with five ticks each, and optional labels. */
function axes(sx: Scale, sy: Scale, width: number, height: number, pad: number, o: FigureOptions): string {
  const ticks = (s: Scale): number[] => Array.from({ length: 5 }, (_, i) => s.lo + ((s.hi - s.lo) * (i + 0.5)) / 5);
  const label = (v: number): string => String(Number(v.toPrecision(2)));
  const parts = [
    `<line x1="${pad}" y1="${height - pad}" x2="${width - pad / 2}" y2="${height - pad}" stroke="black"/>`,
    `<line x1="${pad}" y1="${height - pad}" x2="${pad}" y2="${pad / 2}" stroke="black"/>`,
    ...ticks(sx).map((v) => `<text x="${sx(v).toFixed(1)}" y="${height - pad + 14}" text-anchor="middle">${label(v)}</text>`),
    ...ticks(sy).map((v) => `<text x="${pad - 4}" y="${(sy(v) + 3).toFixed(1)}" text-anchor="end">${label(v)}</text>`),
  ];
  if (o.xlabel) parts.push(`<text x="${(width + pad) / 2}" y="${height - 6}" text-anchor="middle">${escape(o.xlabel)}</text>`);
  if (o.ylabel) parts.push(`<text x="12" y="${height / 2}" text-anchor="middle" transform="rotate(-90 12 ${height / 2})">${escape(o.ylabel)}</text>`);
  return parts.join('\n');
}

function colorsFor(color: string | Num | undefined, n: number): string[] {
  if (color === undefined) return [PALETTE[0]];
  if (typeof color === 'string') return [color];
  if (color.length !== n) throw new ValueError(`color has ${color.length} entries for ${n} points`);
  return Array.from(color, (c) => PALETTE[Math.abs(Math.round(c)) % PALETTE.length]);
}

/** A colour mixed 70 % of the way to white (`#4477aa` -> `#c7d6e5`). */
function pale(hex: string): string {
  const mix = (i: number): string => Math.round(parseInt(hex.slice(i, i + 2), 16) * 0.3 + 255 * 0.7).toString(16).padStart(2, '0');
  return `#${mix(1)}${mix(3)}${mix(5)}`;
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
