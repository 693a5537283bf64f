/**
 * Run the study's parts as child processes, at most `slots` at a time (tfjs wasm in Node uses one
 * core per process), in the order src/lib/robustness/schedule.ts picks, with a progress line and an
 * ETA. A child reports progress as lines "@progress <fraction> <what>" on stdout; other lines are
 * passed through with the part's name in front.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import {
  formatEta,
  fractionDone,
  nextPart,
  progressLine,
  secondsLeft,
  type RunState,
} from '../../src/lib/robustness/schedule.ts';
import type { PartSpec } from '../../src/lib/robustness/study.ts';

export interface ParallelOptions {
  slots: number;
  /** Command line of the child that runs one part. */
  command: (part: PartSpec) => { cmd: string; args: string[] };
  log: (line: string) => void;
}

/** Runs every part not yet in state.done; resolves with the ids that failed. */
export async function runParallel(
  parts: PartSpec[],
  state: RunState,
  o: ParallelOptions,
): Promise<string[]> {
  const failed: string[] = [];
  const t0 = performance.now();
  const atStart = fractionDone(parts, state);
  let lastLine = 0;
  const report = (part: PartSpec, what: string, force = false) => {
    const t = performance.now();
    if (!force && t - lastLine < 15_000) return;
    lastLine = t;
    const f = fractionDone(parts, state);
    o.log(progressLine(part, what, f, formatEta(secondsLeft(atStart, f, (t - t0) / 1000))));
  };
  return new Promise((resolve) => {
    const launch = () => {
      while (state.running.size < o.slots) {
        const part = nextPart(
          parts.filter((p) => !failed.includes(p.id) && p.needs.every((n) => !failed.includes(n))),
          state,
        );
        if (!part) break;
        start(part);
      }
      if (state.running.size === 0) resolve(failed);
    };
    const start = (part: PartSpec) => {
      state.running.set(part.id, 0);
      const { cmd, args } = o.command(part);
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      report(part, 'started', true);
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = /^@progress ([\d.]+) (.*)$/.exec(line);
        if (m) {
          state.running.set(part.id, Math.min(1, Number(m[1])));
          report(part, m[2]!);
        } else o.log(`[${part.id}] ${line}`);
      });
      createInterface({ input: child.stderr }).on('line', (line) => o.log(`[${part.id}] ${line}`));
      child.on('close', (code) => {
        state.running.delete(part.id);
        if (code === 0) {
          state.done.add(part.id);
          report(part, 'done', true);
        } else {
          failed.push(part.id);
          o.log(`[${part.id}] FAILED (exit code ${code})`);
        }
        launch();
      });
    };
    launch();
  });
}
