/**
 * The autoencoder study (ae-q1, ae-q2): random search vs successive halving scored by an MNIST FID,
 * then the FID bias curve, feature-extractor dependence and memorisation test. Writes
 * src/data/autoencoder-search.json (committed; the pages read it).
 *   node scripts/autoencoder-search.ts            full version (~15–30 min on 2 CPU cores)
 *   node scripts/autoencoder-search.ts --small    the small version the unit test re-runs (to stdout)
 */
import { readFileSync } from 'node:fs';
import { nodeSource } from '../src/lib/data/mnist-node.ts';
import { runStudy, STUDY_FULL, STUDY_SMALL } from '../src/lib/autoencoder/study.ts';
import { nodeBackend, writeJson } from './autoencoder-common.ts';

const small = process.argv.includes('--small');
const { tf, name } = await nodeBackend();
const saved = JSON.parse(readFileSync('src/data/autoencoder-feature-net.json', 'utf8'));
const result = await runStudy(
  tf,
  name,
  await nodeSource.load('train'),
  await nodeSource.load('test'),
  saved,
  small ? STUDY_SMALL : STUDY_FULL,
  (s) => console.error(s),
);
if (small) console.log(JSON.stringify(result));
else writeJson('src/data/autoencoder-search.json', result);
console.error(`done in ${result.seconds.toFixed(0)} s`);
