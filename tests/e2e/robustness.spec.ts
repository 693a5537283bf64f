import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cancelWhile,
  expect,
  expectNoLeak,
  pressRun,
  recordStatuses,
  refuses,
  runDemo,
  test,
} from './fixtures.ts';
import { writeNpy } from '../../src/lib/data/npy.ts';
import { show } from '../../src/lib/robustness/report.ts';

const results = JSON.parse(
  readFileSync(join(process.cwd(), 'src/data/robustness-results.json'), 'utf8'),
);
const BASE = '/mnist-robustness/';
/** A heavy demo's first Run with new settings only times a few steps and states the estimate. */
const acceptEstimate = async (demo: ReturnType<import('@playwright/test').Page['locator']>) => {
  await pressRun(demo);
  await expect(demo).toHaveAttribute('data-state', 'estimated', { timeout: 120_000 });
};
const pctOf = async (loc: ReturnType<import('@playwright/test').Page['locator']>) =>
  Number(/([\d.]+)\s%/.exec((await loc.textContent()) ?? '')![1]);

test("variants page: every stated number is the results file's, and the shipped model evaluates live", async ({
  page,
  consoleErrors,
  outside,
}) => {
  await page.goto(BASE + 'variants/');
  const spans = page.locator('.robust-number');
  const n = await spans.count();
  expect(n).toBeGreaterThan(40);
  for (let i = 0; i < n; i++) {
    const s = spans.nth(i);
    const path = (await s.getAttribute('data-path'))!;
    const digits = await s.getAttribute('data-digits');
    expect(await s.textContent(), path).toBe(
      show(results, path, digits ? Number(digits) : undefined),
    );
  }
  await page.locator('[data-demo="robust-eval"] select[name=n]').selectOption('500');
  const demo = await runDemo(page, 'robust-eval');
  const clean = await pctOf(demo.locator('[data-live=clean]'));
  expect(clean).toBeGreaterThan(90);
  expect(await pctOf(demo.locator('[data-live=t4]'))).toBeLessThan(clean - 30);
  expect(await pctOf(demo.locator('[data-live=t2]'))).toBeLessThan(50);
  await expect(demo.locator('table.confusion')).toHaveCount(5);
  await expectNoLeak(demo);

  await page.locator('[data-demo="robust-fix-t1"] select[name=n]').selectOption('300');
  const t1 = await runDemo(page, 'robust-fix-t1');
  expect(await t1.locator('[data-acc=fixed]').textContent()).toBe(
    await t1.locator('[data-acc=clean]').textContent(),
  );
  expect(await pctOf(t1.locator('[data-acc=broken]'))).toBeLessThan(
    await pctOf(t1.locator('[data-acc=clean]')),
  );
  await expectNoLeak(t1);
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('bring your own .npy: bad files fail with a clear message and change nothing; a good file evaluates', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(BASE + 'variants/');
  const demo = page.locator('[data-demo="robust-npy"]');
  await refuses(demo, 'Choose a .npy file');
  await demo.locator('input[name=images]').setInputFiles({
    name: 'bad.npy',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('PK\x03\x04 not numpy'),
  });
  await runDemo(page, 'robust-npy', /failed/);
  await expect(demo.locator('[data-role=status]')).toContainText('not a .npy file');
  await expect(demo.locator('[data-role=out]')).toBeHidden();
  await expectNoLeak(demo);
  const nan = new Float32Array(2 * 784);
  nan[3] = NaN;
  await demo.locator('input[name=images]').setInputFiles({
    name: 'nan.npy',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(writeNpy(nan, [2, 784])),
  });
  await runDemo(page, 'robust-npy', /failed/);
  await expect(demo.locator('[data-role=status]')).toContainText('NaN');
  const ok = new Uint8Array(20 * 784);
  await demo.locator('input[name=images]').setInputFiles({
    name: 'blank.npy',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(writeNpy(ok, [20, 28, 28])),
  });
  await runDemo(page, 'robust-npy');
  await expect(demo.locator('[data-out=summary]')).toContainText('blank.npy: 20 images, accuracy');
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('train page: the eight-layer MLP trains live on a small subset', async ({
  page,
  consoleErrors,
}, info) => {
  test.skip(
    info.project.name === 'webgpu',
    'training this network on SwiftShader takes minutes: the fallback project covers it, the cancel test covers webgpu',
  );
  await page.goto(BASE + 'train/');
  const demo = page.locator('[data-demo="robust-train"]');
  await demo.locator('select[name=n]').selectOption('1000');
  await demo.locator('input[name=epochs]').fill('1');
  await demo.locator('select[name=test]').selectOption('1000');
  await acceptEstimate(demo);
  await runDemo(page, 'robust-train');
  const acc = Number(
    /: ([\d.]+)\s%/.exec((await demo.locator('[data-out=result]').textContent())!)![1],
  );
  expect(acc).toBeGreaterThan(50);
  await expectNoLeak(demo);
  await demo.locator('input[name=epochs]').fill('25');
  await refuses(demo, 'at most 20');
  expect(consoleErrors).toEqual([]);
});

test('training can be cancelled mid-epoch and frees every tensor', async ({ page }, info) => {
  test.skip(
    info.project.name === 'webgpu',
    'cancel is backend-independent; on SwiftShader this network takes minutes to start: the fallback project covers it',
  );
  await page.goto(BASE + 'train/');
  const demo = page.locator('[data-demo="robust-train"]');
  await demo.locator('select[name=n]').selectOption('5000');
  await demo.locator('select[name=test]').selectOption('1000');
  await acceptEstimate(demo);
  await cancelWhile(demo, 'Epoch 1/');
});

test('a fix trains at a tiny size and is compared with the shipped model on every set', async ({
  page,
  consoleErrors,
}, info) => {
  test.skip(
    info.project.name === 'webgpu',
    'SwiftShader is slow for this network: the fallback project covers it',
  );
  await page.goto(BASE + 'variants/');
  const fix = page.locator('[data-demo="robust-fix"]');
  await fix.locator('select[name=fix]').selectOption('t3');
  await fix.locator('select[name=n]').selectOption('500');
  await fix.locator('input[name=epochs]').fill('1');
  await fix.locator('select[name=test]').selectOption('200');
  const statuses = await recordStatuses(fix);
  await runDemo(page, 'robust-fix');
  expect(await statuses()).toContain('Loading the shipped model…');
  // The table compares the shipped model and the fix on the clean images and on the set it fixes
  // (for t3 also on t4 and on a fresh PGD attack against the new model).
  await expect(fix.locator('[data-out=table] tbody th')).toHaveText([
    'clean',
    't3',
    't4',
    /^fresh PGD-10 on the new model/,
  ]);
  for (const set of ['clean', 't3']) {
    const accuracy = await pctOf(fix.locator(`[data-fix=${set}]`));
    expect(accuracy).toBeGreaterThanOrEqual(0);
    expect(accuracy).toBeLessThanOrEqual(100);
  }
  await expect(fix.locator('[data-role=status]')).toContainText('trained the t3 fix');
  await expectNoLeak(fix);
  expect(consoleErrors).toEqual([]);
});

test('the norm sweep runs at a tiny size', async ({ page, consoleErrors }, info) => {
  test.skip(
    info.project.name === 'webgpu',
    'SwiftShader is slow for this network: the fallback project covers it',
  );
  await page.goto(BASE + 'qualitative/');
  const sweep = page.locator('[data-demo="robust-sweep"]');
  await sweep.locator('select[name=n]').selectOption('50');
  await sweep.locator('select[name=steps]').selectOption('1');
  await runDemo(page, 'robust-sweep');
  expect(await pctOf(sweep.locator('[data-adv="0.15"]'))).toBeLessThan(50);
  await expectNoLeak(sweep);
  expect(consoleErrors).toEqual([]);
});

test('the general model trains at a tiny size', async ({ page, consoleErrors }, info) => {
  test.skip(
    info.project.name === 'webgpu',
    'SwiftShader is slow for this network: the fallback project covers it',
  );
  await page.goto(BASE + 'generalise/');
  const gen = page.locator('[data-demo="robust-general"]');
  await gen.locator('select[name=n]').selectOption('500');
  await gen.locator('input[name=epochs]').fill('1');
  await gen.locator('select[name=test]').selectOption('200');
  await runDemo(page, 'robust-general');
  await expect(gen.locator('[data-general=t4]')).toContainText('%');
  await expectNoLeak(gen);
  // The shipped general model loads in the page and scores what the Node run says, on 2,000 images.
  await gen.locator('select[name=source]').selectOption('shipped');
  await gen.locator('select[name=test]').selectOption('2000');
  await runDemo(page, 'robust-general');
  const node = results.multiSeed.general.runs.find(
    (r: { seed: number }) => r.seed === results.config.shippedSeed,
  ).accuracy.clean;
  // 2,000 of the 10,000 images: within 3 points of the full-set figure.
  expect(Math.abs((await pctOf(gen.locator('[data-general=clean]'))) - 100 * node)).toBeLessThan(3);
  await expectNoLeak(gen);
  expect(consoleErrors).toEqual([]);
});
