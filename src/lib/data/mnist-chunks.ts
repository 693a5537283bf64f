/**
 * The site serves each split's images in chunks of consecutive images (scripts/build-mnist.ts), so a
 * run that needs the first n images downloads only the chunks that hold them: ⌈n / chunk⌉ files
 * instead of the whole split. Labels are small and come whole. Pure arithmetic, shared by the loader,
 * the build step and the controls that show the download size before a run.
 */

/** Images per chunk file written by the build (the last chunk of a split may hold fewer). */
export const CHUNK_IMAGES = 1000;

/** A file as the manifest describes it. */
export interface ManifestFile {
  path: string;
  /** Size of the compressed file as served. */
  bytes: number;
  /** Size after decompression. */
  rawBytes: number;
  /** SHA-256 (hex) of the decompressed bytes. */
  sha256: string;
  /** [count, 28, 28] for images, [count] for labels. */
  shape: number[];
}

/** One split: its labels in one file, its images in consecutive chunks. */
export interface ManifestSplit {
  count: number;
  labels: ManifestFile;
  images: ManifestFile[];
}

/** [start, end) image ranges of the chunks of a split of `count` images. */
export function chunkRanges(count: number, chunk = CHUNK_IMAGES): [number, number][] {
  if (!(chunk >= 1)) throw new Error(`chunk size must be at least 1, not ${chunk}`);
  const out: [number, number][] = [];
  for (let start = 0; start < count; start += chunk)
    out.push([start, Math.min(count, start + chunk)]);
  return out;
}

/** How many leading chunks hold the first `first` images (all chunks when `first` is undefined). */
export function chunksFor(chunks: readonly Pick<ManifestFile, 'shape'>[], first?: number): number {
  if (first === undefined) return chunks.length;
  let held = 0;
  for (let k = 0; k < chunks.length; k++) {
    if (held >= first) return k;
    held += chunks[k]!.shape[0]!;
  }
  return chunks.length;
}

/** The files a load of the first `first` images fetches (all when undefined): labels, then chunks. */
export function filesFor(split: ManifestSplit, first?: number): ManifestFile[] {
  return [split.labels, ...split.images.slice(0, chunksFor(split.images, first))];
}

/** Bytes downloaded to get the first `first` images of a split (all when undefined). */
export function downloadBytes(split: ManifestSplit, first?: number): number {
  return filesFor(split, first).reduce((s, f) => s + f.bytes, 0);
}
