/**
 * Train the FID feature classifier (784-64-32-10) on all 60,000 MNIST training images and write its
 * weights to src/data/autoencoder-feature-net.json. Deterministic for a given backend.
 *   node scripts/autoencoder-features.ts
 */
import { nodeSource } from '../src/lib/data/mnist-node.ts';
import { trainFeatureNet } from '../src/lib/autoencoder/feature-net.ts';
import { nodeBackend, writeJson } from './autoencoder-common.ts';

const { tf } = await nodeBackend();
const saved = await trainFeatureNet(
  tf,
  await nodeSource.load('train'),
  await nodeSource.load('test'),
  { epochs: 4, batchSize: 128, learningRate: 1e-3, seed: 1 },
);
console.error(`test accuracy ${(100 * Number(saved.info.testAccuracy)).toFixed(2)} %`);
writeJson('src/data/autoencoder-feature-net.json', saved);
