import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

const results = JSON.parse(readFileSync('src/data/robustness-results.json', 'utf8'));

test('/bench/ on wasm: training rows, then the 50,000-image evaluation with the experiment script’s accuracies, on a thread per core', async ({
  page,
  consoleErrors,
}) => {
  test.skip(test.info().project.name === 'webgpu', 'backend forced: once is enough');
  await page.goto('/bench/?run=1&backend=wasm&steps=2&batch=64&eval=1');
  await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, null, {
    timeout: 120_000,
  });
  const r = (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as {
    error?: string;
    backend: string;
    detail: string;
    evaluation: { images: number; seconds: number; accuracy: Record<string, number> };
  };
  expect(r.error).toBeUndefined();
  expect(r.backend).toBe('wasm');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  expect(r.detail).toBe(
    cores >= 2 ? `wasm · ${Math.min(8, cores)} threads · simd` : 'wasm · single-thread · simd',
  );
  expect(r.evaluation.images).toBe(50_000);
  const scripted = (results as { baseline: { eval: Record<string, { accuracy: number }> } })
    .baseline.eval;
  for (const v of ['clean', 't1', 't2', 't3', 't4'])
    expect(r.evaluation.accuracy[v], v).toBeCloseTo(scripted[v]!.accuracy, 6);
  await expect(page.locator('#out')).toContainText(
    /evaluation of the shipped model on clean \+ t1 \+ t2 \+ t3 \+ t4 \(50,000 images\): \d+\.\d\d s/,
  );
  expect(consoleErrors).toEqual([]);
});
