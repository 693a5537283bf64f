/**
 * dl-49: tabular Q-learning on a small grid world, in plain TypeScript, with value iteration as the
 * exact reference. The table is what a deep Q-network replaces by a neural network when states are
 * too many to list (pixels); everything else — ε-greedy exploration, the bootstrapped target, the
 * terminal case — is the same.
 */
import { rng, type Rng } from '../util/random.ts';

/** Rows of the map: S start, G goal (+1, ends the episode), P pit (−1, ends it), # wall, . floor. */
export const DEFAULT_MAP: readonly string[] = ['S....#', '.##...', '...#P.', '.#...#', '...#.G'];

/** Actions: up, right, down, left. */
export const ACTIONS: readonly [number, number][] = [
  [-1, 0],
  [0, 1],
  [1, 0],
  [0, -1],
];

export interface Grid {
  rows: number;
  cols: number;
  cells: string[];
  start: number;
  /** Reward for entering each cell (goal 1, pit −1, otherwise 0). */
  reward: Float64Array;
  terminal: Uint8Array;
  wall: Uint8Array;
}

export function parseGrid(map: readonly string[]): Grid {
  const rows = map.length;
  const cols = map[0]!.length;
  if (map.some((r) => r.length !== cols)) throw new Error('parseGrid: rows differ in length');
  const cells = map.join('').split('');
  const start = cells.indexOf('S');
  if (start < 0 || !cells.includes('G')) throw new Error('parseGrid: the map needs an S and a G');
  return {
    rows,
    cols,
    cells,
    start,
    reward: Float64Array.from(cells, (c) => (c === 'G' ? 1 : c === 'P' ? -1 : 0)),
    terminal: Uint8Array.from(cells, (c) => (c === 'G' || c === 'P' ? 1 : 0)),
    wall: Uint8Array.from(cells, (c) => (c === '#' ? 1 : 0)),
  };
}

/** Where action a leads from state s if it is carried out (walls and edges: stay put). */
export function moveTo(g: Grid, s: number, a: number): number {
  const r = Math.floor(s / g.cols) + ACTIONS[a]![0];
  const c = (s % g.cols) + ACTIONS[a]![1];
  if (r < 0 || r >= g.rows || c < 0 || c >= g.cols) return s;
  const t = r * g.cols + c;
  return g.wall[t] ? s : t;
}

/**
 * One environment step. With probability `slip` the intended action is replaced by a uniformly random
 * one (which may be the intended action again). Returns next state, reward and whether it ended.
 */
export function step(
  g: Grid,
  s: number,
  a: number,
  slip: number,
  r: Rng,
): { next: number; reward: number; done: boolean } {
  const actual = slip > 0 && r.next() < slip ? r.int(4) : a;
  const next = moveTo(g, s, actual);
  return { next, reward: g.reward[next]!, done: g.terminal[next] === 1 };
}

/** Exact optimal action values by value iteration on the known model (the reference for tests and the demo). */
export function valueIteration(g: Grid, gamma: number, slip: number, tol = 1e-12): Float64Array {
  const n = g.cells.length;
  const q = new Float64Array(n * 4);
  const v = new Float64Array(n);
  for (let sweep = 0; sweep < 10000; sweep++) {
    let delta = 0;
    for (let s = 0; s < n; s++) {
      if (g.wall[s] || g.terminal[s]) continue;
      for (let a = 0; a < 4; a++) {
        // Expected r + γ V(s') over the slip distribution.
        let total = 0;
        for (let b = 0; b < 4; b++) {
          const p = (b === a ? 1 - slip : 0) + slip / 4;
          if (p === 0) continue;
          const t = moveTo(g, s, b);
          total += p * (g.reward[t]! + (g.terminal[t] ? 0 : gamma * v[t]!));
        }
        q[s * 4 + a] = total;
      }
    }
    for (let s = 0; s < n; s++) {
      if (g.wall[s] || g.terminal[s]) continue;
      const best = Math.max(q[s * 4]!, q[s * 4 + 1]!, q[s * 4 + 2]!, q[s * 4 + 3]!);
      delta = Math.max(delta, Math.abs(best - v[s]!));
      v[s] = best;
    }
    if (delta < tol) break;
  }
  return q;
}

/** Index of the largest of the 4 action values of state s (lowest index on ties). */
export function greedy(q: Float64Array, s: number): number {
  let best = 0;
  for (let a = 1; a < 4; a++) if (q[s * 4 + a]! > q[s * 4 + best]!) best = a;
  return best;
}

/** max_a q[s, a] for every state. */
export function stateValues(q: Float64Array): Float64Array {
  const n = q.length / 4;
  return Float64Array.from({ length: n }, (_, s) =>
    Math.max(q[s * 4]!, q[s * 4 + 1]!, q[s * 4 + 2]!, q[s * 4 + 3]!),
  );
}

/** Fewest moves from the start to the goal without slipping (breadth-first search; pits are not crossed). */
export function shortestMoves(g: Grid): number {
  const dist = new Map<number, number>([[g.start, 0]]);
  const queue = [g.start];
  while (queue.length) {
    const s = queue.shift()!;
    if (g.cells[s] === 'G') return dist.get(s)!;
    if (g.terminal[s]) continue;
    for (let a = 0; a < 4; a++) {
      const t = moveTo(g, s, a);
      if (!dist.has(t)) {
        dist.set(t, dist.get(s)! + 1);
        queue.push(t);
      }
    }
  }
  return Infinity;
}

/** Follow the greedy policy without slipping from the start; the path (states) until a terminal or a repeat. */
export function greedyPath(g: Grid, q: Float64Array, maxSteps = 100): number[] {
  const path = [g.start];
  const seen = new Set(path);
  let s = g.start;
  for (let i = 0; i < maxSteps && !g.terminal[s]; i++) {
    s = moveTo(g, s, greedy(q, s));
    if (seen.has(s)) break; // a loop: the policy does not reach a terminal state
    seen.add(s);
    path.push(s);
  }
  return path;
}

