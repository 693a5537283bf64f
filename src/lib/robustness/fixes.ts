/**
 * The per-variant fixes that need training, in one place for the Node study and the page's demo:
 * what each trains on (recipe and data), and which test sets it is judged on.
 */
import { VARIANT_PARAMS, fixedPermutation, permutePixels, sortPixels } from './variants.ts';
import type { Recipe } from './recipes.ts';
import type { ImageSet, VariantId } from './variants.ts';

export const FIXES = ['t1', 't2-permuted', 't2-sorted', 't3', 't4'] as const;
export type FixId = (typeof FIXES)[number];

export interface FixPlan {
  recipe: Recipe;
  /** The training images the recipe runs on (e.g. permuted by t1's permutation). */
  trainData: (train: ImageSet) => ImageSet;
  /** Test sets the fix is judged on. */
  targets: VariantId[];
  /** What the fixed model reads of a test set (the sorted-pixel model reads sorted pixels). */
  testView: (set: ImageSet) => ImageSet;
  /** Judged also under a fresh white-box attack on itself (the fixes that claim some robustness). */
  freshAttack: boolean;
}

/** The plan of a fix; `seed` seeds its augmentation stream (noise, permutations, attack starts). */
export function fixPlan(fix: FixId, seed: number): FixPlan {
  const same = (s: ImageSet) => s;
  const plain: Recipe = { kind: 'standard' };
  switch (fix) {
    case 't1':
      return {
        recipe: plain,
        trainData: (t) => permutePixels(t, fixedPermutation()),
        targets: ['t1'],
        testView: same,
        freshAttack: false,
      };
    case 't2-permuted':
      return {
        recipe: { kind: 'per-image-permutation', seed },
        trainData: same,
        targets: ['clean', 't2'],
        testView: same,
        freshAttack: false,
      };
    case 't2-sorted':
      return {
        recipe: plain,
        trainData: sortPixels,
        targets: ['clean', 't2'],
        testView: sortPixels,
        freshAttack: false,
      };
    case 't3':
      return {
        recipe: { kind: 'noise', sigma: Math.min(1, 1.2 * VARIANT_PARAMS.t3.sigma), seed },
        trainData: same,
        targets: ['clean', 't3', 't4'],
        testView: same,
        freshAttack: true,
      };
    case 't4':
      return {
        recipe: { kind: 'adversarial', eps: VARIANT_PARAMS.t4.eps, steps: 1, seed },
        trainData: same,
        targets: ['clean', 't3', 't4'],
        testView: same,
        freshAttack: true,
      };
  }
}
