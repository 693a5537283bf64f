import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAP,
  checkPolicy,
  episodeBlock,
  greedyPath,
  moveTo,
  parseGrid,
  runQLearning,
  shortestMoves,
  stateValues,
  validateQLearning,
  valueIteration,
} from '../../src/lib/fewshot/gridworld.ts';

const g = parseGrid(DEFAULT_MAP);
const at = (r: number, c: number) => r * g.cols + c;

/** Breadth-first distance (in moves) from every cell to the goal, through floor cells only. */
function distancesToGoal(): number[] {
  const d = new Array<number>(g.cells.length).fill(Infinity);
  const goal = g.cells.indexOf('G');
  d[goal] = 0;
  const queue = [goal];
  while (queue.length) {
    const t = queue.shift()!;
    for (let s = 0; s < g.cells.length; s++) {
      if (g.wall[s] || g.terminal[s] || d[s] !== Infinity) continue;
      if ([0, 1, 2, 3].some((a) => moveTo(g, s, a) === t)) {
        d[s] = d[t]! + 1;
        queue.push(s);
      }
    }
  }
  return d;
}

describe('dl-49: grid world, value iteration and Q-learning', () => {
  it('moves: walls and edges keep the agent in place', () => {
    expect(moveTo(g, at(0, 0), 0)).toBe(at(0, 0)); // up from the top row
    expect(moveTo(g, at(0, 0), 1)).toBe(at(0, 1));
    expect(moveTo(g, at(0, 1), 2)).toBe(at(0, 1)); // (1,1) is a wall
  });

  it('value iteration without slipping gives V*(s) = γ^(d−1), d = shortest distance to the goal', () => {
    const gamma = 0.9;
    const v = stateValues(valueIteration(g, gamma, 0));
    const d = distancesToGoal();
    let checked = 0;
    for (let s = 0; s < g.cells.length; s++) {
      if (g.wall[s] || g.terminal[s] || d[s] === Infinity) continue;
      // Only entering the goal pays (+1) and the pit only costs, so the best return from distance d is γ^(d−1).
      expect(v[s]).toBeCloseTo(gamma ** (d[s]! - 1), 10);
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
    expect(d[g.start]).toBe(9);
    expect(shortestMoves(g)).toBe(9); // the library's search agrees with this independent one
  });

  it('tabular Q-learning learns a shortest path and values close to value iteration along it', async () => {
    const o = { episodes: 3000, epsilon: 0.2, alpha: 0.5, gamma: 0.9, slip: 0, seed: 3 };
    const r = await runQLearning(g, o);
    expect(r.status).toBe('done');
    const path = greedyPath(g, r.q);
    expect(g.cells[path[path.length - 1]!]).toBe('G');
    expect(path.length - 1).toBe(shortestMoves(g)); // the shortest possible number of moves
    const vq = stateValues(r.q);
    const vStar = stateValues(valueIteration(g, o.gamma, 0));
    for (const s of path.slice(0, -1)) expect(Math.abs(vq[s]! - vStar[s]!)).toBeLessThan(1e-3);
    // Learning signal: late episodes reach the goal much faster than the first ones.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(r.episodes.slice(-200).map((e) => e.steps))).toBeLessThan(
      mean(r.episodes.slice(0, 20).map((e) => e.steps)) / 3,
    );
  });

  it('with slipping the start is worth less (risk and delay), and Q-learning is reproducible from its seed', async () => {
    const q0 = valueIteration(g, 0.9, 0);
    const q2 = valueIteration(g, 0.9, 0.4);
    expect(stateValues(q2)[g.start]).toBeLessThan(stateValues(q0)[g.start]!); // risk and delay cost value
    const o = { episodes: 200, epsilon: 0.1, alpha: 0.5, gamma: 0.9, slip: 0.2, seed: 7 };
    expect((await runQLearning(g, o)).q).toEqual((await runQLearning(g, o)).q);
  });

  it('stops when cancelled and refuses bad settings', async () => {
    const ctl = new AbortController();
    const r = await runQLearning(g, {
      episodes: 5000,
      epsilon: 0.1,
      alpha: 0.5,
      gamma: 0.9,
      slip: 0,
      seed: 1,
      signal: ctl.signal,
      reportEvery: 10,
      onEpisodes: (n) => n === 30 && ctl.abort(),
    });
    expect(r.status).toBe('cancelled');
    expect(r.episodes.length).toBe(30);
    expect(
      validateQLearning({ episodes: 0, epsilon: 0.1, alpha: 0.5, gamma: 0.9, slip: 0 }),
    ).toMatch(/Episodes/);
    expect(
      validateQLearning({ episodes: 10, epsilon: 1.5, alpha: 0.5, gamma: 0.9, slip: 0 }),
    ).toMatch(/ε/);
    expect(
      validateQLearning({ episodes: 10, epsilon: 0.1, alpha: 0.5, gamma: 1, slip: 0 }),
    ).toMatch(/γ/);
    await expect(
      runQLearning(g, { episodes: 10, epsilon: 0.1, alpha: 0, gamma: 0.9, slip: 0, seed: 1 }),
    ).rejects.toThrow(/α/);
  });

  it('summarises a block of episodes: mean length and share that reached the goal', () => {
    const b = episodeBlock([
      { steps: 4, reward: 1 },
      { steps: 10, reward: -1 },
      { steps: 200, reward: 0 },
      { steps: 6, reward: 1 },
    ]);
    expect(b.meanSteps).toBe(55);
    expect(b.goalShare).toBe(0.5);
  });

  it('checks a table against value iteration: the exact table passes, an empty one loops', () => {
    const exact = checkPolicy(g, valueIteration(g, 0.9, 0), 0.9, 0);
    expect(exact.reachesGoal).toBe(true);
    expect(exact.path.length - 1).toBe(exact.shortest);
    expect(exact.maxPathError).toBe(0);
    expect(exact.vStart).toBe(exact.vStarStart);
    // All-zero values: greedy takes "up" from the top-left start, stays put, and never reaches G.
    const empty = checkPolicy(g, new Float64Array(g.cells.length * 4), 0.9, 0);
    expect(empty.reachesGoal).toBe(false);
    expect(empty.vStart).toBe(0);
    expect(empty.maxPathError).toBeCloseTo(Math.abs(empty.vStarStart), 12);
  });
});
