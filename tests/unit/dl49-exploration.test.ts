/** dl-49's page claims about ε = 0 (no exploration), checked on the page's own Q-learning code. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAP,
  greedy,
  greedyPath,
  moveTo,
  parseGrid,
  runQLearning,
  shortestMoves,
} from '../../src/lib/fewshot/gridworld.ts';

const g = parseGrid(DEFAULT_MAP);
const seeds = [1, 2, 3, 4];
const learn = (seed: number, slip: number) =>
  runQLearning(g, { episodes: 300, epsilon: 0, alpha: 0.5, gamma: 0.9, slip, seed });
const reachesGoal = (path: number[]) => g.cells[path.at(-1)!] === 'G';

describe('dl-49: a greedy learner (ε = 0)', () => {
  it('still finds the goal without slipping (random tie-breaking makes it a random walker at first) and settles on a shortest route', async () => {
    for (const seed of seeds) {
      const r = await learn(seed, 0);
      expect(r.episodes.findIndex((e) => e.reward > 0)).toBeGreaterThanOrEqual(0);
      const path = greedyPath(g, r.q);
      expect(reachesGoal(path)).toBe(true);
      expect(path.length - 1).toBe(shortestMoves(g));
    }
  });

  it('with slip 0.2 usually ends with a policy that never reaches the goal (stuck against a wall or in a loop)', async () => {
    let stuck = 0;
    for (const seed of seeds) if (!reachesGoal(greedyPath(g, (await learn(seed, 0.2)).q))) stuck++;
    expect(stuck).toBeGreaterThan(seeds.length / 2);
  });

  it('would never move with lowest-index tie-breaking: the first action from S ("up") hits the edge', () => {
    const zeros = new Float64Array(g.cells.length * 4);
    expect(moveTo(g, g.start, greedy(zeros, g.start))).toBe(g.start);
  });
});
