/**
 * L1 against L2 at one α, computed both ways: the float64 references (least squares, ridge in closed
 * form, the lasso by coordinate descent) and three full-batch fits on the tfjs backend with the shared
 * engine — ridge by gradient descent, the lasso by proximal gradient (ISTA) and by plain subgradient
 * descent. Step sizes come from the data's curvature L (1/(L + α) for ridge, 1/L for the lasso fits),
 * the largest that are safe.
 */
import type * as TF from '@tensorflow/tfjs';
import { maxAbsDiff } from './linalg.ts';
import { fitLinear, type PenaltyKind } from './linear-fit.ts';
import { lassoCD, ridge, type RegressionData } from './penalised-regression.ts';
import { maxCurvature } from './weight-decay.ts';

/** The backend fits, in the order they run. */
export const BACKEND_FITS = [
  { key: 'ridge-gd', penalty: 'l2', label: 'ridge by gradient descent' },
  { key: 'ista', penalty: 'l1-prox', label: 'lasso by proximal gradient (ISTA)' },
  { key: 'subgradient', penalty: 'l1-subgradient', label: 'lasso by subgradient descent' },
] as const satisfies readonly { key: string; penalty: PenaltyKind; label: string }[];

export type FitKey = (typeof BACKEND_FITS)[number]['key'];

export interface PenaltyComparison {
  status: 'done' | 'cancelled';
  /** Weight vectors to show side by side, each with its column heading (true weights first). */
  columns: { label: string; w: ArrayLike<number> }[];
  /** max |ridge by gradient descent − closed form| and max |ISTA − coordinate descent|. */
  ridgeGap: number;
  istaGap: number;
  /** Exact zeros of the lasso reference, of ISTA and of subgradient descent. */
  zeros: { reference: number; ista: number; subgradient: number };
}

export interface PenaltyComparisonOptions {
  alpha: number;
  steps: number;
  signal?: AbortSignal;
  /** After every step: overall fraction done (0–1) and which fit is running. */
  onProgress?: (fraction: number, fit: string, step: number) => void;
}

/** How many entries are exactly 0 (not merely small). */
export function exactZeros(w: ArrayLike<number>): number {
  return Array.from(w).filter((v) => v === 0).length;
}

export async function comparePenalties(
  tf: typeof TF,
  D: RegressionData,
  o: PenaltyComparisonOptions,
): Promise<PenaltyComparison> {
  const { alpha, steps } = o;
  const L = maxCurvature(D.X);
  const fits = {} as Record<FitKey, Float64Array>;
  for (const [i, f] of BACKEND_FITS.entries()) {
    const r = await fitLinear(tf, D.X, D.y, {
      penalty: f.penalty,
      alpha,
      steps,
      learningRate: f.penalty === 'l2' ? 1 / (L + alpha) : 1 / L,
      signal: o.signal,
      onStep: (s) => o.onProgress?.((i + s / steps) / BACKEND_FITS.length, f.label, s),
    });
    if (r.status === 'cancelled')
      return {
        status: 'cancelled',
        columns: [],
        ridgeGap: NaN,
        istaGap: NaN,
        zeros: { reference: 0, ista: 0, subgradient: 0 },
      };
    fits[f.key] = r.w;
  }
  const ridgeCf = ridge(D.X, D.y, alpha);
  const lassoRef = lassoCD(D.X, D.y, alpha).w;
  return {
    status: 'done',
    columns: [
      { label: 'true', w: D.wTrue },
      { label: 'least squares', w: ridge(D.X, D.y, 0) },
      { label: 'ridge, closed form', w: ridgeCf },
      { label: 'ridge, gradient descent', w: fits['ridge-gd'] },
      { label: 'lasso, coordinate descent', w: lassoRef },
      { label: 'lasso, ISTA', w: fits.ista },
      { label: 'lasso, subgradient', w: fits.subgradient },
    ],
    ridgeGap: maxAbsDiff(fits['ridge-gd'], ridgeCf),
    istaGap: maxAbsDiff(fits.ista, lassoRef),
    zeros: {
      reference: exactZeros(lassoRef),
      ista: exactZeros(fits.ista),
      subgradient: exactZeros(fits.subgradient),
    },
  };
}
