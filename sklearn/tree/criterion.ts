// Split criteria: how impure a node is, and how much purer its two children would be.
// The splitter slides a split position through a node's samples sorted by one feature; a criterion
// keeps weighted running sums of the samples left of the position (right = total - left), so each move
// costs only the samples passed. The one thing to understand: the best split maximises the *proxy*
// -(w_L·I_L + w_R·I_R), the children's weighted impurity (or something ordered like it), which is
// cheaper than the full improvement and picks the same split. Arithmetic follows scikit-learn's
// _criterion.pyx step by step (same sums in the same order, and glibc's log), so ties are broken
// the same way.
import * as np from '../../ndarray/index.ts';

/** The running state shared by all criteria (one output, as tessera's trees have). */
export abstract class Criterion {
  /** Samples of the current node are samples[start:end]; those left of the split are [start:pos). */
  protected samples: Int32Array = new Int32Array(0);
  protected start = 0;
  protected end = 0;
  protected pos = 0;
  weightedNNodeSamples = 0;
  weightedNLeft = 0;
  weightedNRight = 0;

  /** y: one target per sample (a class index for classifiers); weights null = all 1. */
  constructor(protected readonly y: Float64Array, protected readonly sampleWeight: Float64Array | null, protected readonly weightedNSamples: number) {}

  protected weight(i: number): number {
    return this.sampleWeight === null ? 1 : this.sampleWeight[i];
  }

  /** Starts a node: the totals over samples[start:end], split position at start. */
  init(samples: Int32Array, start: number, end: number): void {
    this.samples = samples;
    this.start = start;
    this.end = end;
    this.weightedNNodeSamples = 0;
    this.clearTotals();
    for (let p = start; p < end; p++) {
      const i = samples[p];
      const w = this.weight(i);
      this.addToTotals(i, w);
      this.weightedNNodeSamples += w;
    }
    this.reset();
  }

  /** Split position back to start: everything on the right. */
  reset(): void {
    this.pos = this.start;
    this.weightedNLeft = 0;
    this.weightedNRight = this.weightedNNodeSamples;
    this.leftEmpty();
  }

  /** Split position at end: everything on the left. */
  protected reverseReset(): void {
    this.pos = this.end;
    this.weightedNLeft = this.weightedNNodeSamples;
    this.weightedNRight = 0;
    this.leftFull();
  }

  /** Moves the split to newPos (> pos), walking from whichever end is nearer. */
  update(newPos: number): void {
    if (newPos - this.pos <= this.end - newPos) {
      for (let p = this.pos; p < newPos; p++) {
        const i = this.samples[p];
        const w = this.weight(i);
        this.moveLeft(i, w);
        this.weightedNLeft += w;
      }
    } else {
      this.reverseReset();
      for (let p = this.end - 1; p >= newPos; p--) {
        const i = this.samples[p];
        const w = this.weight(i);
        this.moveLeft(i, -w);
        this.weightedNLeft -= w;
      }
    }
    this.weightedNRight = this.weightedNNodeSamples - this.weightedNLeft;
    this.updateRight();
    this.pos = newPos;
  }

  /** -(w_R·I_R + w_L·I_L): larger is better; subclasses may use a cheaper quantity with the same order. */
  proxyImpurityImprovement(): number {
    const [left, right] = this.childrenImpurity();
    return -this.weightedNRight * right - this.weightedNLeft * left;
  }

  /** The weighted impurity decrease of the split, as a fraction of all training weight:
   *  N_t/N · (I - N_R/N_t·I_R - N_L/N_t·I_L). */
  impurityImprovement(parent: number, left: number, right: number): number {
    const wn = this.weightedNNodeSamples;
    return (wn / this.weightedNSamples) * (parent - (this.weightedNRight / wn) * right - (this.weightedNLeft / wn) * left);
  }

  abstract nodeImpurity(): number;
  abstract childrenImpurity(): [left: number, right: number];
  /** Writes the node's prediction (class weights, or the mean) at dest[offset...]. */
  abstract nodeValue(dest: Float64Array, offset: number): void;
  protected abstract clearTotals(): void;
  protected abstract addToTotals(i: number, w: number): void;
  protected abstract leftEmpty(): void;
  protected abstract leftFull(): void;
  protected abstract moveLeft(i: number, w: number): void;
  protected abstract updateRight(): void;
}

/** Classification: per-class weight sums on each side. */
abstract class ClassificationCriterion extends Criterion {
  protected readonly sumTotal: Float64Array;
  protected readonly sumLeft: Float64Array;
  protected readonly sumRight: Float64Array;

