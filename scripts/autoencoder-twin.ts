/**
 * Prints (to stdout, as JSON) the TypeScript side of the autoencoder cross-check: the task's contract,
 * the weights of a seeded task autoencoder in PyTorch's layout, a fixed input and this side's codes,
 * reconstructions and loss on it (src/lib/autoencoder/twin.ts). Run by tests/python/test_autoencoder.py.
 *   node scripts/autoencoder-twin.ts [--seed N]      (cpu backend: plain float32 arithmetic)
 */
import { parseArgs } from 'node:util';
import { initBackend } from '../src/lib/backend/index.ts';
import { twinSnapshot } from '../src/lib/autoencoder/twin.ts';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '7' } } });
const { tf } = await initBackend({ prefer: 'cpu' });
const before = tf.memory().numTensors;
const snapshot = await twinSnapshot(tf, Number(values.seed));
if (tf.memory().numTensors !== before) throw new Error('twinSnapshot leaked tensors');
process.stdout.write(JSON.stringify(snapshot) + '\n');
