/**
 * Save and load an MLP in TensorFlow.js's weights format: a JSON file with a `weightsManifest`
 * (names, shapes, dtype, float16 quantisation) and one binary shard, decoded with tf.io.decodeWeights.
 * float16 halves the download (≈2 MB for the task's network) at a relative rounding error ≤ 2⁻¹¹.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, type MLP } from '../models/mlp.ts';

export interface ModelJson {
  format: 'runnable-answers/mlp@1';
  sizes: number[];
  /** Activation of the last layer when it is not linear (e.g. the general model's ReLU input layers). */
  output?: 'relu';
  /** Free-form provenance (script, seed, epochs …). */
  meta?: Record<string, unknown>;
  weightsManifest: {
    paths: string[];
    weights: {
      name: string;
      shape: number[];
      dtype: 'float32';
      quantization?: { dtype: 'float16' };
    }[];
  }[];
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half-precision bits of x, rounded to nearest even (overflow → ±Inf). */
export function toFloat16Bits(x: number): number {
  f32[0] = x;
  const b = u32[0]!;
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  let mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  return sign | half;
}

/** Serialise an MLP: model.json contents and the bytes of `weightsFile`. */
export async function serializeMLP(
  model: MLP,
  weightsFile = 'weights.bin',
  meta?: Record<string, unknown>,
): Promise<{ json: ModelJson; bin: Uint8Array }> {
  const specs: ModelJson['weightsManifest'][0]['weights'] = [];
  const chunks: Uint16Array[] = [];
  for (const [i, l] of model.layers.entries()) {
    for (const [kind, v] of [
      ['w', l.w],
      ['b', l.b],
    ] as const) {
      const data = (await v.data()) as Float32Array;
      chunks.push(Uint16Array.from(data, toFloat16Bits));
      specs.push({
        name: `${kind}${i}`,
        shape: [...v.shape],
        dtype: 'float32',
        quantization: { dtype: 'float16' },
      });
    }
  }
  const total = chunks.reduce((s, c) => s + c.length, 0);
  const all = new Uint16Array(total);
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.length;
  }
  return {
    json: {
      format: 'runnable-answers/mlp@1',
      sizes: [...model.sizes],
      ...(model.layers.at(-1)!.activation === 'relu' ? { output: 'relu' as const } : {}),
      meta,
      weightsManifest: [{ paths: [weightsFile], weights: specs }],
    },
    bin: new Uint8Array(all.buffer),
  };
}

/** Build an MLP (ReLU hidden layers, linear output unless json.output says otherwise) from model.json contents and its weight bytes. */
export function mlpFromArtifacts(
  tf: typeof TF,
  json: ModelJson,
  bin: Uint8Array,
  name?: string,
): MLP {
  if (json?.format !== 'runnable-answers/mlp@1')
    throw new Error('Not a model file of this site (unknown format).');
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const expected = specs.reduce(
    (s, w) => s + w.shape.reduce((a, b) => a * b, 1) * (w.quantization ? 2 : 4),
    0,
  );
  if (bin.byteLength !== expected)
    throw new Error(
      `The weight file has ${bin.byteLength} bytes, expected ${expected}: it is truncated or does not belong to this model.`,
    );
  const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
  const tensors = tf.io.decodeWeights(buffer, specs);
  const model = createMLP(tf, json.sizes, { init: 'zeros', name, output: json.output });
  try {
    model.layers.forEach((l, i) => {
      for (const [kind, v] of [
        ['w', l.w],
        ['b', l.b],
      ] as const) {
        const t = tensors[`${kind}${i}`];
        if (!t || t.shape.join() !== v.shape.join())
          throw new Error(`Weight ${kind}${i} is missing or has the wrong shape.`);
        v.assign(t);
      }
    });
    return model;
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    Object.values(tensors).forEach((t) => t.dispose());
  }
}

/** Fetch model.json and its shard from a folder URL (browser, or Node with a fetch), and build the MLP. */
export async function fetchMLP(
  tf: typeof TF,
  folderUrl: string,
  o: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<MLP> {
  const f = o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const base = folderUrl.endsWith('/') ? folderUrl : folderUrl + '/';
  const res = await f(base + 'model.json', { signal: o.signal });
  if (!res.ok)
    throw new Error(
      `Could not load the model (${base}model.json: HTTP ${res.status}). Rebuild the site or run "npm run experiments".`,
    );
  const json = (await res.json()) as ModelJson;
  const path = json.weightsManifest?.[0]?.paths?.[0];
  if (!path) throw new Error('The model file lists no weights.');
  const wres = await f(base + path, { signal: o.signal });
  if (!wres.ok)
    throw new Error(`Could not load the model weights (${base}${path}: HTTP ${wres.status}).`);
  return mlpFromArtifacts(tf, json, new Uint8Array(await wres.arrayBuffer()));
}
