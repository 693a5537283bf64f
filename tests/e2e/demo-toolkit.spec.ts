import type { Manifest } from '../../src/lib/data/mnist.ts';
import { downloadBytes } from '../../src/lib/data/mnist-chunks.ts';
import { expect, expectNoLeak, openDemo, pressRun, test } from './fixtures.ts';
import { runShortResidual, startLongResidual } from './residual-demo.ts';

/**
 * The islands' toolkit (src/components/demo), as a reader meets it: the badge is hidden before the
 * first run, each number field shows its range before any try, a bad value marks its field and says
 * what is wrong, focus stays in the demo (Cancel while running, Run afterwards), counts are written
 * without "(s)", and chart legends show values rather than "--".
 */

test('controls: range hints before a run, the refused field marked and named, the badge hidden until a run', async ({
  page,
  consoleErrors,
}) => {
  const demo = await openDemo(page, 'layers-conv-size');
  await expect(demo.locator('[data-role=badge]')).toBeHidden();
  await expect(demo.locator('[name=n] + .range-hint')).toHaveText('1–512');
  await expect(demo.locator('[name=p] + .range-hint')).toHaveText('0–64');

  await demo.locator('[name=f]').fill('0');
  await pressRun(demo);
  await expect(demo).toHaveAttribute('data-state', 'failed');
  await expect(demo.locator('[data-role=status]')).toHaveText(
    'Filter f must be a whole number from 1 to 64 (0 is below 1).',
  );
  await expect(demo.locator('[name=f]')).toHaveAttribute('aria-invalid', 'true');
  await expect(demo.locator('[name=f]')).toBeFocused();
  await expect(demo.locator('[data-role=badge]')).toBeHidden();
  await demo.locator('[name=f]').fill('7');
  await expect(demo.locator('[name=f]')).not.toHaveAttribute('aria-invalid', 'true');

  // 224 + 2·3 − 7 = 223 is odd: with stride 2 one row and one column are never covered.
  await demo.locator('[data-role=run]').focus();
  await page.keyboard.press('Enter');
  await expect(demo).toHaveAttribute('data-state', 'done');
  await expect(demo.locator('[data-role=badge]')).toBeVisible();
  await expect(demo.locator('[data-role=run]')).toBeFocused();
  await expect(demo.locator('[data-out=notes]')).toContainText(
    'the last 1 row and 1 column of the padded input',
  );
  expect(await demo.textContent()).not.toContain('(s)');
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('focus: Cancel while a demo runs, Run after it stops; legends show the latest values', async ({
  page,
  consoleErrors,
}) => {
  const demo = await runShortResidual(page);
  const values = await demo.locator('.u-legend .u-value').allTextContents();
  expect(values.length).toBeGreaterThan(0);
  for (const v of values) expect(v).not.toMatch(/--/);

  await startLongResidual(demo);
  await expect(demo.locator('[data-role=cancel]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(demo).toHaveAttribute('data-state', 'cancelled');
  await expect(demo.locator('[data-role=run]')).toBeFocused();
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('MNIST controls: each option shows what a run on that many images downloads, from the manifest', async ({
  page,
  consoleErrors,
}) => {
  const { readFileSync } = await import('node:fs');
  const { splits } = JSON.parse(
    readFileSync('public/data/mnist/manifest.json', 'utf8'),
  ) as Manifest;
  const mb = (split: 'train' | 'test', n: number) =>
    (downloadBytes(splits[split], n) / 1e6).toFixed(1);
  const demo = await openDemo(page, 'lab-cnn');
  const option = (name: string, n: number) => demo.locator(`[name=${name}] option[value="${n}"]`);
  await expect(option('n', 256)).toHaveText(`256 (${mb('train', 256)} MB)`);
  await expect(option('n', 60000)).toHaveText(`60,000 (all, ${mb('train', 60000)} MB)`);
  await expect(option('test', 500)).toHaveText(`500 (${mb('test', 500)} MB)`);
  // A small run costs a small fraction of the whole split.
  expect(Number(mb('train', 256))).toBeLessThan(Number(mb('train', 60000)) / 20);
  await expect(demo.locator('.range-hint', { hasText: 'train set' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