export interface QLearningOptions {
  episodes: number;
  /** Exploration rate of ε-greedy. */
  epsilon: number;
  /** Step size. */
  alpha: number;
  gamma: number;
  slip: number;
  /** Episodes are cut off after this many steps (a cut-off is not a terminal state). */
  maxSteps?: number;
  seed: number;
  signal?: AbortSignal;
  /** Called after every `reportEvery` episodes, and given a turn of the event loop. */
  onEpisodes?: (done: number, last: EpisodeStats[]) => void;
  reportEvery?: number;
}

export interface EpisodeStats {
  steps: number;
  /** Undiscounted sum of rewards: 1 at the goal, −1 in the pit, 0 when cut off. */
  reward: number;
}

export interface QLearningResult {
  status: 'done' | 'cancelled';
  q: Float64Array;
  episodes: EpisodeStats[];
}

export function validateQLearning(
  o: Pick<QLearningOptions, 'episodes' | 'epsilon' | 'alpha' | 'gamma' | 'slip'>,
): string | null {
  if (!Number.isInteger(o.episodes) || o.episodes < 1 || o.episodes > 100000)
    return 'Episodes must be a whole number from 1 to 100,000.';
  if (!(o.epsilon >= 0 && o.epsilon <= 1)) return 'ε must be between 0 and 1.';
  if (!(o.alpha > 0 && o.alpha <= 1)) return 'The step size α must be in (0, 1].';
  if (!(o.gamma >= 0 && o.gamma < 1)) return 'The discount γ must be in [0, 1).';
  if (!(o.slip >= 0 && o.slip <= 1)) return 'The slip probability must be between 0 and 1.';
  return null;
}

/** ε-greedy action with random tie-breaking (all values start equal, so ties matter). */
function chooseAction(q: Float64Array, s: number, epsilon: number, r: Rng): number {
  if (r.next() < epsilon) return r.int(4);
  const best = Math.max(q[s * 4]!, q[s * 4 + 1]!, q[s * 4 + 2]!, q[s * 4 + 3]!);
  const ties = [0, 1, 2, 3].filter((a) => q[s * 4 + a] === best);
  return ties[r.int(ties.length)]!;
}

/**
 * Q-learning: Q(s,a) ← Q(s,a) + α [r + γ max_a' Q(s',a') − Q(s,a)], with the bootstrap term dropped
 * when s' is terminal. Async only so that a page stays responsive and Cancel is seen between batches.
 */
export async function runQLearning(g: Grid, o: QLearningOptions): Promise<QLearningResult> {
  const problem = validateQLearning(o);
  if (problem) throw new Error(problem);
  const r = rng(o.seed);
  const q = new Float64Array(g.cells.length * 4);
  const episodes: EpisodeStats[] = [];
  const maxSteps = o.maxSteps ?? 200;
  const every = Math.max(1, o.reportEvery ?? 50);
  for (let e = 0; e < o.episodes; e++) {
    if (o.signal?.aborted) return { status: 'cancelled', q, episodes };
    let s = g.start;
    let steps = 0;
    let reward = 0;
    for (; steps < maxSteps;) {
      const a = chooseAction(q, s, o.epsilon, r);
      const t = step(g, s, a, o.slip, r);
      steps++;
      reward += t.reward;
      const target =
        t.reward +
        (t.done
          ? 0
          : o.gamma *
            Math.max(q[t.next * 4]!, q[t.next * 4 + 1]!, q[t.next * 4 + 2]!, q[t.next * 4 + 3]!));
      q[s * 4 + a]! += o.alpha * (target - q[s * 4 + a]!);
      s = t.next;
      if (t.done) break;
    }
    episodes.push({ steps, reward });
    if ((e + 1) % every === 0 || e === o.episodes - 1) {
      o.onEpisodes?.(e + 1, episodes.slice(-every));
      await new Promise((res) => setTimeout(res, 0));
    }
  }
  return { status: 'done', q, episodes };
}

/** Mean length of a block of episodes and the share of them that ended at the goal. */
export function episodeBlock(last: readonly EpisodeStats[]): {
  meanSteps: number;
  goalShare: number;
} {
  const n = Math.max(1, last.length);
  return {
    meanSteps: last.reduce((a, e) => a + e.steps, 0) / n,
    goalShare: last.filter((e) => e.reward > 0).length / n,
  };
}

export interface PolicyCheck {
  /** The greedy path from the start (states), as greedyPath gives it. */
  path: number[];
  reachesGoal: boolean;
  /** Fewest moves possible without slipping. */
  shortest: number;
  /** V(start) from the learned table, V*(start) from value iteration. */
  vStart: number;
  vStarStart: number;
  /** Largest |V − V*| over the non-terminal states of the path. */
  maxPathError: number;
}

/** Compare a learned Q table with value iteration on the same grid, γ and slip, along its greedy path. */
export function checkPolicy(g: Grid, q: Float64Array, gamma: number, slip: number): PolicyCheck {
  const path = greedyPath(g, q);
  const v = stateValues(q);
  const vStar = stateValues(valueIteration(g, gamma, slip));
  const errors = path.filter((s) => !g.terminal[s]).map((s) => Math.abs(v[s]! - vStar[s]!));
  return {
    path,
    reachesGoal: g.cells[path[path.length - 1]!] === 'G',
    shortest: shortestMoves(g),
    vStart: v[g.start]!,
    vStarStart: vStar[g.start]!,
    maxPathError: Math.max(0, ...errors),
  };
}
