/**
 * Export of a run's results (browser): an island hands its results to ctx.result (and, when it
 * trained a tfjs LayersModel, the model to ctx.model) and, after a run that finished, the frame
 * offers them as files — JSON (with the settings and backend), CSV (the table), and the model as
 * model.json + weights.bin that tf.loadLayersModel reads. The model is serialised at once, so the
 * island may dispose it; nothing here holds tensors.
 */
import {
  exportFileName,
  recordsToTable,
  resultsJson,
  toCsv,
  type CellValue,
  type ResultTable,
} from '../../lib/export/results.ts';
import type { BackendInfo } from '../../lib/backend/index.ts';

type Tf = BackendInfo['tf'];
type LayersModel = import('@tensorflow/tfjs').LayersModel;

/** What a run can export: its results (any JSON) and, optionally, a table for the CSV. */
export interface RunResult {
  results: unknown;
  table?: ResultTable | Record<string, CellValue>[];
}

function download(name: string, data: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** model.json and its weights file, as tf.io would write them with browserDownloads. */
async function serialise(tf: Tf, model: LayersModel, base: string) {
  let files: { json: string; weights: ArrayBuffer } | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights =
        artifacts.weightData instanceof ArrayBuffer
          ? artifacts.weightData
          : tf.io.concatenateArrayBuffers(artifacts.weightData as ArrayBuffer[]);
      const json = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [`./${base}.weights.bin`], weights: artifacts.weightSpecs }],
      };
      files = { json: JSON.stringify(json), weights };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return files!;
}

/** The frame's export row: cleared when a run starts, filled by the island, shown when the run is done. */
export function exportRow(root: HTMLElement, demo: string) {
  const row = root.querySelector<HTMLElement>('[data-role=export]');
  const button = (role: string) =>
    row?.querySelector<HTMLButtonElement>(`[data-role=${role}]`) ?? null;
  let result: RunResult | null = null;
  let model: Promise<{ json: string; weights: ArrayBuffer }> | null = null;
  let meta = { demo, settings: {} as Record<string, string>, backend: '', time: '' };

  button('download-json')?.addEventListener(
    'click',
    () =>
      result &&
      download(
        exportFileName(demo, 'results', 'json'),
        resultsJson(meta, result.results),
        'application/json',
      ),
  );
  button('download-csv')?.addEventListener('click', () => {
    if (!result?.table) return;
    const table = Array.isArray(result.table) ? recordsToTable(result.table) : result.table;
    download(exportFileName(demo, 'results', 'csv'), toCsv(table), 'text/csv');
  });
  button('download-model')?.addEventListener('click', async () => {
    const files = await model;
    if (!files) return;
    download(`${exportFileName(demo, 'model', 'json')}`, files.json, 'application/json');
    download(
      `${exportFileName(demo, 'model', 'json').replace(/\.json$/, '')}.weights.bin`,
      files.weights,
      'application/octet-stream',
    );
  });

  return {
    /** A run starts: forget the last run's files. */
    reset(settings: Record<string, string>, backend: string) {
      result = null;
      model = null;
      meta = { demo, settings, backend, time: new Date().toISOString() };
      if (row) row.hidden = true;
    },
    result(r: RunResult) {
      result = r;
    },
    model(tf: Tf, m: LayersModel) {
      const base = exportFileName(demo, 'model', 'json').replace(/\.json$/, '');
      model = serialise(tf, m, base);
      return model.then(() => undefined);
    },
    /** The run finished: offer what the island registered (nothing when it registered nothing). */
    offer() {
      if (!row || (!result && !model)) return;
      button('download-json')!.hidden = !result;
      button('download-csv')!.hidden = !result?.table;
      button('download-model')!.hidden = !model;
      row.hidden = false;
    },
  };
}
