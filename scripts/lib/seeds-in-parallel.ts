/**
 * Use both cores for a study that repeats itself per seed. tfjs on wasm in Node computes on one core,
 * so a script that runs its seeds one after another leaves the other core idle. `seedsInParallel`
 * starts the same script once per seed as a child process (at most `jobs` at a time), each with
 * `--seeds S --checkpoint-only`: the child computes that one seed, saves it in the script's
 * checkpoint folder and exits. The parent then runs its usual loop, which finds every seed saved and
 * only assembles the result, exactly as a sequential run would. A child's output lines are passed
 * on with its seed in front, so each keeps its own progress line and ETA.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface SeedsInParallelOptions {
  /** At most this many children at once (default 2: the machine's cores). */
  jobs?: number;
  /** The child's command line for one seed (default: this script with --seeds S --checkpoint-only). */
  command?: (seed: number) => { cmd: string; args: string[] };
  log?: (line: string) => void;
}

/** The default child: this very script, its own arguments, plus the one seed. */
function sameScriptFor(seed: number): { cmd: string; args: string[] } {
  const own = process.argv.slice(2).filter((a, i, all) => {
    const flag = all[i - 1];
    return !['--seeds', '--jobs'].includes(a) && !['--seeds', '--jobs'].includes(flag ?? '');
  });
  return {
    cmd: process.execPath,
    args: [process.argv[1]!, ...own, '--seeds', String(seed), '--checkpoint-only'],
  };
}

/** Runs one child per seed, `jobs` at a time; rejects naming the seeds whose child failed. */
export async function seedsInParallel(
  seeds: readonly number[],
  o: SeedsInParallelOptions = {},
): Promise<void> {
  const jobs = Math.max(1, o.jobs ?? 2);
  const command = o.command ?? sameScriptFor;
  const log = o.log ?? ((line: string) => console.error(line));
  const waiting = [...seeds];
  const failed: number[] = [];
  let running = 0;
  await new Promise<void>((resolve) => {
    const launch = () => {
      while (running < jobs && waiting.length) start(waiting.shift()!);
      if (running === 0) resolve();
    };
    const start = (seed: number) => {
      running++;
      const { cmd, args } = command(seed);
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      for (const stream of [child.stdout, child.stderr])
        createInterface({ input: stream }).on('line', (line) => log(`[seed ${seed}] ${line}`));
      child.on('close', (code) => {
        running--;
        if (code !== 0) failed.push(seed);
        launch();
      });
    };
    launch();
  });
  if (failed.length) throw new Error(`seeds ${failed.join(', ')} failed; see their lines above`);
}

/** `--jobs N` from the command line (`fallback` when absent; 1 runs everything in this process). */
export function jobsArg(argv: readonly string[] = process.argv, fallback = 1): number {
  const i = argv.indexOf('--jobs');
  const n = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error('--jobs takes a whole number ≥ 1');
  return n;
}

export interface SeedScriptArgs {
  /** `--small`: the small version the unit tests re-run. */
  small: boolean;
  /** `--checkpoint-only`: this process is a child of seedsInParallel; save its seeds and exit. */
  checkpointOnly: boolean;
  /** `--jobs N`; by default full runs use both cores and the small version stays in one process. */
  jobs: number;
  /** `--seeds 1,2,3` (undefined when absent). */
  seeds: number[] | undefined;
}

/** The command line that every script run through seedsInParallel understands. */
export function seedScriptArgs(argv: readonly string[] = process.argv): SeedScriptArgs {
  const small = argv.includes('--small');
  const i = argv.indexOf('--seeds');
  return {
    small,
    checkpointOnly: argv.includes('--checkpoint-only'),
    jobs: jobsArg(argv, small ? 1 : 2),
    seeds: i >= 0 ? argv[i + 1]?.split(',').map(Number) : undefined,
  };
}
