import { cancelWhile, expect, expectNoLeak, refuses, runDemo, test } from './fixtures.ts';
import type { Locator } from '@playwright/test';

const BASE = '/neural-networks/training/';

const fill = (demo: Locator, name: string, value: string) =>
  demo.locator(`[name=${name}]`).fill(value);

test('learning-rate demo: five curves, a table, cancel frees every tensor', async ({
  page,
  consoleErrors,
  outside,
}) => {
  await page.goto(BASE + 'learning-rate-and-warm-up/');
  const demo = page.locator('[data-demo="training-lr"]');
  await fill(demo, 'epochs', '0');
  await refuses(demo, 'Epochs must be a whole number from 1 to 60');
  await fill(demo, 'epochs', '60');
  await cancelWhile(page.locator('[data-demo="training-lr"]'), /Step \d+ of/);
  await fill(demo, 'epochs', '1');
  await demo.locator('[name=n]').selectOption('128');
  await runDemo(page, 'training-lr');
  const rows = demo.locator('[data-out=table] tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText('too low');
  await expect(rows.nth(4)).toContainText('warm-up');
  // Every run reports a finite peak loss in its first epoch.
  for (let i = 0; i < 5; i++)
    expect(Number((await rows.nth(i).locator('td').nth(1).textContent())!)).toBeGreaterThan(0);
  await expect(demo.locator('.uplot')).toHaveCount(1);
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('batch-size demo: updates per run are n, n/B and 1 per epoch; bad input refused; cancel', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'large-image-pipeline/');
  const demo = page.locator('[data-demo="training-batch"]');
  await expect(page.locator('.katex').first()).toBeVisible();
  await fill(demo, 'mini', '0');
  await refuses(demo, 'The mini-batch must be a whole number');
  await fill(demo, 'mini', '16');
  await fill(demo, 'epochs', '30');
  await cancelWhile(page.locator('[data-demo="training-batch"]'), /batch 1 \(SGD\): update \d+/);
  await demo.locator('[name=n]').selectOption('32');
  await fill(demo, 'epochs', '1');
  await fill(demo, 'mini', '8');
  await runDemo(page, 'training-batch');
  const rows = demo.locator('[data-out=table] tbody tr');
  await expect(rows).toHaveCount(3);
  expect(
    await rows.evaluateAll((rs) => rs.map((r) => r.querySelectorAll('td')[2]!.textContent)),
  ).toEqual(['32', '4', '1']);
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('search demo: random search beats the grid on average; real trials are scored', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'grid-vs-random-search/');
  const demo = page.locator('[data-demo="training-search"]');
  await demo.locator('[name=budget]').selectOption('4');
  await fill(demo, 'epochs', '20');
  await cancelWhile(page.locator('[data-demo="training-search"]'), /Real trial \d+ of 8/);
  await fill(demo, 'problems', '300');
  await fill(demo, 'epochs', '1');
  await runDemo(page, 'training-search');
  const avg = (await demo.locator('[data-out=average]').textContent())!;
  const m = /mean best loss ([\d.]+) for the grid and ([\d.]+) for random search/.exec(avg)!;
  expect(Number(m[2])).toBeLessThan(Number(m[1]));
  await expect(demo.locator('[data-out=trials] tbody tr')).toHaveCount(8);
  await expect(demo.locator('[data-out=best]')).toContainText('Best grid trial');
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('k-fold demo: in-file-order folds of class-sorted data are single classes; stratified folds are balanced', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'splits-and-cross-validation/');
  const demo = page.locator('[data-demo="training-kfold"]');
  await fill(demo, 'k', '11');
  await refuses(demo, 'k must be a whole number from 2 to 10');
  await fill(demo, 'k', '10');
  await fill(demo, 'epochs', '200');
  await cancelWhile(page.locator('[data-demo="training-kfold"]'), /Fit \d+ of/);
  await fill(demo, 'epochs', '1');
  await fill(demo, 'repeats', '1');
  await fill(demo, 'k', '3');
  await demo.locator('[name=scheme]').selectOption('plain');
  await runDemo(page, 'training-kfold');
  const counts = () =>
    demo
      .locator('[data-out=cv] tbody tr')
      .evaluateAll((rs) => rs.map((r) => r.querySelectorAll('td')[1]!.textContent));
  expect(await counts()).toEqual(['50 / 0 / 0', '0 / 50 / 0', '0 / 0 / 50']);
  await fill(demo, 'k', '5');
  await demo.locator('[name=scheme]').selectOption('stratified');
  await runDemo(page, 'training-kfold');
  expect(await counts()).toEqual(new Array(5).fill('10 / 10 / 10'));
  await expect(demo.locator('[data-out=holdout]')).toContainText('80/20 splits');
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('validation-curve demo: reports the early-stopping epoch; cancel frees every tensor', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'validation-curves-and-overfitting/');
  const demo = page.locator('[data-demo="training-overfit"]');
  await fill(demo, 'epochs', '500');
  await cancelWhile(page.locator('[data-demo="training-overfit"]'), /Epoch \d+\/500/);
  await fill(demo, 'epochs', '5');
  await runDemo(page, 'training-overfit');
  await expect(demo.locator('[data-out=summary]')).toContainText(
    /Lowest validation loss at epoch E = [1-5]:/,
  );
  await expect(demo.locator('.uplot')).toHaveCount(2);
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('symmetry demo: zero weights never move; random weights give 16 distinct units', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'zero-initialisation/');
  const demo = page.locator('[data-demo="training-symmetry"]');
  await fill(demo, 'epochs', '100');
  await cancelWhile(page.locator('[data-demo="training-symmetry"]'), /all zeros: epoch/);
  await fill(demo, 'epochs', '1');
  await runDemo(page, 'training-symmetry');
  await expect(demo.locator('tr[data-init=zeros]')).toContainText('1 of 16');
  await expect(demo.locator('tr[data-init=zeros] td').nth(2)).toHaveText('0.0000');
  await expect(demo.locator('tr[data-init=constant]')).toContainText('1 of 16');
  await expect(demo.locator('tr[data-init=glorot]')).toContainText('16 of 16');
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});
