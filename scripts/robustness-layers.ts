/**
 * Writes model-layers.json next to every model.json under public/models/robustness (the baseline,
 * and each piece of the general model in general/<piece>/): the robustness models in TensorFlow.js's
 * Layers format, so that tf.loadLayersModel('…/model-layers.json') loads them. The file reads the
 * same weights.bin as the site's own model.json (no second copy of the weights).
 *   node scripts/robustness-layers.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { layersJsonFor } from '../src/lib/models/layers-format.ts';
import type { ModelJson } from '../src/lib/robustness/weights.ts';

const root = process.argv[2] ?? 'public/models/robustness';
const modelFiles = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
  (f) => f.endsWith('model.json') && !f.endsWith('-layers.json'),
);
for (const rel of modelFiles.sort()) {
  const json = JSON.parse(readFileSync(join(root, rel), 'utf8')) as ModelJson;
  const out = join(root, rel.replace(/model\.json$/, 'model-layers.json'));
  writeFileSync(out, JSON.stringify(layersJsonFor(tf, json)) + '\n');
  console.log(`wrote ${out}`);
}
