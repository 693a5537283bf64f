import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cancelWhile,
  expect,
  expectNoLeak,
  pressRun,
  refuses,
  refusesAndFails,
  test,
} from './fixtures.ts';

const fullRun = JSON.parse(
  readFileSync(join(process.cwd(), 'src/data/autoencoder-pytorch-run.json'), 'utf8'),
) as { lines: string[] };
/** ae-task is heavy: its first Run with new settings only times a few steps and states the estimate. */
const acceptEstimate = async (demo: ReturnType<import('@playwright/test').Page['locator']>) => {
  await pressRun(demo);
  await expect(demo).toHaveAttribute('data-state', 'estimated', { timeout: 120_000 });
};

const TASK = '/autoencoder/task/';
const SEARCH = '/autoencoder/hyperparameter-search/';
const METRIC = '/autoencoder/generative-metric/';
const UNCERTAINTY = '/autoencoder/uncertainty/';
const ROBUSTNESS = '/autoencoder/generative-robustness/';

test('ae-task: the test runs in the page, logs every check, draws reconstructions, samples and codes, leaks nothing', async ({
  page,
  consoleErrors,
  outside,
}) => {
  await page.goto(TASK);
  await expect(page.locator('.katex').first()).toBeVisible();
  await expect(page.locator('a[download="autoencoder.py"]')).toHaveAttribute('href', /\.py$/);
  const demo = page.locator('[data-demo="ae-task"]');
  await demo.locator('[name=n]').selectOption('1000');
  await demo.locator('[name=epochs]').fill('2');
  await acceptEstimate(demo);
  await expect(demo.locator('[data-role=status]')).toContainText(/Estimated: .*download/);
  // The committed full run is one click away, and says how the full PyTorch test ended.
  await demo.locator('[data-role=show-precomputed]').click();
  await expect(demo.locator('[data-role=precomputed]')).toContainText(fullRun.lines.at(-1)!);
  await expectNoLeak(demo);
  await pressRun(demo);
  await expect(demo).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  const log = (await demo.locator('[data-out=log]').textContent())!;
  // The contract checks do not depend on the size of the run; "learned" does, and the verdict must agree with it.
  for (const check of ['code size', 'reconstruction size', 'layers', 'dimensions'])
    expect(log).toMatch(new RegExp(`^PASS ${check}:`, 'm'));
  expect(log).toMatch(/^(PASS|FAIL) learned:/m);
  expect(log.match(/^=> Epoch \d\/2:/gm)).toHaveLength(2);
  const allPass = !/^FAIL /m.test(log);
  await expect(demo.locator('[data-out=verdict]')).toHaveAttribute('data-passed', String(allPass));
  await expect(demo.locator('[data-out=verdict]')).toContainText(allPass ? 'Success!' : 'FAILED');
  const [, mse, meanMse] =
    /held-out per-pixel MSE ([\d.]+) \(must be below the mean training image's ([\d.]+)\)/
      .exec(log)!
      .map(Number);
  expect(mse).toBeGreaterThan(0);
  expect(mse < meanMse!).toBe(allPass);
  for (const c of ['recon', 'generated', 'latent'])
    expect(
      await demo.locator(`[data-out=${c}]`).evaluate((el: HTMLCanvasElement) => el.width),
    ).toBeGreaterThan(0);
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);
});

