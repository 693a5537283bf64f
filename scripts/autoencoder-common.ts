/** Shared set-up of the autoencoder scripts: tfjs on wasm (cpu fallback) in Node, and JSON output. */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { initBackend, type BackendInfo } from '../src/lib/backend/index.ts';

const require = createRequire(import.meta.url);

/** Start tfjs in Node on `AE_BACKEND` (default wasm). */
export async function nodeBackend(): Promise<BackendInfo> {
  const wasmPath =
    dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';
  const b = await initBackend({ prefer: process.env.AE_BACKEND ?? 'wasm', wasmPath });
  console.error(`tfjs backend: ${b.name}${b.notes.length ? ` (${b.notes.join('; ')})` : ''}`);
  return b;
}

/** Write JSON with a trailing newline. */
export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 1) + '\n');
  console.error(`wrote ${path}`);
}
