/**
 * `npm run experiments`: the MNIST robustness study in Node (tfjs on wasm, cpu fallback).
 *
 * The study is a list of parts (src/lib/robustness/study.ts): every model (baseline, each fix, the
 * general model, the sorted-pixel networks) with every seed. Each part runs in its own child process,
 * two at a time (tfjs wasm uses one core per process), and writes its own file; when all are done
 * (or some failed) the parts are merged into the results file. Writes
 *   public/models/robustness/baseline/model.json + weights.bin   the shipped baseline (float16)
 *   public/models/robustness/baseline/t4.npy.gz                  t4 as uint8 (N, 28, 28), gzip
 *   public/models/robustness/general/<piece>/model.json + .bin  the shipped general model
 *   src/data/robustness-parts/<part>.json                        one file per part
 *   src/data/robustness-results.json                             every number the pages state
 * Afterwards run `node scripts/robustness-layers.ts` (Layers-format copies of the shipped models).
 *
 * Options: --fast          tiny configuration into --out (default /tmp/robustness-fast), for the unit test
 *          --resume        keep finished part files and run only the missing parts
 *          --part ID       run only this part (e.g. t3-noise-seed2), in this process; or --part MODEL --seed N
 *          --merge         only merge the part files present into the results file
 *          --jobs N        parallel processes (default 2)
 *          --out DIR       write everything under DIR instead of the repository
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { mergeParts } from '../src/lib/robustness/merge.ts';
import type { PartResult } from '../src/lib/robustness/run-part.ts';
import { FAST_CONFIG, FULL_CONFIG, partId, planParts } from '../src/lib/robustness/study.ts';
import { runParallel } from './lib/run-parallel.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const fast = flag('--fast');
const root = option('--out') ?? (fast ? '/tmp/robustness-fast' : join(import.meta.dirname, '..'));
const cfg = fast ? FAST_CONFIG : FULL_CONFIG;
const plan = planParts(cfg);
const modelDir = join(root, 'public/models/robustness/baseline');
const generalDir = join(root, 'public/models/robustness/general');
const partsDir = join(root, 'src/data/robustness-parts');
const resultsPath = join(root, 'src/data/robustness-results.json');
for (const d of [modelDir, partsDir]) mkdirSync(d, { recursive: true });
const child = option('--child');
// A child's lines reach the terminal through the parent, which puts the time and part in front.
const log = (s: string) =>
  console.log(child ? s : `[${new Date().toISOString().slice(11, 19)}] ${s}`);
const partFile = (id: string) => join(partsDir, `${id}.json`);

const writeJson = (path: string, v: unknown) =>
  writeFileSync(
    path,
    JSON.stringify(
      v,
      (_, x) => (typeof x === 'number' && !Number.isInteger(x) ? Number(x.toPrecision(6)) : x),
      1,
    ) + '\n',
  );

type PartFile = PartResult & { backend: string };

function merge() {
  const parts = plan
    .filter((p) => existsSync(partFile(p.id)))
    .map((p) => JSON.parse(readFileSync(partFile(p.id), 'utf8')) as PartFile);
  const results = mergeParts(cfg, parts, [...new Set(parts.map((p) => p.backend))].join(', '));
  writeJson(resultsPath, results);
  log(
    `wrote ${resultsPath} (${parts.length}/${plan.length} parts${results.missing.length ? `; missing: ${results.missing.join(', ')}` : ''})`,
  );
}

/** Run one part in this process and write its file. */
async function runOne(id: string) {
  const part = plan.find((p) => p.id === id);
  if (!part) throw new Error(`No part ${id}; parts: ${plan.map((p) => p.id).join(', ')}`);
  const { initBackend } = await import('../src/lib/backend/index.ts');
  const { nodeSource } = await import('../src/lib/data/mnist-node.ts');
  const { parseNpy, writeNpy } = await import('../src/lib/data/npy.ts');
  const { runPart } = await import('../src/lib/robustness/run-part.ts');
  const { fromSplit } = await import('../src/lib/robustness/variants.ts');
  const { mlpFromArtifacts, serializeMLP } = await import('../src/lib/robustness/weights.ts');
  const { serializeGeneral } = await import('../src/lib/robustness/general-weights.ts');
  const require = createRequire(import.meta.url);
  const wasmPath =
    dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';
  const backend = await initBackend({ prefer: process.env.ROBUST_BACKEND ?? 'wasm', wasmPath });
  const tf = backend.tf;
  const t4Path = join(modelDir, 't4.npy.gz');
  const needsT4 = part.needs.length > 0;
  const meta = {
    ...(part.model === 'general' ? cfg.general : cfg.budget),
    seed: part.seed,
    optimizer: 'adam',
    loss: 'softmax cross-entropy',
  };
  const result = await runPart(tf, part, {
    cfg,
    train: fromSplit(await nodeSource.load('train')),
    test: fromSplit(await nodeSource.load('test')),
    t4: needsT4
      ? (parseNpy(new Uint8Array(gunzipSync(readFileSync(t4Path)))).data as Uint8Array)
      : undefined,
    log,
    progress: (f, what) => console.log(`@progress ${f.toFixed(4)} ${what}`),
    async ship(m) {
      const { json, bin } = await serializeMLP(m, 'weights.bin', {
        task: 'FiveAI MNIST robustness baseline',
        ...meta,
      });
      writeFileSync(join(modelDir, 'model.json'), JSON.stringify(json) + '\n');
      writeFileSync(join(modelDir, 'weights.bin'), bin);
      log(`wrote ${modelDir}/model.json and weights.bin (float16)`);
      return mlpFromArtifacts(tf, json, bin, 'baseline-shipped');
    },
    t4Bytes(bytes) {
      writeFileSync(t4Path, gzipSync(writeNpy(bytes, [bytes.length / 784, 28, 28]), { level: 9 }));
      log(`wrote ${t4Path}`);
    },
    async shipGeneral(g) {
      const pieces = await serializeGeneral(g, { task: 'FiveAI MNIST general model', ...meta });
      for (const [piece, { json, bin }] of Object.entries(pieces)) {
        mkdirSync(join(generalDir, piece), { recursive: true });
        writeFileSync(join(generalDir, piece, 'model.json'), JSON.stringify(json) + '\n');
        writeFileSync(join(generalDir, piece, 'weights.bin'), bin);
      }
      log(`wrote the general model under ${generalDir}`);
    },
  });
  writeJson(partFile(id), { backend: backend.name, ...result });
  log(`wrote ${partFile(id)}`);
}

const only = option('--part');
if (child) await runOne(child);
else if (only) {
  await runOne(option('--seed') ? partId(only, Number(option('--seed'))) : only);
  merge();
} else if (flag('--merge')) merge();
else {
  if (!flag('--resume'))
    for (const f of readdirSync(partsDir)) rmSync(join(partsDir, f), { force: true });
  const done = new Set(plan.filter((p) => existsSync(partFile(p.id))).map((p) => p.id));
  log(
    `${fast ? 'fast' : 'full'} configuration: ${plan.length} parts, ${done.size} already done; ${option('--jobs') ?? 2} at a time`,
  );
  const t0 = performance.now();
  const failed = await runParallel(
    plan,
    { done, running: new Map() },
    {
      slots: Number(option('--jobs') ?? 2),
      command: (p) => ({
        cmd: process.execPath,
        args: [
          import.meta.filename,
          '--child',
          p.id,
          ...(fast ? ['--fast'] : []),
          ...(option('--out') ? ['--out', root] : []),
        ],
      }),
      log,
    },
  );
  log(`all parts finished in ${((performance.now() - t0) / 60000).toFixed(1)} min`);
  merge();
  if (failed.length) {
    log(`failed parts: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}
