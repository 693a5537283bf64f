/** Shared set-up of the autoencoder scripts: tfjs on wasm (cpu fallback) in Node, and JSON output. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** Command-line value after `--name` (undefined when absent). */
export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * A progress reporter for long scripts: prints the overall percentage, the elapsed time and an ETA
 * (elapsed × remaining / done) to stderr, at most every `everySeconds`.
 */
export function progressWithEta(everySeconds = 15): (fraction: number, text: string) => void {
  const t0 = Date.now();
  let last = -Infinity;
  const mmss = (s: number) =>
    `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return (fraction, text) => {
    const now = Date.now();
    if (now - last < everySeconds * 1000 && fraction < 1) return;
    last = now;
    const elapsed = (now - t0) / 1000;
    const eta = fraction > 0 ? mmss((elapsed * (1 - fraction)) / fraction) : '?';
    console.error(
      `[${(100 * fraction).toFixed(1)} %, ${mmss(elapsed)} elapsed, ETA ${eta}] ${text}`,
    );
  };
}

/**
 * Resumable parts of a long run: `part(key, compute)` returns the result saved under `dir/key.json`
 * by an earlier (possibly interrupted) run, or computes, saves and returns it.
 */
export function checkpoints(dir: string) {
  mkdirSync(dir, { recursive: true });
  return async function part<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const file = `${dir}/${key}.json`;
    if (existsSync(file)) {
      console.error(`resuming: ${file} already done`);
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    }
    const value = await compute();
    writeFileSync(file, JSON.stringify(value));
    return value;
  };
}
