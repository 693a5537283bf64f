/**
 * gen-q1 / gen-q2 results: uncertainty methods and OOD scores on shifted MNIST, one run per seed,
 * summarised as mean ± sd. Writes src/data/autoencoder-shifts.json (committed; the pages read it).
 *   node scripts/autoencoder-shifts.ts              full version (3 seeds, all training images;
 *                                                   about 15 min alone on 2 CPU cores)
 *   node scripts/autoencoder-shifts.ts --small      the small version the unit test re-runs (to stdout)
 *   --seeds 1,2,3   which seeds;  --cache DIR   where finished seeds are kept, so that an interrupted
 *   run resumes (default node_modules/.cache/autoencoder-shifts; delete it to start afresh)
 *   --jobs N        run the seeds as N parallel processes (one core each; default 2, --small 1)
 */
import { nodeSource } from '../src/lib/data/mnist-node.ts';
import {
  shiftRunJson,
  shiftStudyJson,
  SHIFT_STUDY_FULL,
  SHIFT_STUDY_FULL_SEEDS,
  SHIFT_STUDY_SMALL,
  SHIFT_STUDY_SMALL_SEEDS,
  type ShiftRunJson,
} from '../src/lib/autoencoder/shift-study-json.ts';
import { runShiftStudy } from '../src/lib/autoencoder/shift-study.ts';
import {
  argValue,
  checkpoints,
  nodeBackend,
  progressWithEta,
  writeJson,
} from './autoencoder-common.ts';
import { seedScriptArgs, seedsInParallel } from './lib/seeds-in-parallel.ts';

// A child of --jobs (checkpointOnly) computes and saves its seeds, writes nothing else.
const args = seedScriptArgs();
const { small, checkpointOnly, jobs } = args;
const options = small ? SHIFT_STUDY_SMALL : SHIFT_STUDY_FULL;
const seeds = args.seeds ?? (small ? SHIFT_STUDY_SMALL_SEEDS : SHIFT_STUDY_FULL_SEEDS);
if (jobs > 1 && !checkpointOnly) await seedsInParallel(seeds, { jobs });
const { tf, name } = await nodeBackend();
const part = checkpoints(
  argValue('cache') ?? `node_modules/.cache/autoencoder-shifts${small ? '-small' : ''}`,
);
const trainSet = await nodeSource.load('train');
const testSet = await nodeSource.load('test');
const progress = progressWithEta();
const t0 = Date.now();
const runs: ShiftRunJson[] = [];
for (const [i, seed] of seeds.entries()) {
  const key = `seed-${seed}-${options.trainImages}x${options.uncertainty.epochs}`;
  runs.push(
    await part(key, async () => {
      const t = Date.now();
      const r = await runShiftStudy(
        tf,
        trainSet,
        testSet,
        { ...options, seed },
        {
          onProgress: (f, text) => progress((i + f) / seeds.length, `seed ${seed}: ${text}`),
        },
      );
      return shiftRunJson(r, seed, (Date.now() - t) / 1000);
    }),
  );
}
if (checkpointOnly) process.exit(0);
const seconds = runs.reduce((s, r) => s + r.seconds, 0);
console.error(`all seeds done (${((Date.now() - t0) / 1000).toFixed(0)} s this invocation)`);
const json = shiftStudyJson(runs, { ...options, seed: seeds[0]! }, name, seconds);
if (small) console.log(JSON.stringify(json));
else writeJson('src/data/autoencoder-shifts.json', json);
