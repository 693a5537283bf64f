/** Back-of-the-envelope memory sizes for training set-ups (used by the large-image pipeline answer). */

/** Bytes of a dense tensor of the given shape (float32 by default). */
export function tensorBytes(shape: readonly number[], bytesPerElement = 4): number {
  return shape.reduce((a, b) => a * b, 1) * bytesPerElement;
}

/** Bytes → GiB (2³⁰ bytes), rounded to `digits`. */
export function gib(bytes: number, digits = 1): string {
  return (bytes / 2 ** 30).toFixed(digits);
}

/**
 * Probability that at least one of n independent random trials lands in the best fraction q of the
 * search space: 1 − (1 − q)ⁿ.
 */
export function hitProbability(q: number, n: number): number {
  return 1 - (1 - q) ** n;
}

/** Accuracy of a majority vote of three independent readers who are each right with probability p. */
export function majorityOfThree(p: number): number {
  return p ** 3 + 3 * p ** 2 * (1 - p);
}
