/**
 * Weak devices (issue 18, item 5) on the robustness train page's heavy demo, at a 390 px viewport:
 * a phone with little memory, or a browser without WebGPU and WebGL, sees the committed result first;
 * pressing Train first times a few steps and states the estimated time and the download, offering
 * "Run anyway" and the precomputed result; the probe frees its tensors; "Run anyway" trains.
 */
import { readFileSync } from 'node:fs';
import { expect, expectNoLeak, pressRun, test } from './fixtures.ts';
import { show } from '../../src/lib/robustness/report.ts';
import { downloadBytes } from '../../src/lib/data/mnist-chunks.ts';
import type { Manifest } from '../../src/lib/data/mnist.ts';

const PAGE = '/mnist-robustness/train/';
const DEMO = '[data-demo="robust-train"]';
const results = JSON.parse(readFileSync('src/data/robustness-results.json', 'utf8'));
const accuracy = show(results, 'baseline.eval.clean.accuracy', 2);

test.use({ viewport: { width: 390, height: 844 } });

test('the committed result is a number from the results file', () => {
  expect(accuracy).toMatch(/^\d+(\.\d+)?\s%$/);
});

test('a phone with 4 GB: precomputed result first; Train estimates time and download; Run anyway trains', async ({
  page,
  consoleErrors,
  outside,
}) => {
  await page.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, 'deviceMemory', {
      get: () => 4,
      configurable: true,
    }),
  );
  // The first view depends on the device, not on the backend; wasm keeps the two runs below quick
  // (the last test probes on the page's own backend).
  await page.goto(`${PAGE}?backend=wasm`);
  const demo = page.locator(DEMO);
  await expect(demo).toHaveAttribute('data-first-view', 'precomputed');
  const precomputed = demo.locator('[data-role=precomputed]');
  await expect(precomputed).toBeVisible();
  await expect(precomputed).toContainText(accuracy);
  const status = demo.locator('[data-role=status]');
  await expect(status).toContainText('phone with 4 GB of memory');
  const box = (await precomputed.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);

  // A small run, so that "Run anyway" finishes quickly.
  await demo.locator('[name=n]').selectOption('1000');
  await demo.locator('[name=epochs]').fill('1');
  await demo.locator('[name=test]').selectOption('1000');
  await demo.locator('[data-role=run]').focus();
  await page.keyboard.press('Enter');
  await expect(demo).toHaveAttribute('data-state', 'estimated', { timeout: 120_000 });
  await expectNoLeak(demo);
  const manifest = (await (await page.request.get('/data/mnist/manifest.json')).json()) as Manifest;
  const mb = (
    (downloadBytes(manifest.splits.train, 1000) + downloadBytes(manifest.splits.test, 1000)) /
    1e6
  ).toFixed(1);
  await expect(status).toHaveText(
    new RegExp(
      `^Estimated: (under a second|about \\d+(\\.\\d)? (s|min|h)) of training on this device \\(median of 5 timed steps\\), and a download of up to ${mb.replace('.', '\\.')} MB\\.`,
    ),
  );
  expect(Number(await demo.getAttribute('data-estimate-seconds'))).toBeGreaterThan(0);
  const runAnyway = demo.getByRole('button', { name: 'Run anyway' });
  await expect(runAnyway).toBeFocused();
  await expect(demo.getByRole('button', { name: 'Show the precomputed result' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(demo).toHaveAttribute('data-state', /^(done|failed|cancelled)$/, {
    timeout: 240_000,
  });
  await expect(demo).toHaveAttribute('data-state', 'done');
  await expectNoLeak(demo);
  await expect(runAnyway).toBeHidden();
  await expect(demo.locator('[data-out=result]')).toContainText('Test accuracy on 1,000 images');
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('without WebGPU and WebGL the precomputed result comes first', async ({
  page,
  consoleErrors,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (
      this: HTMLCanvasElement,
      type: string,
      ...rest: unknown[]
    ) {
      return /webgl/.test(type) ? null : (getContext as Function).call(this, type, ...rest);
    } as typeof getContext;
  });
  await page.goto(PAGE);
  const demo = page.locator(DEMO);
  await expect(demo).toHaveAttribute('data-first-view', 'precomputed');
  await expect(demo.locator('[data-role=precomputed]')).toContainText(accuracy);
  await expect(demo.locator('[data-role=status]')).toContainText('neither WebGPU nor WebGL');
  expect(consoleErrors).toEqual([]);
});

test('a device with a GPU API and no memory report starts live; the estimate offers the precomputed result', async ({
  page,
  consoleErrors,
}) => {
  await page.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, 'deviceMemory', {
      get: () => undefined,
      configurable: true,
    }),
  );
  await page.goto(PAGE);
  const gpuApi = await page.evaluate(() =>
    Boolean((navigator as { gpu?: unknown }).gpu)
      ? true
      : document.createElement('canvas').getContext('webgl') !== null,
  );
  test.skip(!gpuApi, 'this browser offers neither WebGPU nor WebGL (the test above covers it)');
  const demo = page.locator(DEMO);
  const precomputed = demo.locator('[data-role=precomputed]');
  await expect(demo).toHaveAttribute('data-first-view', 'live');
  await expect(precomputed).toBeHidden();
  await demo.locator('[name=n]').selectOption('1000');
  await pressRun(demo);
  await expect(demo).toHaveAttribute('data-state', 'estimated', { timeout: 120_000 });
  await expectNoLeak(demo);
  await demo.getByRole('button', { name: 'Show the precomputed result' }).click();
  await expect(precomputed).toBeVisible();
  await expect(precomputed).toBeFocused();
  await expect(precomputed).toContainText(accuracy);
  expect(consoleErrors).toEqual([]);
});
