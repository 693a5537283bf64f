/**
 * Engine training and inference rates per CPU-second of this process, for the 8-layer MLP on Node
 * wasm, using the engine of any checkout (the random stand-in data always comes from this tree) —
 * for before/after tables on a shared machine:
 *   git archive <commit> src tests/helpers | tar -x -C /tmp/before && ln -s $PWD/node_modules /tmp/before/
 *   node scripts/bench-checkout.ts /tmp/before     (or . for this tree)
 */
import { resolve } from 'node:path';
import { CLASSES, PIXELS } from '../src/lib/data/mnist-geometry.ts';
import { randomClassificationData } from '../src/lib/data/random-classification.ts';
import { normalArray, rng } from '../src/lib/util/random.ts';

const root = resolve(process.argv[2] ?? '.');
const { nodeTf } = await import(`${root}/tests/helpers/tf.ts`);
const { createMLP, FIVEAI_SIZES } = await import(`${root}/src/lib/models/mlp.ts`);
const { train } = await import(`${root}/src/lib/train/engine.ts`);
const { tf } = await nodeTf('wasm');
const cpuSeconds = async (run: () => Promise<unknown>) => {
  const since = process.cpuUsage();
  await run();
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
for (const batchSize of [64, 128]) {
  const steps = 20;
  const n = steps * batchSize;
  const r = rng(42);
  const { xs, ys } = randomClassificationData(tf, r, n, PIXELS, CLASSES);
  const images = tf.tensor2d(normalArray(2000 * PIXELS, 1, r), [2000, PIXELS]);
  const model = createMLP(tf, FIVEAI_SIZES, { seed: 1 });
  const trainRun = (maxSteps: number) =>
    cpuSeconds(() =>
      train({
        tf,
        model,
        xs,
        ys,
        optimizer: { name: 'adam', learningRate: 1e-3 },
        epochs: 1,
        batchSize,
        maxSteps,
      }),
    );
  const inferRun = () =>
    cpuSeconds(async () => {
      for (let i = 0; i < 5; i++) {
        const labels = tf.tidy(() => tf.argMax(model.predict(images), 1));
        await labels.data();
        labels.dispose();
      }
    });
  await trainRun(3);
  const trainSec = Math.min(await trainRun(steps), await trainRun(steps));
  await inferRun();
  const inferSec = Math.min(await inferRun(), await inferRun());
  console.log(
    `${root} batch ${batchSize}: engine ${(n / trainSec).toFixed(0)} samples per CPU-second; inference ${(10000 / inferSec).toFixed(0)} samples per CPU-second`,
  );
  model.dispose();
  tf.dispose([xs, ys, images]);
}
