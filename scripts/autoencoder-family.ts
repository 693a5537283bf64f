/**
 * The task's research questions inside its architecture family (src/lib/autoencoder/family-study.ts):
 * one knob at a time around AutoEncoder(784, 20). Writes src/data/autoencoder-family.json (committed;
 * the ae-q1 page reads it).
 *   node scripts/autoencoder-family.ts            full version (about 10 minutes on 2 busy CPU cores)
 *   node scripts/autoencoder-family.ts --small    a small version, to stdout
 */
import { readFileSync } from 'node:fs';
import { nodeSource } from '../src/lib/data/mnist-node.ts';
import { classifierFeatures } from '../src/lib/autoencoder/features.ts';
import { FAMILY_FULL, FAMILY_SMALL, runFamilyStudy } from '../src/lib/autoencoder/family-study.ts';
import { nodeBackend, writeJson } from './autoencoder-common.ts';

const small = process.argv.includes('--small');
const options = small ? FAMILY_SMALL : FAMILY_FULL;
const { tf, name } = await nodeBackend();
const features = classifierFeatures(
  tf,
  JSON.parse(readFileSync('src/data/autoencoder-feature-net.json', 'utf8')),
);
const t0 = Date.now();
try {
  const variants = await runFamilyStudy(
    tf,
    await nodeSource.load('train'),
    await nodeSource.load('test'),
    features,
    options,
    (l) => console.error(l),
  );
  const json = {
    format: 'runnable-answers/ae-family@1',
    backend: name,
    options,
    features: features.name,
    seconds: (Date.now() - t0) / 1000,
    variants,
  };
  if (small) console.log(JSON.stringify(json));
  else writeJson('src/data/autoencoder-family.json', json);
} finally {
  features.dispose();
}
