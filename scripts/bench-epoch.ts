/** `node scripts/bench-epoch.ts`: only the one-epoch MNIST measurement of `npm run bench -- --mnist-epoch`. */
import { initBackend } from '../src/lib/backend/index.ts';
import { wasmDir } from '../tests/helpers/tf.ts';
import { mnistEpoch } from './bench-mnist-epoch.ts';

const { tf } = await initBackend({ prefer: 'wasm', wasmPath: wasmDir() });
console.log(await mnistEpoch(tf));