  constructor(y: Float64Array, sampleWeight: Float64Array | null, weightedNSamples: number, readonly nClasses: number) {
    super(y, sampleWeight, weightedNSamples);
    [this.sumTotal, this.sumLeft, this.sumRight] = [0, 1, 2].map(() => new Float64Array(nClasses));
  }

  protected clearTotals(): void { this.sumTotal.fill(0); }
  protected addToTotals(i: number, w: number): void { this.sumTotal[this.y[i]] += w; }
  protected leftEmpty(): void { this.sumLeft.fill(0); this.sumRight.set(this.sumTotal); }
  protected leftFull(): void { this.sumRight.fill(0); this.sumLeft.set(this.sumTotal); }
  protected moveLeft(i: number, w: number): void { this.sumLeft[this.y[i]] += w; }
  protected updateRight(): void {
    for (let c = 0; c < this.nClasses; c++) this.sumRight[c] = this.sumTotal[c] - this.sumLeft[c];
  }

  /** The weighted class counts (predict_proba normalises them). */
  nodeValue(dest: Float64Array, offset: number): void {
    dest.set(this.sumTotal, offset);
  }
}

/** Gini impurity: G = 1 - Σ_c p_c², the chance two random draws from the node disagree. */
export class Gini extends ClassificationCriterion {
  nodeImpurity(): number {
    return gini(this.sumTotal, this.weightedNNodeSamples);
  }

  childrenImpurity(): [number, number] {
    return [gini(this.sumLeft, this.weightedNLeft), gini(this.sumRight, this.weightedNRight)];
  }
}

function gini(counts: Float64Array, total: number): number {
  let sq = 0;
  for (let c = 0; c < counts.length; c++) sq += counts[c] * counts[c];
  return 1 - sq / (total * total);
}

/** Entropy (log_loss): H = -Σ_c p_c log₂ p_c, the bits needed to name a sample's class. */
export class Entropy extends ClassificationCriterion {
  nodeImpurity(): number {
    return entropy(this.sumTotal, this.weightedNNodeSamples);
  }

  childrenImpurity(): [number, number] {
    return [entropy(this.sumLeft, this.weightedNLeft), entropy(this.sumRight, this.weightedNRight)];
  }
}

const LN2 = np.libm.log(2);

function entropy(counts: Float64Array, total: number): number {
  let h = 0;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] > 0) {
      const p = counts[c] / total;
      h -= p * (np.libm.log(p) / LN2);
    }
  }
  return h;
}

/** Squared error: the weighted variance of y in the node, Σw·y²/W - (Σw·y/W)². */
export class SquaredError extends Criterion {
  private sumTotal = 0;
  private sqSumTotal = 0;
  private sumLeft = 0;
  private sumRight = 0;

  protected clearTotals(): void { this.sumTotal = 0; this.sqSumTotal = 0; }
  protected addToTotals(i: number, w: number): void {
    const wy = w * this.y[i];
    this.sumTotal += wy;
    this.sqSumTotal += wy * this.y[i];
  }
  protected leftEmpty(): void { this.sumLeft = 0; this.sumRight = this.sumTotal; }
  protected leftFull(): void { this.sumRight = 0; this.sumLeft = this.sumTotal; }
  protected moveLeft(i: number, w: number): void { this.sumLeft += w * this.y[i]; }
  protected updateRight(): void { this.sumRight = this.sumTotal - this.sumLeft; }

  nodeImpurity(): number {
    const mean = this.sumTotal / this.weightedNNodeSamples;
    return this.sqSumTotal / this.weightedNNodeSamples - mean * mean;
  }

  /** Σ_L w·y² is summed afresh over the left samples; the right side gets the rest. */
  childrenImpurity(): [number, number] {
    let sqLeft = 0;
    for (let p = this.start; p < this.pos; p++) {
      const i = this.samples[p];
      sqLeft += this.weight(i) * this.y[i] * this.y[i];
    }
    const sqRight = this.sqSumTotal - sqLeft;
    const [meanL, meanR] = [this.sumLeft / this.weightedNLeft, this.sumRight / this.weightedNRight];
    return [sqLeft / this.weightedNLeft - meanL * meanL, sqRight / this.weightedNRight - meanR * meanR];
  }

  /** (Σ_L w·y)²/W_L + (Σ_R w·y)²/W_R: the impurity terms that depend on the split position. */
  proxyImpurityImprovement(): number {
    return (this.sumLeft * this.sumLeft) / this.weightedNLeft + (this.sumRight * this.sumRight) / this.weightedNRight;
  }

  /** The mean of y. */
  nodeValue(dest: Float64Array, offset: number): void {
    dest[offset] = this.sumTotal / this.weightedNNodeSamples;
  }
}
