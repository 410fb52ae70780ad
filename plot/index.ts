// tessera/plot: a small SVG plotting helper for the tutorials (`new Figure().scatter(x, y).save('a.svg')`).
export { Figure, PALETTE, type FigureOptions } from './figure.ts';
