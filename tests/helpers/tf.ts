/** Test helper: tfjs on a Node backend (cpu by default, wasm on request), chosen through src/lib/backend. */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { initBackend, type BackendInfo } from '../../src/lib/backend/index.ts';

const require = createRequire(import.meta.url);

export function wasmDir(): string {
  return (
    dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/'
  );
}

export async function nodeTf(prefer: 'cpu' | 'wasm' = 'cpu'): Promise<BackendInfo> {
  return initBackend({ prefer, wasmPath: wasmDir() });
}
