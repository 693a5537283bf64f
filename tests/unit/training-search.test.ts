import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  bestTrial,
  compareOnSurfaces,
  distinctX,
  gridPoints,
  randomPoints,
  surfaceGrid,
  surfaceLoss,
  toHyper,
  tuneNetwork,
} from '../../src/lib/hyperparameters/search.ts';
import { rng } from '../../src/lib/util/random.ts';

describe('grid search versus random search', () => {
  it('a 3×3 grid tries 3 values of the important hyper-parameter, 9 random trials try 9', () => {
    const g = gridPoints(9);
    expect(g).toHaveLength(9);
    expect(distinctX(g)).toBe(3);
    expect(g.map((p) => p.x).sort()[0]).toBeCloseTo(1 / 6, 12);
    expect(gridPoints(10)).toHaveLength(9); // budget rounded down to a square
    expect(distinctX(randomPoints(9, rng(3)))).toBe(9);
  });

  it('the synthetic surface has its minimum 0 at (a, b) and barely depends on y', () => {
    const s = { a: 0.3, b: 0.7, width: 0.08, weightY: 0.05 };
    expect(surfaceLoss(s, { x: 0.3, y: 0.7 })).toBe(0);
    expect(surfaceLoss(s, { x: 0.3, y: 0 })).toBeCloseTo(0.05 * 0.49, 12);
    expect(surfaceLoss(s, { x: 0.5, y: 0.7 })).toBeCloseTo(1 - Math.exp(-0.04 / (2 * 0.0064)), 12);
  });

  it('samples the surface row by row from the top: its lowest cell holds the optimum', () => {
    const s = { a: 0.32, b: 0.72, width: 0.08, weightY: 0.05 };
    const g = 10; // cell centres at 0.05, 0.15, …: (0.35, 0.75) is the centre nearest (a, b)
    const grid = surfaceGrid(s, g);
    expect(grid).toHaveLength(g * g);
    const lowest = grid.indexOf(Math.min(...grid));
    expect([Math.floor(lowest / g), lowest % g]).toEqual([2, 3]); // row 2 from the top: y = 0.75
    expect(grid[2 * g + 3]).toBeCloseTo(surfaceLoss(s, { x: 0.35, y: 0.75 }), 12);
    expect(grid[0]).toBeCloseTo(surfaceLoss(s, { x: 0.05, y: 0.95 }), 12);
  });

  it.each([1, 2, 3, 4, 5])(
    'seed %i: over 500 random problems, random search finds lower loss than grid search on average',
    (seed) => {
      for (const budget of [9, 16, 25]) {
        const c = compareOnSurfaces(budget, 500, seed);
        expect(c.meanRandom).toBeLessThan(c.meanGrid);
        expect(c.randomBetter).toBeGreaterThan(0.5);
        expect(c.distinctGridX).toBe(Math.sqrt(budget));
        expect(c.distinctRandomX).toBe(budget);
      }
    },
  );

  it('when both dimensions matter alike and the grid is as fine as the valley, the advantage shrinks', () => {
    // A wide valley: a 5-point grid already lands close to any optimum, so little is lost.
    const narrow = compareOnSurfaces(25, 500, 1, 0.05);
    const wide = compareOnSurfaces(25, 500, 1, 0.4);
    expect(narrow.meanGrid - narrow.meanRandom).toBeGreaterThan(wide.meanGrid - wide.meanRandom);
  });

  it('refuses a budget that is not a positive whole number', () => {
    expect(() => compareOnSurfaces(0, 10)).toThrow('whole number');
    expect(() => compareOnSurfaces(2.5, 10)).toThrow('whole number');
  });
});

describe('tuning a real network with both searches (engine)', async () => {
  const { tf } = await nodeTf('cpu');

  it('runs both plans, scores every trial, and weight decay in the searched range hardly matters', async () => {
    const before = tf.memory().numTensors;
    const { status, trials } = await tuneNetwork(tf, { budget: 9, epochs: 3, n: 128 });
    expect(status).toBe('done');
    expect(tf.memory().numTensors).toBe(before);
    expect(trials).toHaveLength(18);
    expect(toHyper({ x: 0, y: 0 })).toEqual({ learningRate: 0.001, weightDecay: 1e-6 });
    for (const t of trials) expect(Number.isFinite(t.score)).toBe(true);
    // Grid columns share the learning rate and differ only in weight decay. Where training is stable
    // (the two lower learning rates) scores within a column agree far better than across columns; at
    // the too-high rate training is chaotic and any change, even an irrelevant one, moves the result.
    const grid = trials.filter((t) => t.method === 'grid');
    const cols = [0, 1, 2].map((i) => grid.slice(3 * i, 3 * i + 3).map((t) => t.score));
    const within = Math.max(...cols.slice(0, 2).map((c) => Math.max(...c) - Math.min(...c)));
    const means = cols.map((c) => c.reduce((a, b) => a + b) / 3);
    const across = Math.max(...means) - Math.min(...means);
    expect(within).toBeLessThan(0.05 * across);
    expect(bestTrial(trials, 'grid')!.score).toBe(Math.min(...grid.map((t) => t.score)));
  });

  it('cancel stops within a trial and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const ac = new AbortController();
    const r = await tuneNetwork(tf, {
      budget: 4,
      epochs: 2,
      n: 64,
      signal: ac.signal,
      onTrial: (_, done) => done === 2 && ac.abort(),
    });
    expect(r.status).toBe('cancelled');
    expect(r.trials).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
