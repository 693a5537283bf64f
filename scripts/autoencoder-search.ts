/**
 * The autoencoder study (ae-q1, ae-q2), in two parts that can be run separately:
 *   search   random search vs successive halving at equal budget, scored by an MNIST FID, at 3 seeds
 *   metric   the FID bias curve, feature-extractor dependence and memorisation test
 * Writes src/data/autoencoder-search.json (committed; the pages read it), replacing only the parts
 * run and recording in `parts` when each part ran, for how long and on which backend.
 *   node scripts/autoencoder-search.ts --part search   the search only (about 10 min alone on 2 cores)
 *   node scripts/autoencoder-search.ts --part metric   the rest (over an hour on 2 cores)
 *   node scripts/autoencoder-search.ts                 both
 *   node scripts/autoencoder-search.ts --small         the small version the unit test re-runs (stdout)
 *   --cache DIR   finished search seeds are kept there so that an interrupted run resumes
 *   --jobs N      run the search's seeds as N parallel processes first (default 2; 1 = in turn)
 *                 (default node_modules/.cache/autoencoder-search; delete it to start afresh)
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { nodeSource } from '../src/lib/data/mnist-node.ts';
import {
  runMetricPart,
  runSearchPart,
  runStudy,
  STUDY_FULL,
  STUDY_SMALL,
  type StudyResult,
} from '../src/lib/autoencoder/study.ts';
import {
  argValue,
  checkpoints,
  nodeBackend,
  progressWithEta,
  writeJson,
} from './autoencoder-common.ts';
import { seedScriptArgs, seedsInParallel } from './lib/seeds-in-parallel.ts';

const OUT = 'src/data/autoencoder-search.json';

/** When `path` was last committed (ISO date), or '' outside a git checkout. */
function lastCommitDate(path: string): string {
  try {
    return execSync(`git log -1 --format=%cI -- ${path}`, { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}
// A child of --jobs (checkpointOnly) computes and saves the search at its seeds, writes nothing else.
const { small, checkpointOnly, jobs, seeds: seedsArg } = seedScriptArgs();
const part = checkpointOnly ? 'search' : (argValue('part') ?? 'all');
if (!['search', 'metric', 'all'].includes(part)) throw new Error('--part is search, metric or all');
if (!small && part !== 'metric' && !checkpointOnly && jobs > 1)
  await seedsInParallel(seedsArg ?? STUDY_FULL.searchSeeds, { jobs });
const { tf, name } = await nodeBackend();
const saved = JSON.parse(readFileSync('src/data/autoencoder-feature-net.json', 'utf8'));
const trainSet = await nodeSource.load('train');
const testSet = await nodeSource.load('test');
const log = (s: string) => console.error(s);

if (small) {
  const result = await runStudy(tf, name, trainSet, testSet, saved, STUDY_SMALL, log);
  console.log(JSON.stringify(result));
} else {
  const previous = JSON.parse(readFileSync(OUT, 'utf8')) as StudyResult;
  const o = seedsArg ? { ...STUDY_FULL, searchSeeds: seedsArg } : STUDY_FULL;
  const {
    backend: _b,
    seconds: _s,
    ...kept
  } = previous as StudyResult & {
    backend?: string;
    seconds?: number;
  };
  const result: StudyResult = { ...kept, format: 'runnable-answers/ae-study@2', options: o };
  // A file from before the split into parts: its metric part ran with the old single-seed search.
  result.parts ??= {
    search: { ranAt: '', seconds: null, backend: name },
    metric: {
      ranAt: lastCommitDate(OUT),
      seconds: null,
      backend: (previous as unknown as { backend: string }).backend,
      note: `run together with the earlier single-seed search (budget 24 epochs per arm); both took ${Math.round((previous as unknown as { seconds: number }).seconds)} s`,
    },
  };
  if (part !== 'metric') {
    const ranAt = new Date().toISOString();
    const cache = checkpoints(argValue('cache') ?? 'node_modules/.cache/autoencoder-search');
    const key = `${o.search.trainImages}img-B${o.search.budget}-E${o.search.maxEpochs}`;
    result.search = await runSearchPart(tf, trainSet, testSet, saved, o, {
      log,
      onProgress: progressWithEta(),
      perSeed: (seed, run) => cache(`seed-${seed}-${key}`, run),
    });
    const seconds = result.search.runs.reduce((s, r) => s + r.seconds, 0);
    result.parts = { ...result.parts, search: { ranAt, seconds, backend: name } };
    if (checkpointOnly) process.exit(0);
  }
  if (part !== 'search') {
    const ranAt = new Date().toISOString();
    const t0 = Date.now();
    Object.assign(result, await runMetricPart(tf, trainSet, testSet, saved, o, log));
    result.parts = {
      ...result.parts,
      metric: { ranAt, seconds: (Date.now() - t0) / 1000, backend: name },
    };
  }
  writeJson(OUT, result);
}
