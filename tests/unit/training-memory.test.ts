import { describe, expect, it } from 'vitest';
import {
  gib,
  hitProbability,
  majorityOfThree,
  tensorBytes,
} from '../../src/lib/hyperparameters/memory.ts';

describe('numbers quoted on the training pages', () => {
  it('a float32 batch of 1024 RGB 1024×1024 images is exactly 12 GiB', () => {
    expect(tensorBytes([1024, 3, 1024, 1024])).toBe(12 * 2 ** 30);
    expect(gib(tensorBytes([1024, 3, 1024, 1024]))).toBe('12.0');
    expect(gib(tensorBytes([1024, 64, 1024, 1024]))).toBe('256.0');
    expect(tensorBytes([2, 3], 2)).toBe(12);
  });

  it('random-search hit probability 1 − (1 − q)^n', () => {
    expect(hitProbability(0.05, 60)).toBeCloseTo(0.9539, 4);
    expect(hitProbability(0.5, 1)).toBe(0.5);
    expect(hitProbability(0.1, 0)).toBe(0);
  });

  it('majority of three independent readers beats one reader when p > 1/2, equals it at 1/2', () => {
    expect(majorityOfThree(0.8)).toBeCloseTo(0.896, 12);
    expect(majorityOfThree(0.5)).toBeCloseTo(0.5, 12);
    expect(majorityOfThree(0.6)).toBeGreaterThan(0.6);
    expect(majorityOfThree(0.4)).toBeLessThan(0.4);
  });
});
