/**
 * gen-q1 / gen-q2 results: uncertainty methods and OOD scores on shifted MNIST. Writes
 * src/data/autoencoder-shifts.json (committed; the pages read it).
 *   node scripts/autoencoder-shifts.ts            full version (a few minutes on 2 CPU cores)
 *   node scripts/autoencoder-shifts.ts --small    the small version the unit test re-runs (to stdout)
 */
import { nodeSource } from '../src/lib/data/mnist-node.ts';
import { shiftStudyJson, SHIFT_STUDY_SMALL } from '../src/lib/autoencoder/shift-study-json.ts';
import { runShiftStudy, SHIFT_STUDY_DEFAULTS } from '../src/lib/autoencoder/shift-study.ts';
import { nodeBackend, writeJson } from './autoencoder-common.ts';

const small = process.argv.includes('--small');
const { tf, name } = await nodeBackend();
const options = small ? SHIFT_STUDY_SMALL : SHIFT_STUDY_DEFAULTS;
const t0 = Date.now();
let shown = -1;
const r = await runShiftStudy(
  tf,
  await nodeSource.load('train'),
  await nodeSource.load('test'),
  options,
  {
    onProgress: (f, t) => {
      const pct = Math.floor(20 * f) * 5;
      if (pct !== shown) console.error(`${(shown = pct)} % ${t}`);
    },
  },
);
const json = shiftStudyJson(r, options, name, (Date.now() - t0) / 1000);
if (small) console.log(JSON.stringify(json));
else writeJson('src/data/autoencoder-shifts.json', json);