test('ae-task: bad input and a model outside the contract are refused; cancel mid-training frees every tensor', async ({
  page,
}) => {
  test.skip(
    test.info().project.name === 'webgpu',
    'cancel is backend-independent; the webgpu project cancels the shift experiment',
  );
  await page.goto(TASK);
  const demo = page.locator('[data-demo="ae-task"]');
  await demo.locator('[name=hidden]').fill('64,abc');
  await refusesAndFails(demo, 'Hidden widths must be whole numbers');
  await demo.locator('[name=n]').selectOption('1000');
  await demo.locator('[name=hidden]').fill('256,128,64');
  await acceptEstimate(demo);
  await pressRun(demo);
  await expect(demo).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(demo.locator('[data-out=log]')).toContainText(
    'FAIL layers: 8 layers with parameters',
  );
  await expect(demo.locator('[data-out=log]')).not.toContainText('=> Epoch');
  await expect(demo.locator('[data-out=verdict]')).toHaveText(
    'FAILED: 1 of 4 checks failed (layers).',
  );
  await expect(demo.locator('[data-out=figures]')).toBeHidden();
  await expectNoLeak(demo);
  await demo.locator('[name=hidden]').fill('256,64');
  await acceptEstimate(demo);
  await cancelWhile(demo, /Training: epoch 1\/\d+, step \d+/);
});

test('ae-task: a failed download gives a clear message and leaks nothing', async ({ page }) => {
  test.skip(
    test.info().project.name === 'webgpu',
    'loader behaviour does not depend on the backend',
  );
  await page.goto(TASK);
  await page.route('**/data/mnist/test-labels.u8.gz', (r) => r.abort('internetdisconnected'));
  const demo = page.locator('[data-demo="ae-task"]');
  await acceptEstimate(demo); // the estimate reads only the MNIST manifest
  await pressRun(demo);
  await expect(demo).toHaveAttribute('data-state', 'failed', { timeout: 120_000 });
  await expect(demo.locator('[data-role=status]')).toContainText(
    /Could not reach the server|connection broke/,
  );
  await expectNoLeak(demo);
});

test('ae-q1: the table of the task family lists every variant once, lowest FID first', async ({
  page,
}) => {
  test.skip(test.info().project.name === 'webgpu', 'a static table: the backend plays no part');
  await page.goto(SEARCH);
  const rows = page.locator('[data-ae-family] tbody tr');
  await expect(rows).toHaveCount(7);
  expect(
    await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-variant')).sort()),
  ).toEqual(['bce', 'dropout-0.2', 'lambda-0', 'lambda-0.03', 'one-hidden', 'task', 'wide']);
  const fids = await rows.evaluateAll((trs) =>
    trs.map((tr) => Number(tr.children[4]!.textContent!.split('±')[0])),
  );
  expect(fids).toEqual([...fids].sort((x, y) => x - y));
  for (const layers of await rows.evaluateAll((trs) =>
    trs.map((tr) => Number(tr.children[1]!.textContent)),
  ))
    expect(layers).toBeLessThanOrEqual(6);
});

