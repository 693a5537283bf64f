/**
 * The general model on disk: one folder per sub-network (its five input layers and the shared
 * trunk), each an ordinary model.json + weights.bin of this site (float16), so the baseline's loader
 * reads every piece. public/models/robustness/general/<clean|t1|t2|t3|t4|trunk>/.
 */
import type * as TF from '@tensorflow/tfjs';
import type { MLP } from '../models/mlp.ts';
import { generalFrom, type GeneralModel } from './general.ts';
import { VARIANTS, type VariantId } from './variants.ts';
import { fetchMLP, serializeMLP, type ModelJson } from './weights.ts';

export const GENERAL_PIECES = [...VARIANTS, 'trunk'] as const;
export type GeneralPiece = (typeof GENERAL_PIECES)[number];

/** model.json contents and weight bytes of each piece. */
export async function serializeGeneral(
  g: GeneralModel,
  meta: Record<string, unknown>,
): Promise<Record<GeneralPiece, { json: ModelJson; bin: Uint8Array }>> {
  const out = {} as Record<GeneralPiece, { json: ModelJson; bin: Uint8Array }>;
  for (const p of GENERAL_PIECES)
    out[p] = await serializeMLP(p === 'trunk' ? g.trunk : g.inputs[p], 'weights.bin', {
      ...meta,
      piece: p,
    });
  return out;
}

/** Load the general model from its folder URL (browser, or Node with a fetch). */
export async function fetchGeneral(
  tf: typeof TF,
  folderUrl: string,
  o: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<GeneralModel> {
  const base = folderUrl.endsWith('/') ? folderUrl : folderUrl + '/';
  const loaded: MLP[] = [];
  try {
    for (const p of GENERAL_PIECES) loaded.push(await fetchMLP(tf, `${base}${p}/`, o));
  } catch (e) {
    loaded.forEach((m) => m.dispose());
    throw e;
  }
  const inputs = Object.fromEntries(VARIANTS.map((v, i) => [v, loaded[i]!])) as Record<
    VariantId,
    MLP
  >;
  return generalFrom(tf, inputs, loaded.at(-1)!);
}
