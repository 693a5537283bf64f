/**
 * Pair a random-noise point of the norm sweep with the adversarial point of (nearly) the same mean
 * L2 perturbation size, so that the two kinds of perturbation are compared at equal size.
 */
export interface SweepPoint {
  l2: number;
  accuracy: number;
}

export interface EqualNormPair<R extends SweepPoint, A extends SweepPoint> {
  random: R;
  adversarial: A;
  /** |‖δ_random‖ − ‖δ_adversarial‖| relative to the larger of the two. */
  relativeGap: number;
}

/** The (random, adversarial) pair whose mean L2 norms are closest in relative terms; null if either list is empty. */
export function equalNormPair<R extends SweepPoint, A extends SweepPoint>(
  random: readonly R[],
  adversarial: readonly A[],
): EqualNormPair<R, A> | null {
  let best: EqualNormPair<R, A> | null = null;
  for (const r of random) {
    for (const a of adversarial) {
      const relativeGap = Math.abs(r.l2 - a.l2) / Math.max(r.l2, a.l2);
      if (!best || relativeGap < best.relativeGap)
        best = { random: r, adversarial: a, relativeGap };
    }
  }
  return best;
}

/** Standard error of an accuracy measured on n independent test images. */
export const accuracyStandardError = (accuracy: number, n: number) =>
  Math.sqrt((accuracy * (1 - accuracy)) / n);