test('ae-q1: a tiny search (both strategies) fills the leaderboard with finite FIDs and sample images', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(SEARCH);
  const demo = page.locator('[data-demo="ae-search"]');
  await demo.locator('[name=budget]').fill('0.75');
  await demo.locator('[name=maxEpochs]').fill('0.5');
  await demo.locator('[name=n]').selectOption('200');
  await demo.locator('[name=samples]').selectOption('100');
  await pressRun(demo);
  await expect(demo).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  const rows = demo.locator('[data-out=board] tbody tr');
  // Random search: ⌊0.75 / 0.5⌋ = 1 trial; successive halving: the largest 2ᵏ with 0.5·(1 + k/2) ≤ 0.75, i.e. 2 trials.
  expect(await rows.count()).toBe(3);
  const fids = await rows.evaluateAll((trs) =>
    trs.map((tr) => Number((tr as HTMLElement).dataset.fid)),
  );
  for (const v of fids) expect(Number.isFinite(v) && v > 0).toBe(true);
  expect(fids).toEqual([...fids].sort((a, b) => a - b));
  await expect(demo.locator('[data-out=result]')).toContainText('successive halving: best FID');
  expect(await demo.locator('[data-out=board] canvas').count()).toBe(3);
  await expectNoLeak(demo);
  // The committed results render as tables.
  expect(await page.locator('[data-ae-results=search] > table').count()).toBe(2);
  await expect(
    page.locator('[data-ae-results=search] [data-out=search-chart] .uplot'),
  ).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('ae-q1: bad budget is refused; cancel stops the search and frees every tensor', async ({
  page,
}) => {
  test.skip(
    test.info().project.name === 'webgpu',
    'cancel is backend-independent; the webgpu project cancels the shift experiment',
  );
  await page.goto(SEARCH);
  const demo = page.locator('[data-demo="ae-search"]');
  await demo.locator('[name=budget]').fill('1');
  await demo.locator('[name=maxEpochs]').fill('2');
  await refuses(demo, 'The total budget must be at least the max epochs per trial');
  await demo.locator('[name=budget]').fill('6');
  await demo.locator('[name=n]').selectOption('200');
  await cancelWhile(demo, /Random search: trial 1\/\d+, step \d+/);
});

test('ae-q2: the committed FID study renders (bias chart, extractor table with sample strips) with citations', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(METRIC);
  await expect(page.locator('[data-ae-results=bias] .uplot')).toBeVisible();
  await expect(page.locator('[data-ae-results=extractors] tbody tr').first()).toContainText(
    'memoriser',
  );
  const strips = page.locator('[data-ae-results=extractors] canvas[data-digits]');
  expect(await strips.count()).toBeGreaterThanOrEqual(5);
  expect(await strips.first().evaluate((c: HTMLCanvasElement) => c.width)).toBe(8 * 28);
  expect(await page.locator('.csl-entry').count()).toBeGreaterThanOrEqual(8);
  expect(consoleErrors).toEqual([]);
});

/** Small settings for the shift experiments (both pages run the same code). */
async function smallShiftSettings(demo: ReturnType<import('@playwright/test').Page['locator']>) {
  await demo.locator('[name=n]').selectOption('500');
  await demo.locator('[name=epochs]').fill('1');
  await demo.locator('[name=members]').fill('2');
  await demo.locator('[name=mc]').selectOption('5');
}

test('gen-q1: committed results render; the live experiment cancels cleanly (webgpu) or runs small (fallback)', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(UNCERTAINTY);
  expect(
    await page.locator('[data-ae-results=uncertainty] [data-out=reliability] canvas').count(),
  ).toBe(12);
  const demo = page.locator('[data-demo="ae-shifts-uncertainty"]');
  await smallShiftSettings(demo);
  if (test.info().project.name === 'webgpu') {
    // SwiftShader is slow for the scoring phase: on webgpu we check cancel; the fallback runs it through.
    await cancelWhile(demo, /Training ensemble member 1\/2/);
    return;
  }
  await pressRun(demo);
  await expect(demo).toHaveAttribute('data-state', 'done', { timeout: 170_000 });
  await expect(demo.locator('[data-role=status]')).toContainText(/Clean ECE: single [\d.]+/);
  const passes = demo.locator('table[aria-label="Forward passes per prediction"] tbody td');
  await expect(passes.nth(3)).toHaveText('5'); // MC dropout: 5 passes
  await expect(passes.nth(4)).toHaveText('2'); // ensemble: 2 members
  expect(await demo.locator('table').count()).toBe(4);
  await expectNoLeak(demo);
  expect(consoleErrors).toEqual([]);
});

test('gen-q2: the committed OOD table renders with example strips; the live run cancels and frees every tensor', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(ROBUSTNESS);
  expect(await page.locator('[data-ae-results=ood] tbody tr').count()).toBe(7);
  expect(
    await page
      .locator('[data-ae-results=ood] canvas[data-digits]')
      .first()
      .evaluate((c: HTMLCanvasElement) => c.width),
  ).toBe(4 * 28);
  test.skip(
    test.info().project.name === 'webgpu',
    'the live run is the same code as gen-q1; cancel once is enough',
  );
  const demo = page.locator('[data-demo="ae-shifts-ood"]');
  await smallShiftSettings(demo);
  await cancelWhile(demo, /Training ensemble member 1\/2/);
  expect(consoleErrors).toEqual([]);
});
