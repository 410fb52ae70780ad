// The candidates a hyper-parameter search tries. ParameterGrid is every combination of the listed
// values (a Cartesian product, like nested for-loops over the keys sorted in Python's code-point
// order, the last key innermost); ParameterSampler picks nIter of them at random, or draws values
// from distributions (objects with an `rvs(rng)` method). The one thing to understand: candidate i
// is found by reading i as a mixed-radix number, so sampling distinct grid indices samples distinct
// candidates without listing the grid.
import * as np from '../../ndarray/index.ts';
import { IndexError, ValueError } from '../../ndarray/index.ts';
import type { RandomState } from '../utils/random-state.ts';
import type { Params } from '../base.ts';
import { warn } from '../utils/log.ts';
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';
import { sampleWithoutReplacement } from '../utils/random.ts';
import { checkOptions } from '../utils/check-params.ts';

/** Values to try for each parameter name. */
export type ParamGridSpec = Record<string, readonly unknown[] | np.NDArray>;

/** A distribution to sample a parameter from (scipy.stats' frozen distributions have `rvs`). */
export interface Distribution { rvs(rng: RandomState): unknown }
export type ParamDistributions = Record<string, readonly unknown[] | np.NDArray | Distribution>;

/** Python's sorted() on strings: by code point (not UTF-16 unit) order. */
export function compareCodePoints(a: string, b: string): number {
  const [x, y] = [Array.from(a), Array.from(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof np.NDArray);

function describe(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : v instanceof np.NDArray ? `array(${v.str()})` : Array.isArray(v) ? `[${v.map(describe).join(', ')}]` : String(v);
}

/** A 1-D NDArray of values becomes a plain list of its elements. */
function valuesOf(key: string, value: unknown): unknown[] {
  if (value instanceof np.NDArray) {
    if (value.ndim > 1) {
      throw new ValueError(`Parameter array for '${key}' should be one-dimensional, got: ${describe(value)} with shape (${value.shape.join(', ')})`);
    }
    return Array.from(value.toArraySync() as unknown[]);
  }
  return value as unknown[];
}

/** The grid's entries, sorted by key, as [key, values] pairs. */
type SubGrid = [string, unknown[]][];

function checkGrid(grid: unknown): SubGrid {
  if (!isPlainObject(grid)) throw new TypeError(`Parameter grid is not a dict (${describe(grid)})`);
  return Object.entries(grid)
    .map(([key, value]): [string, unknown[]] => {
      if (!(value instanceof np.NDArray) && !Array.isArray(value)) {
        throw new TypeError(`Parameter grid for parameter '${key}' needs to be a list or a numpy array, but got ${describe(value)} (of type ${typeof value}) instead. Single values need to be wrapped in a list with one element.`);
      }
      const values = valuesOf(key, value);
      if (values.length === 0) throw new ValueError(`Parameter grid for parameter '${key}' need to be a non-empty sequence, got: ${describe(values)}`);
      return [key, values];
    })
    .sort(([a], [b]) => compareCodePoints(a, b));
}

export class ParameterGrid implements Iterable<Params> {
  private readonly grids: SubGrid[];

  /** One grid, or a list of grids explored one after the other. */
  constructor(paramGrid: ParamGridSpec | ParamGridSpec[]) {
    if (typeof paramGrid !== 'object' || paramGrid === null || paramGrid instanceof np.NDArray) {
      throw new TypeError(`Parameter grid should be a dict or a list, got: ${describe(paramGrid)} of type ${typeof paramGrid}`);
    }
    this.grids = (Array.isArray(paramGrid) ? paramGrid : [paramGrid]).map(checkGrid);
  }

  /** The number of candidates: the product of the list lengths, summed over the grids. */
  get length(): number {
    return this.grids.reduce((s, g) => s + g.reduce((p, [, v]) => p * v.length, 1), 0);
  }

  /** Candidate `index` of the iteration order, without building the others. */
  get(index: number): Params {
    let ind = index;
    for (const grid of this.grids) {
      const total = grid.reduce((p, [, v]) => p * v.length, 1);
      if (ind >= total) {
        ind -= total;
        continue;
      }
      // Read ind as a mixed-radix number whose last key is the fastest-varying digit.
      const out: Params = {};
      for (const [key, values] of [...grid].reverse()) {
        out[key] = values[ind % values.length];
        ind = Math.floor(ind / values.length);
      }
      return Object.fromEntries(grid.map(([key]) => [key, out[key]]));
    }
    throw new IndexError('ParameterGrid index out of range');
  }

  *[Symbol.iterator](): Iterator<Params> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }
}

const isDistribution = (v: unknown): v is Distribution =>
  typeof v === 'object' && v !== null && typeof (v as Distribution).rvs === 'function';

export class ParameterSampler implements Iterable<Params> {
  private readonly dists: ParamDistributions[];

  constructor(paramDistributions: ParamDistributions | ParamDistributions[], readonly nIter: number, readonly options: { randomState?: RandomStateLike } = {}) {
    checkOptions('ParameterSampler', options, ['randomState']);
    if (typeof paramDistributions !== 'object' || paramDistributions === null) {
      throw new TypeError(`Parameter distribution is not a dict or a list (${describe(paramDistributions)})`);
    }
    this.dists = Array.isArray(paramDistributions) ? paramDistributions : [paramDistributions];
    for (const dist of this.dists) {
      if (!isPlainObject(dist)) throw new TypeError(`Parameter distribution is not a dict (${describe(dist)})`);
      for (const [key, v] of Object.entries(dist)) {
        if (!Array.isArray(v) && !(v instanceof np.NDArray) && !isDistribution(v)) {
          throw new TypeError(`Parameter grid for parameter '${key}' is not iterable or a distribution (value=${describe(v)})`);
        }
      }
    }
  }

  private allLists(): boolean {
    return this.dists.every((d) => Object.values(d).every((v) => !isDistribution(v)));
  }

  /** min(nIter, grid size) when every parameter is a list, else nIter. */
  get length(): number {
    return this.allLists() ? Math.min(this.nIter, new ParameterGrid(this.dists as ParamGridSpec[]).length) : this.nIter;
  }

  /** The sampled candidates; each iteration starts the random stream over from `randomState`. */
  *[Symbol.iterator](): Iterator<Params> {
    const rng = checkRandomState(this.options.randomState);
    if (this.allLists()) {
      // Only lists: distinct grid points, drawn as distinct indices into the grid.
      const grid = new ParameterGrid(this.dists as ParamGridSpec[]);
      let nIter = this.nIter;
      if (grid.length < nIter) {
        warn(`The total space of parameters ${grid.length} is smaller than n_iter=${nIter}. Running ${grid.length} iterations. For exhaustive searches, use GridSearchCV.`);
        nIter = grid.length;
      }
      for (const i of sampleWithoutReplacement(grid.length, nIter, { randomState: rng }).dataSync()) yield grid.get(i);
      return;
    }
    // Some distributions: sample with replacement, one grid, then each parameter in sorted-key order.
    for (let it = 0; it < this.nIter; it++) {
      const dist = this.dists[this.dists.length === 1 ? 0 : rng.randint(this.dists.length)];
      const params: Params = {};
      for (const [key, v] of Object.entries(dist).sort(([a], [b]) => compareCodePoints(a, b))) {
        if (isDistribution(v)) params[key] = v.rvs(rng);
        else {
          const values = valuesOf(key, v);
          params[key] = values[rng.randint(values.length)];
        }
      }
      yield params;
    }
  }
}
