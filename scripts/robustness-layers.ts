/**
 * Writes public/models/robustness/<variant>/model-layers.json: the robustness models in
 * TensorFlow.js's Layers format, so that tf.loadLayersModel('…/model-layers.json') loads them. The
 * file reads the same weights.bin as the site's own model.json (no second copy of the weights).
 *   node scripts/robustness-layers.ts            (every folder under public/models/robustness)
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { layersJsonFor } from '../src/lib/models/layers-format.ts';
import type { ModelJson } from '../src/lib/robustness/weights.ts';

const root = 'public/models/robustness';
for (const variant of readdirSync(root)) {
  const file = join(root, variant, 'model.json');
  if (!existsSync(file)) continue;
  const json = JSON.parse(readFileSync(file, 'utf8')) as ModelJson;
  const out = join(root, variant, 'model-layers.json');
  writeFileSync(out, JSON.stringify(layersJsonFor(tf, json)) + '\n');
  console.log(`wrote ${out}`);
}
