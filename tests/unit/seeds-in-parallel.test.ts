import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobsArg, seedsInParallel } from '../../scripts/lib/seeds-in-parallel.ts';

/** A child that logs when it starts and ends (in ms), prints one line, and exits with `code`. */
function recordingChild(dir: string, code = (_seed: number) => 0) {
  return (seed: number) => ({
    cmd: process.execPath,
    args: [
      '-e',
      `const fs = require('fs');
       fs.appendFileSync(${JSON.stringify(join(dir, 'log'))}, 'start ${seed} ' + Date.now() + '\\n');
       setTimeout(() => {
         fs.appendFileSync(${JSON.stringify(join(dir, 'log'))}, 'end ${seed} ' + Date.now() + '\\n');
         console.log('hello from ${seed}');
         process.exit(${code(seed)});
       }, 150);`,
    ],
  });
}

/** The largest number of children running at once, from the start/end log. */
function mostAtOnce(log: string): number {
  const events = log
    .trim()
    .split('\n')
    .map((l) => l.split(' '))
    .map(([what, , t]) => ({ delta: what === 'start' ? 1 : -1, t: Number(t) }))
    .sort((a, b) => a.t - b.t || a.delta - b.delta);
  let now = 0;
  let most = 0;
  for (const e of events) most = Math.max(most, (now += e.delta));
  return most;
}

describe('seedsInParallel', () => {
  it('runs every seed once, never more than `jobs` at a time, and passes lines on with the seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
    const lines: string[] = [];
    await seedsInParallel([1, 2, 3, 4, 5], {
      jobs: 2,
      command: recordingChild(dir),
      log: (l) => lines.push(l),
    });
    const log = readFileSync(join(dir, 'log'), 'utf8');
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(log.match(new RegExp(`^start ${seed} `, 'gm'))).toHaveLength(1);
      expect(lines).toContain(`[seed ${seed}] hello from ${seed}`);
    }
    expect(mostAtOnce(log)).toBe(2);
  });

  it('finishes the other seeds and then rejects, naming the seed that failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
    await expect(
      seedsInParallel([1, 2, 3], {
        jobs: 2,
        command: recordingChild(dir, (seed) => (seed === 2 ? 1 : 0)),
        log: () => {},
      }),
    ).rejects.toThrow(/seeds 2 failed/);
    expect(readFileSync(join(dir, 'log'), 'utf8').match(/^end /gm)).toHaveLength(3);
  });
});

describe('jobsArg', () => {
  it('reads --jobs, defaults to 1 and refuses what is not a whole number ≥ 1', () => {
    expect(jobsArg(['node', 'x.ts'])).toBe(1);
    expect(jobsArg(['node', 'x.ts'], 2)).toBe(2);
    expect(jobsArg(['node', 'x.ts', '--jobs', '1'], 2)).toBe(1);
    expect(jobsArg(['node', 'x.ts', '--jobs', '2'])).toBe(2);
    expect(() => jobsArg(['node', 'x.ts', '--jobs', '0'])).toThrow(/whole number/);
    expect(() => jobsArg(['node', 'x.ts', '--jobs', 'two'])).toThrow(/whole number/);
  });
});

describe('a study run with --jobs 2', () => {
  /** The small shift study's JSON, run in a fresh checkpoint folder; run times left out. */
  function smallShiftStudy(extra: string[]): unknown {
    const cache = mkdtempSync(join(tmpdir(), 'shifts-'));
    const out = execFileSync(
      process.execPath,
      ['scripts/autoencoder-shifts.ts', '--small', '--cache', cache, ...extra],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return JSON.parse(out, (key, value) => (key === 'seconds' ? undefined : value));
  }

  it('gives the same results as one process running the seeds in turn', () => {
    const parallel = smallShiftStudy(['--jobs', '2']) as { seeds: number[] };
    expect(parallel.seeds.length).toBeGreaterThanOrEqual(3);
    expect(parallel).toEqual(smallShiftStudy([]));
  }, 120_000);
});
